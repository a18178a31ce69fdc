using System.Globalization;
using SelfHeal.Coverage;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Pytest;

/// <summary>
/// Runs pytest with a JUnit report in a temp folder and, when coverage is asked for, under coverage.py with
/// <c>dynamic_context = test_function</c>, giving one coverage slice per test function. Leaves no cache or bytecode
/// in the repository.
/// </summary>
internal sealed class PytestRunner(SandboxedCommandRunner processes, TimeProvider timeProvider) : ITestRunner
{
    private const string InstallHint = "apt-get install python3-pytest";
    private readonly PythonLocator _pythons = new(processes);

    public string Name => "pytest";

    public bool CanRun(string repositoryPath)
    {
        bool Has(string file) => File.Exists(Path.Combine(repositoryPath, file));
        bool Mentions(string file, string text) => Has(file) && RepositoryFiles.ReadOrEmpty(Path.Combine(repositoryPath, file)).Contains(text, StringComparison.Ordinal);
        bool HasTestFiles(string dir) => Directory.Exists(Path.Combine(repositoryPath, dir))
            && Directory.EnumerateFiles(Path.Combine(repositoryPath, dir), "*.py").Select(Path.GetFileName).Any(n => n!.StartsWith("test_", StringComparison.Ordinal) || n.EndsWith("_test.py", StringComparison.Ordinal));
        return Directory.Exists(repositoryPath)
            && (Has("pytest.ini") || Has("conftest.py") || Mentions("pyproject.toml", "[tool.pytest") || Mentions("setup.cfg", "[tool:pytest]")
                || Mentions("tox.ini", "[pytest]") || HasTestFiles("tests") || HasTestFiles("test") || HasTestFiles("."));
    }

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        using var results = new ResultsFolder();
        var root = request.WorkingDirectory;
        var started = timeProvider.GetUtcNow();
        var notes = new List<string>();
        var junit = results.Combine("junit.xml");
        string[] reportOptions = ["-p", "no:cacheprovider", "--junitxml=" + junit, "-o", "junit_family=xunit1"];

        PythonInterpreter? python = null;
        string? rcFile = null;
        CommandSpec spec;
        if (request.Command is { } command)
        {
            spec = CommandSpec.Shell(ShellCommand.IsSimple(command) ? ShellCommand.Append(command, [.. reportOptions, .. request.Only]) : command, root);
            if (request.Only.Count > 0 && !ShellCommand.IsSimple(command))
            {
                notes.Add("the selected tests could not be passed to the custom command: it ran as given");
            }
            if (request.CollectCoverage)
            {
                notes.Add("coverage is not recorded for a custom pytest command");
            }
        }
        else
        {
            python = await _pythons.FindAsync(root, request.CollectCoverage, cancellationToken).ConfigureAwait(false);
            if (python is null)
            {
                return new TestRunResult(Name, "python3 -m pytest", -1, [], "", TimeSpan.Zero) { Problem = $"'pytest' is not installed: {InstallHint}" };
            }
            List<string> arguments = [];
            if (request.CollectCoverage && python.HasCoverage)
            {
                rcFile = results.Combine("coveragerc");
                await File.WriteAllTextAsync(rcFile, CoverageRc(results.Combine(".coverage"), root), cancellationToken).ConfigureAwait(false);
                arguments.AddRange(["-m", "coverage", "run", "--rcfile=" + rcFile]);
            }
            else if (request.CollectCoverage)
            {
                notes.Add($"coverage is not recorded: coverage.py is not installed for {python.Path} (apt-get install python3-coverage)");
            }
            arguments.AddRange(["-m", "pytest", "-q", .. reportOptions, .. request.Only]);
            spec = new CommandSpec(python.Path, arguments, root);
        }
        spec = TestEnvironment.Prepare(spec, request, ("PYTHONDONTWRITEBYTECODE", "1"), ("PY_COLORS", "0"));

        var result = await processes.RunAsync(spec, root, [results.Path], cancellationToken).ConfigureAwait(false);
        var reports = File.Exists(junit) ? [junit]
            : request.Command is null ? []
            : RepositoryFiles.WrittenSince(root, started, n => n.EndsWith(".xml", StringComparison.Ordinal)).Where(JUnitXmlParser.IsJUnitReport).ToList();
        var tests = reports.SelectMany(JUnitXmlParser.ParseFile).Select(c =>
        {
            var (id, file) = PytestNodeIds.Of(c, root);
            return c.ToOutcome(id, file);
        }).ToList();
        if (tests.Count == 0 && request.Command is not null && result.ExitCode is 0 or 1 && !result.TimedOut && result.StartError is null)
        {
            tests.Add(CommandOutcome.From(result, spec.Display));
        }

        var problem = RunProblems.OfCommand(spec, result, "pytest", InstallHint);
        if (problem is null && tests.Count == 0)
        {
            problem = result.ExitCode is 0 or 5 ? RunProblems.NoTests(spec.Display) : RunProblems.NoResults(result, spec.Display);
        }

        CoverageReport? coverage = null;
        if (rcFile is not null && python is not null && tests.Count > 0 && !result.TimedOut)
        {
            coverage = await CoverageAsync(python, rcFile, results, request, tests, notes, cancellationToken).ConfigureAwait(false);
        }

        return new TestRunResult(Name, spec.Display, result.ExitCode, tests, result.Output, result.Duration)
        {
            Problem = problem,
            TimedOut = result.TimedOut,
            Coverage = coverage,
            Notes = notes,
        };
    }

    private async Task<CoverageReport?> CoverageAsync(
        PythonInterpreter python, string rcFile, ResultsFolder results, TestRunRequest request, List<TestOutcome> tests, List<string> notes, CancellationToken cancellationToken)
    {
        var json = results.Combine("coverage.json");
        var spec = TestEnvironment.Prepare(
            new CommandSpec(python.Path, ["-m", "coverage", "json", "--rcfile=" + rcFile, "--show-contexts", "-o", json], request.WorkingDirectory),
            request with { Timeout = TimeSpan.FromMinutes(2) });
        var result = await processes.RunAsync(spec, request.WorkingDirectory, [results.Path], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || !File.Exists(json))
        {
            notes.Add("coverage.py recorded no data: " + RunProblems.Tail(result.Output, 3));
            return null;
        }
        var contexts = CoveragePyJsonParser.ParseContexts(await File.ReadAllTextAsync(json, cancellationToken).ConfigureAwait(false), request.WorkingDirectory);
        return new CoverageReport(PytestNodeIds.Slices(contexts, tests));
    }

    private static string CoverageRc(string dataFile, string root) => string.Create(CultureInfo.InvariantCulture, $"""
        [run]
        dynamic_context = test_function
        branch = False
        data_file = {dataFile}
        source = {root}

        """);
}
