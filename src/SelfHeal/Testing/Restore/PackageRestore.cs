using System.Text.Json;
using System.Text.RegularExpressions;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Dotnet;
using SelfHeal.Testing.Pytest;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Restore;

/// <summary>
/// Fetches a repository's packages as a step of its own before the build and tests, the one step allowed the
/// network: still in the sandbox, writable only in the worktree and SelfHeal's package caches. .NET:
/// <c>dotnet restore</c> of each test target (packages the machine already has come from the user's NuGet folder,
/// read-only, so an offline machine restores too); Node: <c>npm ci</c> (or <c>npm install</c> without a lock file)
/// with install scripts disabled, when the project declares dependencies and has no <c>node_modules</c>; Python:
/// a <c>.venv</c> in the worktree that sees the interpreter's own packages (pytest, coverage.py), into which pip
/// installs the requirement files and the <c>pyproject.toml</c> dependencies (with its <c>test</c>/<c>dev</c> extras)
/// from wheels only, so no package's build code runs; Go: <c>go mod download</c> into SelfHeal's module cache; Maven:
/// <c>mvn dependency:go-offline</c> into SelfHeal's local repository, so the tests then run offline (<c>-o</c>).
/// Other ecosystems restore nothing here. Thread-safe.
/// </summary>
internal sealed partial class PackageRestore(SandboxedCommandRunner runner)
{
    /// <summary>The requirement files pip installs, when present.</summary>
    internal static readonly IReadOnlyList<string> RequirementFiles =
    [
        "requirements.txt", "requirements-dev.txt", "requirements_dev.txt", "dev-requirements.txt", "requirements-test.txt",
        "requirements_test.txt", "test-requirements.txt", "requirements/test.txt", "requirements/dev.txt",
    ];

    private const string VenvFolder = ".venv";

    /// <summary>Lists pyproject.toml's dependencies and its test/dev extras, one per line, for pip's <c>-r</c>.</summary>
    private const string PyprojectRequirements = """
        import sys, tomllib
        with open("pyproject.toml", "rb") as f:
            project = tomllib.load(f).get("project", {})
        wanted = list(project.get("dependencies", []))
        for name, extra in project.get("optional-dependencies", {}).items():
            if name.lower() in ("test", "tests", "testing", "dev"):
                wanted += extra
        with open(sys.argv[1], "w") as out:
            out.write("".join(line + "\n" for line in wanted))
        """;

    private readonly PythonLocator _pythons = new(runner);

    /// <summary>Restores <paramref name="root"/>'s packages for <paramref name="runnerName"/>; <see langword="null"/> when nothing needs restoring.</summary>
    public async Task<PackageRestoreResult?> RestoreAsync(string root, string runnerName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var python = "python3";
        if (runnerName == "pytest" && NeedsPip(root) && await _pythons.FindAsync(root, wantCoverage: true, cancellationToken).ConfigureAwait(false) is { } found)
        {
            python = found.Path;
        }
        var specs = Specs(root, runnerName, python).Select(s => s with { Timeout = timeout }).ToList();
        if (specs.Count == 0)
        {
            return null;
        }
        var duration = TimeSpan.Zero;
        foreach (var spec in specs)
        {
            var result = await runner.RunAsync(new SandboxedCommand(spec, root) { AllowNetwork = true }, cancellationToken).ConfigureAwait(false);
            duration += result.Duration;
            if (!result.Succeeded)
            {
                var why = result.StartError ?? (result.TimedOut ? $"it did not finish within {RunProblems.Describe(timeout)}" : RunProblems.Tail(result.Output, 3));
                return new PackageRestoreResult(spec.Display, result.ExitCode, duration, why);
            }
        }
        return new PackageRestoreResult(string.Join(" && ", specs.Select(s => s.Display)), 0, duration, null);
    }

