using System.Text.RegularExpressions;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Java;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Maven;

/// <summary>
/// Runs <c>mvn -B -q -o test</c> (offline: the restore step fetched the dependencies) and reads the Surefire reports (<c>TEST-*.xml</c>) written during the run, in every module.
/// Selected tests run with <c>-Dtest=Class#a+b</c>.
/// </summary>
internal sealed partial class MavenTestRunner(SandboxedCommandRunner processes, JavaCoverageAgent coverageAgent, TimeProvider timeProvider) : ITestRunner
{
    private const string InstallHint = "apt-get install maven";

    public string Name => "maven";

    public bool CanRun(string repositoryPath) => File.Exists(Path.Combine(repositoryPath, "pom.xml"));

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        var root = request.WorkingDirectory;
        var started = timeProvider.GetUtcNow();
        using var results = new ResultsFolder();
        List<string> notes = [];
        IReadOnlyList<(string Name, string? Value)>? agent = null;
        if (request.CollectCoverage)
        {
            (agent, var note) = await coverageAgent.PrepareAsync(results, root, cancellationToken).ConfigureAwait(false);
            notes.AddRange(note is null ? [] : [note]);
        }
        var spec = TestEnvironment.Prepare(Spec(request), request, [.. agent ?? []]);
        var result = await processes.RunAsync(spec, root, [results.Path], cancellationToken).ConfigureAwait(false);
        var tests = ResultFileReader.JUnitWrittenSince(root, started, ResultFileReader.IsJUnitReportName).Select(c => c.ToOutcome()).ToList();
        if (tests.Count == 0 && request.Command is not null && result.ExitCode == 0 && !result.TimedOut)
        {
            tests.Add(CommandOutcome.From(result, spec.Display));
        }
        var problem = RunProblems.OfCommand(spec, result, "mvn", InstallHint);
        var errors = CompilerErrors(result.Output, root);
        if (problem is null && errors.Count > 0)
        {
            problem = RunProblems.BuildFailed(errors);
        }
        if (problem is null && tests.Count == 0)
        {
            problem = result.ExitCode == 0 ? RunProblems.NoTests(spec.Display) : RunProblems.NoResults(result, spec.Display);
        }
        return new TestRunResult(Name, spec.Display, result.ExitCode, tests, result.Output, result.Duration)
        {
            Problem = problem,
            TimedOut = result.TimedOut,
            Coverage = request.CollectCoverage ? JavaCoverageAgent.Read(results, root, notes) : null,
            Notes = notes,
        };
    }

    /// <summary>The command for <paramref name="request"/>: the user's as given, else <c>mvn -B -q -o test</c> with the selection.</summary>
    internal static CommandSpec Spec(TestRunRequest request)
    {
        if (request.Command is { } command)
        {
            return CommandSpec.Shell(command, request.WorkingDirectory);
        }
        List<string> arguments = ["-B", "-q", "-o", "test"];
        if (request.Only.Count > 0)
        {
            arguments.AddRange(["-Dtest=" + TestSelector(request.Only), "-Dsurefire.failIfNoSpecifiedTests=false"]);
        }
        return new CommandSpec("mvn", arguments, request.WorkingDirectory);
    }

    /// <summary>Surefire's <c>-Dtest</c> value for ids <c>com.shop.CartTest.total</c>: <c>com.shop.CartTest#total+empty,com.shop.Other#x</c>.</summary>
    internal static string TestSelector(IEnumerable<string> ids) =>
        string.Join(',', ids
            .Select(id => id.LastIndexOf('.') is var dot and > 0 ? (Class: id[..dot], Method: id[(dot + 1)..]) : (Class: id, Method: ""))
            .GroupBy(t => t.Class, StringComparer.Ordinal)
            .Select(g => g.Any(t => t.Method.Length == 0)
                ? g.Key
                : g.Key + "#" + string.Join('+', g.Select(t => t.Method).Distinct(StringComparer.Ordinal))));

    private static List<string> CompilerErrors(string output, string root) =>
        output.Split('\n')
            .Select(l => CompilerError().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["error"].Value.Trim().Replace(Path.GetFullPath(root).TrimEnd('/') + "/", "", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^\[ERROR\]\s+(?<error>\S+\.(java|kt|scala|groovy):\[\d+,\d+\].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CompilerError();
}
