using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SelfHeal.Processes;

/// <summary>
/// Runs a command to completion, capturing its output, enforcing the timeout and killing the whole
/// process tree on timeout or cancellation. Thread-safe; holds no state.
/// </summary>
public sealed class ProcessRunner(TimeProvider timeProvider)
{
    public ProcessRunner() : this(TimeProvider.System) { }

    /// <summary>Runs <paramref name="spec"/>. Throws only <see cref="OperationCanceledException"/> (after killing the tree).</summary>
    public async Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in spec.Arguments)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in spec.Environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }

        var output = new BoundedBuffer(spec.MaxOutputChars);
        using var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.AppendLine(e.Data); } };

        var started = timeProvider.GetTimestamp();
        try
        {
            if (!Directory.Exists(spec.WorkingDirectory))
            {
                return new CommandResult(-1, "", TimeSpan.Zero) { StartError = $"working directory '{spec.WorkingDirectory}' does not exist" };
            }
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new CommandResult(-1, "", TimeSpan.Zero) { StartError = $"could not start '{spec.FileName}': {ex.Message}" };
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(spec.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            timedOut = true;
        }

        // WaitForExitAsync returns once the process exits; the redirected streams may still hold data.
        await WaitForStreamsAsync(process).ConfigureAwait(false);
        var duration = timeProvider.GetElapsedTime(started);
        return new CommandResult(timedOut ? -1 : process.ExitCode, output.ToString(), duration)
        {
            TimedOut = timedOut,
            OutputTruncated = output.Truncated,
        };
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task WaitForStreamsAsync(Process process)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A grandchild kept the pipes open; what we have is what we report.
        }
    }

    private sealed class BoundedBuffer(int capacity)
    {
        private readonly StringBuilder _builder = new();
        private readonly Lock _gate = new();

        public bool Truncated { get; private set; }

        public void AppendLine(string line)
        {
            lock (_gate)
            {
                if (_builder.Length + line.Length + 1 > capacity)
                {
                    Truncated = true;
                    return;
                }
                _builder.Append(line).Append('\n');
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return Truncated ? _builder + "\n[output truncated]\n" : _builder.ToString();
            }
        }
    }
}
