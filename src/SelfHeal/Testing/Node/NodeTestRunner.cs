using System.Text.Json;
using System.Text.RegularExpressions;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Node;

/// <summary>
/// Runs a package.json project's tests: jest (with its JSON report) when the test script uses jest, else node's
/// built-in runner with a JUnit report in a temp folder and TAP on standard output (read when the JUnit reporter is
/// unavailable). A test's id is its name after its suites', joined with <c> &gt; </c>.
/// </summary>
internal sealed class NodeTestRunner(SandboxedCommandRunner processes, TimeProvider timeProvider) : ITestRunner
{
    private const string InstallHint = "apt-get install nodejs";

    public string Name => "node";

    public bool CanRun(string repositoryPath) => File.Exists(Path.Combine(repositoryPath, "package.json"));

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        using var results = new ResultsFolder();
        var root = request.WorkingDirectory;
        var started = timeProvider.GetUtcNow();
        var notes = new List<string>();
        if (request.CollectCoverage)
        {
            notes.Add("per-test coverage is not recorded for node projects");
        }
        var junit = results.Combine("junit.xml");
        var jestJson = results.Combine("jest.json");
        string[] reporters = ["--test-reporter=junit", "--test-reporter-destination=" + junit, "--test-reporter=tap", "--test-reporter-destination=stdout"];

        CommandSpec spec;
        var tool = "node";
        if (request.Command is { } command)
        {
            var words = ShellCommand.Words(command);
            var appendable = ShellCommand.IsSimple(command) && words.Count >= 2 && words[0] == "node" && words[1] == "--test";
            spec = CommandSpec.Shell(appendable ? InsertAfterTestFlag(command, reporters) : command, root);
        }
        else if (UsesJest(root))
        {
            tool = "jest";
            List<string> arguments = ["--no-install", "jest", "--ci", "--json", "--outputFile=" + jestJson];
            if (request.Only.Count > 0)
            {
                arguments.AddRange(["-t", NamePattern(request.Only)]);
            }
            spec = new CommandSpec("npx", arguments, root);
        }
        else
        {
            List<string> arguments = ["--test", .. reporters];
            if (request.Only.Count > 0)
            {
                arguments.Add("--test-name-pattern=" + NamePattern(request.Only));
            }
            spec = new CommandSpec("node", arguments, root);
        }
        spec = TestEnvironment.Prepare(spec, request, ("NODE_DISABLE_COLORS", "1"));

        var result = await processes.RunAsync(spec, root, [results.Path], cancellationToken).ConfigureAwait(false);
        var tests = Read(result, root, started, junit, jestJson, request.Command is not null);
        if (tests.Count == 0 && request.Command is null && tool == "node" && result.Output.Contains("junit", StringComparison.Ordinal) && !result.TimedOut)
        {
            // This node predates the JUnit reporter: run again with TAP alone.
            spec = spec with { Arguments = spec.Arguments.Where(a => !reporters.Contains(a)).Prepend("--test-reporter=tap").ToList() };
            result = await processes.RunAsync(spec, root, [results.Path], cancellationToken).ConfigureAwait(false);
            tests = Read(result, root, started, junit, jestJson, false);
        }
        if (tests.Count == 0 && request.Command is not null && result.ExitCode is 0 or 1 && !result.TimedOut && result.StartError is null)
        {
            tests = [CommandOutcome.From(result, spec.Display)];
        }

        var problem = RunProblems.OfCommand(spec, result, tool, tool == "jest" ? "run 'npm install' in the repository" : InstallHint);
        if (problem is null && tool == "jest" && !File.Exists(jestJson) && result.ExitCode != 0 && tests.Count == 0)
        {
            problem = $"'jest' is not installed: run 'npm install' in the repository ({RunProblems.Tail(result.Output, 2)})";
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

    private static List<TestOutcome> Read(CommandResult result, string root, DateTimeOffset started, string junit, string jestJson, bool scan)
    {
        if (File.Exists(jestJson))
        {
            return [.. JestJsonParser.Parse(RepositoryFiles.ReadOrEmpty(jestJson), root)];
        }
        var reports = File.Exists(junit) ? [junit]
            : scan ? RepositoryFiles.WrittenSince(root, started, n => n.EndsWith(".xml", StringComparison.Ordinal)).Where(JUnitXmlParser.IsJUnitReport).ToList()
            : [];
        var tests = reports.SelectMany(JUnitXmlParser.ParseFile)
            .Select(c => c.ToOutcome(string.Join(TapParser.Separator, c.Suites.Append(c.Name)), null) with { ClassName = null })
            .ToList();
        return tests.Count > 0 ? tests : [.. TapParser.Parse(result.Output)];
    }

    private static bool UsesJest(string root)
    {
        try
        {
            using var document = JsonDocument.Parse(RepositoryFiles.ReadOrEmpty(Path.Combine(root, "package.json")));
            return document.RootElement.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
                && scripts.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.String
                && Regex.IsMatch(test.GetString()!, @"(^|[\s/])jest(\s|$)", RegexOptions.CultureInvariant);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A regex matching exactly the leaf names of <paramref name="ids"/>.</summary>
    private static string NamePattern(IEnumerable<string> ids) =>
        "^(?:" + string.Join('|', ids.Select(id => Regex.Escape(id.Split(TapParser.Separator)[^1])).Distinct(StringComparer.Ordinal)) + ")$";

    private static string InsertAfterTestFlag(string command, IEnumerable<string> arguments)
    {
        var at = command.IndexOf("--test", StringComparison.Ordinal) + "--test".Length;
        return command[..at] + string.Concat(arguments.Select(a => " " + ShellCommand.Quote(a))) + command[at..];
    }
}