    internal static IReadOnlyList<CommandSpec> Specs(string root, string runnerName, string python = "python3") => runnerName switch
    {
        "pytest" when NeedsPip(root) => PipSpecs(root, python),
        "maven" when File.Exists(Path.Combine(root, "pom.xml")) => [new CommandSpec("mvn", ["-B", "-q", "dependency:go-offline"], root)],
        "go" when File.Exists(Path.Combine(root, "go.mod")) && Require().IsMatch(RepositoryFiles.ReadOrEmpty(Path.Combine(root, "go.mod"))) =>
            [new CommandSpec("go", ["mod", "download"], root) { Environment = new Dictionary<string, string?> { ["GOTOOLCHAIN"] = "local" } }],
        "dotnet" => [.. DotnetProjects.FindTestTargets(root).Select(target => new CommandSpec("dotnet", ["restore", target], root)
        {
            Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" },
        })],
        "node" when NeedsNpm(root) => [new CommandSpec("npm",
            [File.Exists(Path.Combine(root, "package-lock.json")) || File.Exists(Path.Combine(root, "npm-shrinkwrap.json")) ? "ci" : "install", "--ignore-scripts", "--no-audit", "--no-fund"], root)],
        _ => [],
    };

    /// <summary>
    /// Whether a Python project declares dependencies (a requirement file with a requirement in it, or a non-empty
    /// <c>dependencies</c> list in <c>pyproject.toml</c>) and has no virtual environment of its own yet.
    /// </summary>
    private static bool NeedsPip(string root) =>
        !Directory.Exists(Path.Combine(root, VenvFolder)) && !Directory.Exists(Path.Combine(root, "venv"))
        && (RequirementFiles.Any(f => RepositoryFiles.ReadOrEmpty(Path.Combine(root, f)).Split('\n').Any(IsRequirement))
            || PyprojectDependencies().IsMatch(RepositoryFiles.ReadOrEmpty(Path.Combine(root, "pyproject.toml"))));

    private static bool IsRequirement(string line)
    {
        var text = line.Trim();
        return text.Length > 0 && !text.StartsWith('#') && !text.StartsWith('-');
    }

    private static List<CommandSpec> PipSpecs(string root, string python)
    {
        var venvPython = Path.Combine(root, VenvFolder, "bin", "python");
        // The venv is in the worktree (the one writable place), ignored by git so no listing of the worktree sees it.
        List<CommandSpec> specs =
        [
            new("/bin/sh", ["-c", "\"$0\" -m venv --without-pip --system-site-packages .venv && printf '*\\n' > .venv/.gitignore", python], root),
        ];
        List<string> install = ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--only-binary=:all:"];
        foreach (var file in RequirementFiles.Where(f => File.Exists(Path.Combine(root, f))))
        {
            install.AddRange(["-r", file]);
        }
        if (PyprojectDependencies().IsMatch(RepositoryFiles.ReadOrEmpty(Path.Combine(root, "pyproject.toml"))))
        {
            var listed = Path.Combine(VenvFolder, "pyproject-requirements.txt");
            specs.Add(new CommandSpec(venvPython, ["-c", PyprojectRequirements, listed], root));
            install.AddRange(["-r", listed]);
        }
        specs.Add(new CommandSpec(venvPython, install, root) { Environment = new Dictionary<string, string?> { ["PIP_NO_INPUT"] = "1" } });
        return specs;
    }

    [GeneratedRegex(@"^\s*(dependencies\s*=\s*\[\s*[""']|\[project\.optional-dependencies\])", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PyprojectDependencies();

    [GeneratedRegex(@"^\s*require\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Require();

    private static bool NeedsNpm(string root)
    {
        if (Directory.Exists(Path.Combine(root, "node_modules")))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(RepositoryFiles.ReadOrEmpty(Path.Combine(root, "package.json")));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && new[] { "dependencies", "devDependencies" }.Any(name => document.RootElement.TryGetProperty(name, out var deps)
                    && deps.ValueKind == JsonValueKind.Object && deps.EnumerateObject().Any());
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>What a restore step did.</summary>
/// <param name="Problem">Why it failed, or <see langword="null"/> when it succeeded.</param>
internal sealed record PackageRestoreResult(string Command, int ExitCode, TimeSpan Duration, string? Problem);
