using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Generic;

/// <summary>
/// Runs a user-given command through <c>/bin/sh -c</c>. Results come from JUnit XML files the command wrote in the
/// repository during the run, else from TAP on its output, else one outcome with id <c>command</c> that passed or
/// failed with the exit code. Never chosen by detection.
/// </summary>
internal sealed class GenericTestRunner(SandboxedCommandRunner processes, TimeProvider timeProvider) : ITestRunner
{
    public string Name => "generic";

    public bool CanRun(string repositoryPath) => false;

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.Command))
        {
            return new TestRunResult(Name, "", -1, [], "", TimeSpan.Zero) { Problem = "no test command was given: pass one with --test \"CMD\"" };
        }
        var root = request.WorkingDirectory;
        var started = timeProvider.GetUtcNow();
        var spec = TestEnvironment.Prepare(CommandSpec.Shell(request.Command, root), request);
        var result = await processes.RunAsync(spec, root, cancellationToken: cancellationToken).ConfigureAwait(false);

        var problem = RunProblems.OfCommand(spec, result, "sh", "apt-get install dash");
        IReadOnlyList<TestOutcome> tests = ResultFileReader.JUnitWrittenSince(root, started).Select(c => c.ToOutcome()).ToList();
        if (tests.Count == 0)
        {
            tests = TapParser.Parse(result.Output);
        }
        if (tests.Count == 0 && problem is null)
        {
            tests = [CommandOutcome.From(result, spec.Display)];
        }
        return new TestRunResult(Name, spec.Display, result.ExitCode, tests, result.Output, result.Duration)
        {
            Problem = problem,
            TimedOut = result.TimedOut,
            Notes = request.CollectCoverage ? ["coverage is not recorded for a generic test command"] : [],
        };
    }
}
