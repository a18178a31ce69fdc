using System.Diagnostics;
using SelfHeal.Benchmarks;
using Spectre.Console;

namespace SelfHeal.Cli.Rendering;

/// <summary>
/// A benchmark's progress on stderr: a spinner with the instance and what its run is doing on a
/// terminal, and one line per finished instance (also in CI logs and pipes).
/// </summary>
internal sealed class BenchProgressView
{
    private readonly IAnsiConsole _console = Output.Progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string _status = "starting";

    public async Task<T> RunAsync<T>(Func<IProgress<BenchProgress>, Task<T>> work)
    {
        var progress = new Progress(this);
        if (!_console.Profile.Capabilities.Interactive)
        {
            return await work(progress).ConfigureAwait(false);
        }
        return await _console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            using var ticker = new Timer(_ => context.Status(Markup.Escape(Status())), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
            return await work(progress).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private string Status()
    {
        lock (_gate)
        {
            return $"{_status} ({EventText.Seconds(_clock.Elapsed)})";
        }
    }

    private void OnProgress(BenchProgress update)
    {
        var prefix = $"[{update.Index}/{update.Count}] {SafeText.FirstLine(update.InstanceId, 60)}";
        if (update.Finished is { } result)
        {
            var line = $"{prefix}: {(result.Status == "error" ? "error" : result.Plausible ? "plausible" : "no fix")}"
                + (result.Correct is { } correct ? correct ? ", correct" : ", not the known fix" : "")
                + $", {result.Validated} candidates validated, {EventText.Seconds(TimeSpan.FromSeconds(result.Seconds))}"
                + (result.Reason is { } reason && !result.Plausible ? $" — {SafeText.FirstLine(reason, 160)}" : "");
            Write(line);
            return;
        }
        lock (_gate)
        {
            _status = update.Run is { } run
                ? $"{prefix} · {run.Stage ?? "starting"}{(run.Message is null ? "" : ": " + SafeText.FirstLine(run.Message, 100))}"
                : $"{prefix} · preparing";
        }
        if (update.Run is null && !_console.Profile.Capabilities.Interactive)
        {
            Write($"{prefix}: started");
        }
    }

    private void Write(string line)
    {
        if (_console.Profile.Capabilities.Interactive)
        {
            _console.MarkupLine(Markup.Escape(line));
        }
        else
        {
            Output.Error.WriteLine(line);
        }
    }

    /// <summary>Reports synchronously, in order.</summary>
    private sealed class Progress(BenchProgressView owner) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => owner.OnProgress(value);
    }
}
