using SelfHeal.Auditing;
using SelfHeal.Processes;

namespace SelfHeal.Git;

/// <summary>
/// Runs git commands. Git is trusted host tooling; hooks and pagers are disabled for every call. With a
/// <see cref="RunAudit"/>, each call made during a run is recorded in its audit log (as run on the host).
/// </summary>
public sealed class GitClient(ProcessRunner processRunner, RunAudit? audit = null)
{
    /// <summary>Runs <c>git ARGS</c> in <paramref name="workingDirectory"/>. Never throws for a non-zero exit.</summary>
    public Task<CommandResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync(workingDirectory, arguments, secretEnvironment: null, cancellationToken);

    /// <summary>
    /// Runs <c>git ARGS</c> with extra environment variables that may hold secrets (credentials for a push as
    /// <c>GIT_CONFIG_*</c>): they never appear in the arguments, so never in the audit log or an error message.
    /// </summary>
    public async Task<CommandResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? secretEnvironment, CancellationToken cancellationToken = default)
    {
        // core.hooksPath=/dev/null: a repository's own hooks are untrusted code and must not run on the host.
        string[] prefix = ["-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat", "-c", "color.ui=false", "-c", "advice.detachedHead=false"];
        var spec = new CommandSpec("git", [.. prefix, .. arguments], workingDirectory)
        {
            Timeout = TimeSpan.FromMinutes(5),
            Environment = new Dictionary<string, string?>(secretEnvironment ?? new Dictionary<string, string?>())
            {
                ["GIT_TERMINAL_PROMPT"] = "0",
                ["LC_ALL"] = "C",
                ["GIT_CONFIG_NOSYSTEM"] = "1",
            },
        };
        var result = await processRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (audit is not null)
        {
            await audit.CommandAsync(spec, result, "host", network: false, "git " + string.Join(' ', arguments), cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Runs git and returns its trimmed output; throws <see cref="GitException"/> when it fails.</summary>
    public async Task<string> RunCheckedAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken).ConfigureAwait(false);
        if (result.StartError is not null)
        {
            throw new GitException("git is not installed or not on PATH (install it with: apt-get install git).");
        }
        if (!result.Succeeded)
        {
            throw new GitException($"git {string.Join(' ', arguments)} failed: {result.Output.Trim()}");
        }
        return result.Output.TrimEnd('\n', '\r');
    }
}

/// <summary>A git command failed where the caller cannot go on.</summary>
public sealed class GitException : Exception
{
    public GitException() { }

    public GitException(string message) : base(message) { }

    public GitException(string message, Exception innerException) : base(message, innerException) { }
}
