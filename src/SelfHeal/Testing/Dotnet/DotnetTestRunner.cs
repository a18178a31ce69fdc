using System.Text.RegularExpressions;
using SelfHeal.Coverage;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Dotnet;

/// <summary>
/// Runs <c>dotnet test</c> with the TRX logger writing to a temp folder, and coverlet's <c>XPlat Code Coverage</c>
/// collector when coverage is asked for (one slice for the whole run: coverlet cannot tell tests apart).
/// Builds without the shared compiler server and without node reuse so no process outlives the run.
/// </summary>
internal sealed partial class DotnetTestRunner(SandboxedCommandRunner processes, TimeProvider timeProvider) : ITestRunner
{
    private const string InstallHint = "install the .NET SDK";

    public string Name => "dotnet";

    public bool CanRun(string repositoryPath) => DotnetProjects.FindTestTargets(repositoryPath).Count > 0;

    public async Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        using var results = new ResultsFolder();
        var root = request.WorkingDirectory;
        var started = timeProvider.GetUtcNow();
        var notes = new List<string>();
        var specs = Specs(request, results.Path, notes);
        if (specs.Count == 0)
        {
            return new TestRunResult(Name, "dotnet test", -1, [], "", TimeSpan.Zero) { Problem = "no .NET test project was found" };
        }

        var outputs = new List<string>();
        CommandResult? last = null;
        var exitCode = 0;
        string? problem = null;
        var duration = TimeSpan.Zero;
        foreach (var spec in specs)
        {
            last = await processes.RunAsync(spec, root, [results.Path], cancellationToken).ConfigureAwait(false);
            outputs.Add(last.Output);
            duration += last.Duration;
            exitCode = exitCode != 0 ? exitCode : last.ExitCode;
            problem ??= RunProblems.OfCommand(spec, last, "dotnet", InstallHint);
            if (last.TimedOut || last.StartError is not null)
            {
                break;
            }
        }
        var command = string.Join(" && ", specs.Select(s => s.Display));
        var output = string.Join("\n", outputs);

        var trxFiles = Directory.GetFiles(results.Path, "*.trx", SearchOption.AllDirectories).ToList();
        if (trxFiles.Count == 0 && request.Command is not null)
        {
            trxFiles.AddRange(RepositoryFiles.WrittenSince(root, started, n => n.EndsWith(".trx", StringComparison.Ordinal)));
        }
        var tests = trxFiles.SelectMany(TrxParser.ParseFile).ToList();
        if (tests.Count == 0 && request.Command is not null && problem is null && exitCode is 0 or 1 && BuildErrors(output, root).Count == 0)
        {
            tests.Add(CommandOutcome.From(last!, command));
        }

        if (problem is null)
        {
            var errors = BuildErrors(output, root);
            if (errors.Count > 0 && exitCode != 0)
            {
                problem = RunProblems.BuildFailed(errors);
            }
            else if (tests.Count == 0)
            {
                problem = exitCode == 0 ? RunProblems.NoTests(command) : RunProblems.NoResults(last!, command);
            }
        }

        CoverageReport? coverage = null;
        if (request.CollectCoverage && tests.Count > 0)
        {
            var files = Directory.GetFiles(results.Path, "coverage.cobertura.xml", SearchOption.AllDirectories);
            if (files.Length == 0)
            {
                notes.Add("no coverage was recorded: add the coverlet.collector package to the test project");
            }
            else
            {
                var lines = new HashSet<SourceLine>();
                foreach (var file in files)
                {
                    lines.UnionWith(CoberturaParser.ParseFile(file, root));
                }
                var ids = tests.Where(t => t.Status != TestStatus.Skipped).Select(t => t.Id).Distinct(StringComparer.Ordinal).ToList();
                coverage = new CoverageReport([new CoverageSlice(ids, lines)]);
            }
        }

        return new TestRunResult(Name, command, exitCode, tests, output, duration)
        {
            Problem = problem,
            TimedOut = last!.TimedOut,
            Coverage = coverage,
            Notes = notes,
        };
    }

    private static List<CommandSpec> Specs(TestRunRequest request, string resultsPath, List<string> notes)
    {
        var root = request.WorkingDirectory;
        var options = new List<string> { "--logger", "trx;LogFilePrefix=selfheal", "--results-directory", resultsPath };
        if (request.NoBuild)
        {
            options.Add("--no-build");
        }
        else
        {
            // The compiler server builds a small solution about twice as fast, but it detaches from the process tree and
            // outlives the run; a run must leave nothing behind, and killing a shared server could hit another build.
            options.Add("-p:UseSharedCompilation=false");
        }
        if (request.Only.Count > 0)
        {
            options.AddRange(["--filter", VsTestFilter.ForIds(request.Only)]);
        }
        if (request.CollectCoverage)
        {
            options.AddRange(["--collect", "XPlat Code Coverage"]);
        }

        if (request.Command is { } command)
        {
            if (!ShellCommand.IsSimple(command))
            {
                notes.Add("the test command is not a plain 'dotnet test': its TRX files are looked for in the repository");
                return [Prepare(CommandSpec.Shell(command, root), request)];
            }
            return [Prepare(CommandSpec.Shell(ShellCommand.Append(command, options), root), request)];
        }
        return DotnetProjects.FindTestTargets(root)
            .Select(target => Prepare(new CommandSpec("dotnet", ["test", target, .. options], root), request))
            .ToList();
    }

    private static CommandSpec Prepare(CommandSpec spec, TestRunRequest request) =>
        TestEnvironment.Prepare(spec, request,
            ("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
            ("DOTNET_NOLOGO", "1"),
            ("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1"),
            ("DOTNET_CLI_USE_MSBUILD_SERVER", "0"),
            ("MSBUILDDISABLENODEREUSE", "1"),
            ("UseSharedCompilation", "false"));

    /// <summary>The distinct compiler and MSBuild errors in <paramref name="output"/>, paths made repo-relative.</summary>
    internal static IReadOnlyList<string> BuildErrors(string output, string root)
    {
        var prefix = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => ErrorLine().IsMatch(l))
            .Select(l => ProjectSuffix().Replace(l, "").Replace(prefix, "", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"(^|\s|:)error [A-Z]{2,}\d{3,}:", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\s+\[[^\]]+\.(cs|fs|vb)proj(::[^\]]*)?\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectSuffix();
}
