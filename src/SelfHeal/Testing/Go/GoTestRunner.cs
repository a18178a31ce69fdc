using System.Text.RegularExpressions;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Go;

/// <summary>
/// Runs <c>go test -json ./...</c> and reads the test2json stream. A package that does not compile makes the run's
/// problem "the build failed". Selected tests run with <c>-run '^(A|B)$'</c> on their top-level names.
/// </summary>
internal sealed class GoTestRunner(SandboxedCommandRunner processes) : ITestRunner
{
    private const string InstallHint = "apt-get install golang-go";

    public string Name => "go";

    public bool CanRun(string repositoryPath) => File.Exists(Path.Combine(repositoryPath, "go.mod"));

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        var root = request.WorkingDirectory;
        var notes = new List<string>();
        if (request.CollectCoverage)
        {
            notes.Add("per-test coverage is not recorded for go projects");
        }
        CommandSpec spec;
        if (request.Command is { } command)
        {
            var appendable = ShellCommand.IsSimple(command) && !ShellCommand.Words(command).Contains("-json");
            var selection = request.Only.Count > 0 && ShellCommand.IsSimple(command) ? " -run " + ShellCommand.Quote(RunPattern(request.Only)) : "";
            spec = CommandSpec.Shell((appendable ? InsertAfterTest(command) : command) + selection, root);
        }
        else
        {
            List<string> arguments = ["test", "-json"];
            if (request.Only.Count > 0)
            {
                arguments.AddRange(["-run", RunPattern(request.Only)]);
            }
            arguments.Add("./...");
            spec = new CommandSpec("go", arguments, root);
        }
        spec = TestEnvironment.Prepare(spec, request, ("GOTOOLCHAIN", "local"), ("GOPROXY", "off"), ("GOCACHE", BuildCache(root)));

        var result = await processes.RunAsync(spec, root, cancellationToken: cancellationToken).ConfigureAwait(false);
        var report = GoTestJsonParser.Parse(result.Output);
        var tests = report.Tests.ToList();
        if (tests.Count == 0 && request.Command is not null && report.BuildErrors.Count == 0 && result.ExitCode is 0 or 1 && !result.TimedOut && result.StartError is null)
        {
            tests.Add(CommandOutcome.From(result, spec.Display));
        }
        var problem = RunProblems.OfCommand(spec, result, "go", InstallHint);
        if (problem is null && report.BuildErrors.Count > 0)
        {
            problem = RunProblems.BuildFailed(report.BuildErrors);
        }
        if (problem is null && tests.Count == 0)
        {
            problem = result.ExitCode == 0 ? RunProblems.NoTests(spec.Display) : RunProblems.NoResults(result, spec.Display);
        }
        return new TestRunResult(Name, spec.Display, result.ExitCode, tests, result.Output, result.Duration)
        {
            Problem = problem,
            TimedOut = result.TimedOut,
            Notes = notes,
        };
    }

    /// <summary><c>^(TestA|TestB)$</c> from ids such as <c>example.com/cart/TestA/sub</c>: the top-level test names.</summary>
    /// <summary>
    /// Go's build cache for runs in <paramref name="root"/>: a folder in the worktree (the one place tests may write),
    /// ignored by git, so every test run of a healing run after the first compiles only what changed, and nothing a
    /// repository's tests write there reaches another run.
    /// </summary>
    internal static string BuildCache(string root)
    {
        var folder = Path.Combine(root, ".selfheal");
        var cache = Path.Combine(folder, "go-build");
        try
        {
            Directory.CreateDirectory(cache);
            var ignore = Path.Combine(folder, ".gitignore");
            if (!File.Exists(ignore))
            {
                File.WriteAllText(ignore, "*\n");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Go reports an unusable cache itself, naming the folder.
        }
        return cache;
    }

    internal static string RunPattern(IEnumerable<string> ids) =>
        "^(" + string.Join('|', ids.Select(TopLevelName).Distinct(StringComparer.Ordinal).Select(Regex.Escape)) + ")$";

    private static string TopLevelName(string id)
    {
        var segments = id.Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("Test", StringComparison.Ordinal) || s.StartsWith("Example", StringComparison.Ordinal) || s.StartsWith("Fuzz", StringComparison.Ordinal));
        return at >= 0 ? segments[at] : segments[^1];
    }

    private static string InsertAfterTest(string command)
    {
        var at = command.IndexOf(" test", StringComparison.Ordinal);
        return at < 0 ? command + " -json" : command[..(at + 5)] + " -json" + command[(at + 5)..];
    }
}
