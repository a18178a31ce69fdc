using System.Collections.Concurrent;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;

namespace SelfHeal.Testing.Pytest;

/// <summary>
/// Finds the Python to run pytest with: the repository's own virtual environment, then <c>python3</c>,
/// <c>/usr/bin/python3</c> and <c>python</c>, the first that can <c>import pytest</c> (preferring one that also has
/// coverage.py when coverage is wanted). What each interpreter can import is probed once per process.
/// </summary>
internal sealed class PythonLocator(SandboxedCommandRunner processes)
{
    private const string Probe = "import pytest\ntry:\n    import coverage\n    print('selfheal-coverage-yes')\nexcept ImportError:\n    pass\n";

    private static readonly ConcurrentDictionary<string, (bool Pytest, bool Coverage)> Probed = new(StringComparer.Ordinal);

    public async Task<PythonInterpreter?> FindAsync(string repositoryRoot, bool wantCoverage, CancellationToken cancellationToken = default)
    {
        string[] candidates =
        [
            Path.Combine(repositoryRoot, ".venv", "bin", "python"),
            Path.Combine(repositoryRoot, "venv", "bin", "python"),
            "python3",
            "/usr/bin/python3",
            "python",
        ];
        PythonInterpreter? first = null;
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate) && !File.Exists(candidate))
            {
                continue;
            }
            var (pytest, coverage) = await ProbeAsync(candidate, repositoryRoot, cancellationToken).ConfigureAwait(false);
            if (!pytest)
            {
                continue;
            }
            first ??= new PythonInterpreter(candidate, coverage);
            if (!wantCoverage || coverage)
            {
                return new PythonInterpreter(candidate, coverage);
            }
        }
        return first;
    }

    private async Task<(bool Pytest, bool Coverage)> ProbeAsync(string python, string workingDirectory, CancellationToken cancellationToken)
    {
        if (Probed.TryGetValue(python, out var known))
        {
            return known;
        }
        var spec = new CommandSpec(python, ["-c", Probe], workingDirectory) { Timeout = TimeSpan.FromSeconds(60), MaxOutputChars = 64 * 1024 };
        var result = await processes.RunAsync(spec, workingDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        var probed = (result.Succeeded, result.Succeeded && result.Output.Contains("selfheal-coverage-yes", StringComparison.Ordinal));
        if (!result.TimedOut)
        {
            Probed[python] = probed;
        }
        return probed;
    }
}
