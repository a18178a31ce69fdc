using System.CommandLine;
using System.Text.Json;
using SelfHeal.Cli.Rendering;
using SelfHeal.Processes;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal doctor</c>: checks the tools SelfHeal uses and says how to install what is missing.</summary>
internal static class DoctorCommand
{
    private sealed record Check(string Name, string Purpose, bool Required, string Install, string FileName, string[] Arguments);

    private static readonly Check[] Checks =
    [
        new("git", "worktrees, history, delivery", true, "apt-get install git", "git", ["--version"]),
        new("dotnet", ".NET repositories (dotnet test, coverlet)", false, "install the .NET SDK: https://dot.net", "dotnet", ["--version"]),
        new("python3", "Python repositories", false, "apt-get install python3", "python3", ["--version"]),
        new("pytest", "Python tests", false, "apt-get install python3-pytest", "python3", ["-m", "pytest", "--version"]),
        new("coverage.py", "per-test coverage for Python fault localization", false, "apt-get install python3-coverage", "python3", ["-m", "coverage", "--version"]),
        new("node", "JavaScript repositories (node --test, npm test)", false, "apt-get install nodejs npm", "node", ["--version"]),
        new("java", "Java repositories", false, "apt-get install default-jdk", "javac", ["-version"]),
        new("ant", "Java builds with Ant (JUnit XML reports)", false, "apt-get install ant ant-optional junit4", "ant", ["-version"]),
        new("maven", "Java builds with Maven (surefire reports)", false, "apt-get install maven", "mvn", ["-v"]),
        new("go", "Go repositories (go test -json)", false, "apt-get install golang-go", "go", ["version"]),
        new("bubblewrap", "the sandbox for the repository's builds and tests (diagnose, fix and demo need it unless --sandbox none)", true, "apt-get install bubblewrap", "bwrap", ["--version"]),
    ];

    public static Command Create()
    {
        var json = GlobalOptions.Json();
        var command = new Command("doctor", "Check this machine for the tools SelfHeal uses, and say how to install what is missing.") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runner = new ProcessRunner();
            var results = await Task.WhenAll(Checks.Select(async check =>
            {
                var result = await runner.RunAsync(new CommandSpec(check.FileName, check.Arguments, Environment.CurrentDirectory) { Timeout = TimeSpan.FromSeconds(20) }, cancellationToken).ConfigureAwait(false);
                var version = result.Succeeded ? SafeText.FirstLine(result.Output, 80) : null;
                return (check, version);
            })).ConfigureAwait(false);
            var missingRequired = results.Any(r => r.check.Required && r.version is null);

            if (parse.GetValue(json))
            {
                Output.Out.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                {
                    r.check.Name, r.check.Purpose, r.check.Required, found = r.version is not null, r.version, install = r.version is null ? r.check.Install : null,
                }), RunJson.Indented));
            }
            else
            {
                foreach (var (check, version) in results)
                {
                    var mark = version is not null ? "ok     " : check.Required ? "MISSING" : "missing";
                    Output.Out.WriteLine($"{mark} {check.Name,-12} {(version ?? "install: " + check.Install)}  ({check.Purpose})");
                }
                Output.Out.WriteLine(missingRequired
                    ? "A required tool is missing: install it and run 'selfheal doctor' again."
                    : "SelfHeal can run here; install the missing tools for the ecosystems you need.");
            }
            return missingRequired ? ExitCodes.NothingFound : ExitCodes.Success;
        });
        return command;
    }
}
