using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

/// <summary>Chooses the <see cref="ISandbox"/> that <see cref="SandboxOptions"/> asks for, or says why it cannot.</summary>
internal static class SandboxFactory
{
    public const string BubblewrapMissing =
        "bubblewrap (bwrap) is not installed: apt-get install bubblewrap, or pass --sandbox none to run untrusted code without isolation";

    /// <summary>Throws <see cref="SandboxUnavailableException"/> when the configured sandbox cannot be used.</summary>
    public static ISandbox Create(SandboxOptions options, ProcessRunner runner, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Kind)
        {
            case SandboxOptions.None when options.AllowUnsandboxed:
                return new NoSandbox(runner);
            case SandboxOptions.None:
                throw new SandboxUnavailableException(
                    "the sandbox is set to 'none' but running untrusted code unsandboxed was not allowed: pass --sandbox none on the command line, or set AllowUnsandboxed");
            case SandboxOptions.Bubblewrap when !OperatingSystem.IsLinux():
                throw new SandboxUnavailableException(
                    "bubblewrap sandboxing needs Linux: run SelfHeal on Linux, or pass --sandbox none to run untrusted code without isolation");
            case SandboxOptions.Bubblewrap:
                return new BubblewrapSandbox(Find(options.BubblewrapPath) ?? throw new SandboxUnavailableException(BubblewrapMissing), options, timeProvider);
            default:
                throw new SandboxUnavailableException($"unknown sandbox '{options.Kind}': use '{SandboxOptions.Bubblewrap}' or '{SandboxOptions.None}'");
        }
    }

    /// <summary>The full path of <paramref name="program"/> (absolute, or looked up on PATH), or <see langword="null"/>.</summary>
    internal static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }
}
