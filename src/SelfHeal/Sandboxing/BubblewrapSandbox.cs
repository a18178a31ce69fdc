using System.Globalization;
using System.Text;
using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

/// <summary>
/// Runs commands under bubblewrap: new user, mount, pid, network (unless allowed), IPC, UTS and cgroup
/// namespaces, no capabilities, no nested user namespaces, a new session (no terminal injection), and a
/// filesystem made of the read-only system folders and toolchains, the writable worktree and listed
/// paths, and private tmpfs /tmp and HOME. Memory and process counts are bounded by a cgroup created
/// per command (rlimits where cgroups are not writable); CPU time and file size by rlimits. When the
/// command ends, its pid namespace ends with it and the cgroup is swept, so no daemon survives.
/// Thread-safe: each call builds its own sandbox.
/// </summary>
internal sealed class BubblewrapSandbox(string bubblewrapPath, SandboxOptions options, TimeProvider timeProvider) : ISandbox
{
    private const int SignalExit = 128;
    private const int SigXcpu = 24;
    private const int SigXfsz = 25;
    private readonly ContainedProcessRunner _runner = new(timeProvider);

    public string Name => SandboxOptions.Bubblewrap;

    public bool IsIsolated => true;

    /// <summary>Whether to bound memory and processes with a cgroup when one can be created. Default <see langword="true"/>.</summary>
    internal bool UseCgroups { get; init; } = true;

    public async Task<CommandResult> RunAsync(SandboxedCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var limits = command.Limits ?? options.Limits;
        if ((Problem(command) ?? Problem(limits)) is { } problem)
        {
            return new CommandResult(-1, "", TimeSpan.Zero) { StartError = problem };
        }

        var (environment, withheld) = SandboxEnvironment.Build(command.Spec.Environment, Environment.GetEnvironmentVariable);
        var cgroup = UseCgroups ? CgroupScope.TryCreate(limits.MemoryBytes, limits.MaxProcesses) : null;
        var bwrapArguments = BubblewrapArguments.Build(command, limits, environment, options.ReadOnlyPaths.Concat(command.ReadOnlyPaths), cgroup is not null);

        // A shell joins the cgroup, then becomes bwrap: nothing can fork before the limits apply.
        var join = cgroup is null ? [] : cgroup.ProcsFiles;
        var script = new StringBuilder();
        for (var i = 1; i <= join.Count; i++)
        {
            script.Append(CultureInfo.InvariantCulture, $"echo $$ > \"${i}\" || exit 125; ");
        }
        script.Append(CultureInfo.InvariantCulture, $"shift {join.Count}; exec \"$@\"");
        List<string> arguments = ["-c", script.ToString(), "sandbox", .. join, bubblewrapPath, .. bwrapArguments];

        ContainedRun run;
        (bool OutOfMemory, bool ProcessLimitHit) cgroupEvents = (false, false);
        try
        {
            run = await _runner.RunAsync("/bin/sh", arguments, command.Spec.Timeout, command.Spec.MaxOutputChars, limits.MaxOutputChars, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (cgroup is not null)
            {
                cgroupEvents = await cgroup.KillAndRemoveAsync().ConfigureAwait(false);
            }
        }

        var firstLine = run.Output.Split('\n', 2)[0];
        if (run.ExitCode == 1 && firstLine.StartsWith("bwrap: ", StringComparison.Ordinal))
        {
            throw new SandboxUnavailableException(
                $"bubblewrap could not set up the sandbox ({firstLine}): allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or the AppArmor profile for bwrap), or pass --sandbox none to run untrusted code without isolation");
        }
        var startError = run.StartError;
        if (run.ExitCode == 127 && firstLine.StartsWith("prlimit: failed to execute ", StringComparison.Ordinal))
        {
            startError = $"could not start '{command.Spec.FileName}' in the sandbox: {firstLine["prlimit: failed to execute ".Length..]}";
        }

        var containment = new List<string>();
        if (cgroupEvents.OutOfMemory)
        {
            containment.Add("memory");
        }
        if (cgroupEvents.ProcessLimitHit)
        {
            containment.Add("processes");
        }
        if (run.ExitCode == SignalExit + SigXcpu)
        {
            containment.Add("cpu");
        }
        if (run.ExitCode == SignalExit + SigXfsz)
        {
            containment.Add("file size");
        }
        if (run.OutputLimitHit)
        {
            containment.Add("output cap");
        }
        if (run.TimedOut)
        {
            containment.Add("timeout");
        }

        var warnings = new List<string>();
        if (withheld.Count > 0)
        {
            warnings.Add("environment variables withheld from the sandbox because they look like secrets: " + string.Join(", ", withheld));
        }
        if (cgroup is null)
        {
            warnings.Add("no cgroup could be created: memory is limited per process (RLIMIT_DATA) and processes per user (RLIMIT_NPROC, which does not bind root)");
        }

        return new CommandResult(run.ExitCode, run.Output, run.Duration)
        {
            TimedOut = run.TimedOut,
            OutputTruncated = run.OutputTruncated,
            StartError = startError,
            Containment = containment.Count == 0 ? null : string.Join(", ", containment),
            Warning = warnings.Count == 0 ? null : string.Join("; ", warnings),
        };
    }

    private static string? Problem(SandboxLimits limits) =>
        limits.MemoryBytes < 16L * 1024 * 1024 || limits.MaxProcesses < 8 || limits.MaxFileSizeBytes <= 0 || limits.MaxOutputChars <= 0 || limits.CpuSeconds <= 0
            ? $"sandbox limits too small to start anything: {limits} (at least 16 MiB of memory and 8 processes)"
            : null;

    private static string? Problem(SandboxedCommand command)
    {
        var writable = command.ReadWritePaths.Append(command.WritableRoot).ToList();
        if (writable.FirstOrDefault(p => !Path.IsPathRooted(p) || !(Directory.Exists(p) || File.Exists(p))) is { } missing)
        {
            return $"'{missing}' does not exist or is not absolute: it cannot be made writable in the sandbox";
        }
        if (writable.FirstOrDefault(p => BubblewrapArguments.SystemRoots.Any(root => BubblewrapArguments.IsUnder(root, BubblewrapArguments.Normalize(p)))) is { } system)
        {
            return $"'{system}' holds system folders: it cannot be made writable in the sandbox";
        }
        var workingDirectory = command.Spec.WorkingDirectory;
        if (!Directory.Exists(workingDirectory))
        {
            return $"working directory '{workingDirectory}' does not exist";
        }
        var normalized = BubblewrapArguments.Normalize(workingDirectory);
        return writable.Any(p => BubblewrapArguments.IsUnder(normalized, BubblewrapArguments.Normalize(p)))
            ? null
            : $"working directory '{workingDirectory}' is outside the sandbox's writable folders";
    }
}
