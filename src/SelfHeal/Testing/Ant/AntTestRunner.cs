using System.Text.RegularExpressions;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Java;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Ant;

/// <summary>
/// Runs an Ant build's test target (<c>ant test</c>) and reads every <c>TEST-*.xml</c> report written during the run.
/// Ant has no standard way to select tests: a selection runs every test and keeps only the selected results.
/// </summary>
internal sealed partial class AntTestRunner(SandboxedCommandRunner processes, JavaCoverageAgent coverageAgent, TimeProvider timeProvider) : ITestRunner
{
    private const string InstallHint = "apt-get install ant ant-optional junit4";

    public string Name => "ant";

    public bool CanRun(string repositoryPath)
    {
        var build = Path.Combine(repositoryPath, "build.xml");
        if (!File.Exists(build))
        {
            return false;
        }
        var text = RepositoryFiles.ReadOrEmpty(build);
        return text.Contains("<junit", StringComparison.Ordinal) || TestTarget().IsMatch(text);
    }

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        var root = request.WorkingDirectory;
        var started = timeProvider.GetUtcNow();
        var notes = new List<string>();
        using var results = new ResultsFolder();
        List<(string Name, string? Value)> environment = [("ANT_ARGS", null)];
        if (request.CollectCoverage)
        {
            var (agent, note) = await coverageAgent.PrepareAsync(results, root, cancellationToken).ConfigureAwait(false);
            environment.AddRange(agent ?? []);
            notes.AddRange(note is null ? [] : [note]);
        }
        var spec = request.Command is { } command ? CommandSpec.Shell(command, root) : new CommandSpec("ant", [Target(root)], root);
        spec = TestEnvironment.Prepare(spec, request, [.. environment]);
        var result = await processes.RunAsync(spec, root, [results.Path], cancellationToken).ConfigureAwait(false);

        var tests = ResultFileReader.JUnitWrittenSince(root, started, ResultFileReader.IsJUnitReportName).Select(c => c.ToOutcome()).ToList();
        if (request.Only.Count > 0 && tests.Count > 0)
        {
            var only = request.Only.ToHashSet(StringComparer.Ordinal);
            tests = tests.Where(t => only.Contains(t.Id) || (t.ClassName is { } c && only.Contains(c))).ToList();
            notes.Add("ant ran every test; only the selected tests' results are kept");
        }
        if (tests.Count == 0 && request.Command is not null && result.ExitCode == 0 && !result.TimedOut)
        {
            tests.Add(CommandOutcome.From(result, spec.Display));
        }
        var problem = RunProblems.OfCommand(spec, result, "ant", InstallHint);
        var errors = CompilerErrors(result.Output, root);
        if (problem is null && errors.Count > 0 && result.ExitCode != 0)
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

    private static string Target(string root)
    {
        var text = RepositoryFiles.ReadOrEmpty(Path.Combine(root, "build.xml"));
        if (TestTarget().IsMatch(text))
        {
            return "test";
        }
        var names = TargetName().Matches(text).Select(m => m.Groups["name"].Value).ToList();
        return names.FirstOrDefault(n => n.Contains("test", StringComparison.OrdinalIgnoreCase)) ?? "test";
    }

    private static List<string> CompilerErrors(string output, string root) =>
        output.Split('\n')
            .Select(l => CompilerError().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["error"].Value.Trim().Replace(Path.GetFullPath(root).TrimEnd('/') + "/", "", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"<target\s[^>]*name\s*=\s*[""']test[""']", RegexOptions.CultureInvariant)]
    private static partial Regex TestTarget();

    [GeneratedRegex(@"<target\s[^>]*name\s*=\s*[""'](?<name>[^""']+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex TargetName();

    [GeneratedRegex(@"^\s*\[javac\]\s+(?<error>\S+\.java:\d+: error: .*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CompilerError();
}
