using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SelfHeal.Sandboxing;

/// <summary>
/// Starts the sandbox's outermost process and watches it: reads output in bounded chunks (a command
/// printing gigabytes without a newline costs no more memory than the kept output), kills the process
/// sandbox on timeout, cancellation or when the output exceeds its ceiling. Thread-safe; holds no state.
/// </summary>
internal sealed class ContainedProcessRunner(TimeProvider timeProvider)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs the program. Throws only <see cref="OperationCanceledException"/> (after killing the tree).</summary>
    public async Task<ContainedRun> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, int keptChars, long killAfterChars,
        CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = psi };
        using var parent = new ParentThread();
        var started = timeProvider.GetTimestamp();
        if (await parent.StartAsync(process).ConfigureAwait(false) is { } startError)
        {
            return new ContainedRun(-1, "", TimeSpan.Zero) { StartError = $"could not start '{fileName}': {startError.Message}" };
        }
        process.StandardInput.Close();

        using var outputLimit = new CancellationTokenSource();
        var output = new Output(keptChars, killAfterChars, outputLimit);
        var readers = Task.WhenAll(
            output.ReadAsync(process.StandardOutput),
            output.ReadAsync(process.StandardError));

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token, outputLimit.Token);
        var killed = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            killed = true;
            cancellationToken.ThrowIfCancellationRequested();
        }

        await Task.WhenAny(readers, Task.Delay(DrainTimeout, timeProvider, CancellationToken.None)).ConfigureAwait(false);
        var duration = timeProvider.GetElapsedTime(started);
        var outputLimitHit = killed && outputLimit.IsCancellationRequested;
        return new ContainedRun(killed ? -1 : process.ExitCode, output.ToString(), duration)
        {
            TimedOut = killed && !outputLimitHit,
            OutputTruncated = output.Truncated,
            OutputLimitHit = outputLimitHit,
        };
    }

    /// <summary>
    /// Kills the outermost process only: bubblewrap's <c>--die-with-parent</c> then kills the sandbox's
    /// pid 1, which ends its whole pid namespace at once. Walking the process tree instead races with a
    /// fork bomb and can take many seconds.
    /// </summary>
    private static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>
    /// The thread that starts the process and outlives it. Bubblewrap's <c>--die-with-parent</c> uses
    /// PR_SET_PDEATHSIG, which fires when the <em>thread</em> that forked bwrap exits, and
    /// <see cref="Process.Start()"/> forks on the calling thread: started from a thread-pool thread, the
    /// sandbox would be killed whenever the pool retires that thread. This thread stays until the run is
    /// over, and dies with SelfHeal, taking the sandbox with it.
    /// </summary>
    private sealed class ParentThread : IDisposable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Starts <paramref name="process"/>; returns why it could not start, or <see langword="null"/>.</summary>
        public Task<Win32Exception?> StartAsync(Process process)
        {
            var started = new TaskCompletionSource<Win32Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    process.Start();
                }
                catch (Win32Exception ex)
                {
                    started.SetResult(ex);
                    return;
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException)
                {
                    started.SetException(ex);
                    return;
                }
                started.SetResult(null);
                _release.Task.Wait();
            })
            {
                IsBackground = true,
                Name = "sandbox parent",
            };
            thread.Start();
            return started.Task;
        }

        public void Dispose() => _release.TrySetResult();
    }

    private sealed class Output(int keptChars, long killAfterChars, CancellationTokenSource limitReached)
    {
        private readonly StringBuilder _kept = new();
        private readonly Lock _gate = new();
        private long _total;

        public bool Truncated { get; private set; }

        public async Task ReadAsync(StreamReader reader)
        {
            var buffer = new char[8192];
            try
            {
                int read;
                while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                {
                    Append(buffer.AsSpan(0, read));
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The process was killed and its pipes closed under us.
            }
        }

        private void Append(ReadOnlySpan<char> chunk)
        {
            bool overLimit;
            lock (_gate)
            {
                _total += chunk.Length;
                var room = keptChars - _kept.Length;
                if (chunk.Length > room)
                {
                    Truncated = true;
                    chunk = chunk[..Math.Max(room, 0)];
                }
                _kept.Append(chunk);
                overLimit = _total > killAfterChars;
            }
            if (overLimit && !limitReached.IsCancellationRequested)
            {
                limitReached.Cancel();
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return Truncated ? _kept + "\n[output truncated]\n" : _kept.ToString();
            }
        }
    }
}

/// <summary>What <see cref="ContainedProcessRunner"/> observed.</summary>
internal sealed record ContainedRun(int ExitCode, string Output, TimeSpan Duration)
{
    public bool TimedOut { get; init; }

    public bool OutputTruncated { get; init; }

    /// <summary>The output passed its ceiling and the tree was killed.</summary>
    public bool OutputLimitHit { get; init; }

    public string? StartError { get; init; }
}
