using System.Text.Json;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Dotnet;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Restore;

/// <summary>
/// Fetches a repository's packages as a step of its own before the build and tests, the one step allowed the
/// network: still in the sandbox, writable only in the worktree and SelfHeal's package caches. .NET:
/// <c>dotnet restore</c> of each test target (packages the machine already has come from the user's NuGet folder,
/// read-only, so an offline machine restores too); Node: <c>npm ci</c> (or <c>npm install</c> without a lock file)
/// with install scripts disabled, when the project declares dependencies and has no <c>node_modules</c>.
/// Other ecosystems restore nothing here. Thread-safe.
/// </summary>
internal sealed class PackageRestore(SandboxedCommandRunner runner)
{
    /// <summary>Restores <paramref name="root"/>'s packages for <paramref name="runnerName"/>; <see langword="null"/> when nothing needs restoring.</summary>
    public async Task<PackageRestoreResult?> RestoreAsync(string root, string runnerName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var specs = Specs(root, runnerName).Select(s => s with { Timeout = timeout }).ToList();
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

    internal static IReadOnlyList<CommandSpec> Specs(string root, string runnerName) => runnerName switch
    {
        "dotnet" => [.. DotnetProjects.FindTestTargets(root).Select(target => new CommandSpec("dotnet", ["restore", target], root)
        {
            Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" },
        })],
        "node" when NeedsNpm(root) => [new CommandSpec("npm",
            [File.Exists(Path.Combine(root, "package-lock.json")) || File.Exists(Path.Combine(root, "npm-shrinkwrap.json")) ? "ci" : "install", "--ignore-scripts", "--no-audit", "--no-fund"], root)],
        _ => [],
    };

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
