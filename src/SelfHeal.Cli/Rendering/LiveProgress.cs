using System.Diagnostics;
using SelfHeal.Pipeline;
using Spectre.Console;

namespace SelfHeal.Cli.Rendering;

/// <summary>
/// Shows a run's progress on stderr while it works: a spinner with the current stage and elapsed time
/// on a terminal, one plain line per event otherwise (CI logs, pipes).
/// </summary>
internal sealed class LiveProgress
{
    private readonly IAnsiConsole _console = Output.Progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string _stage = "starting";
    private string? _message;

    public async Task<T> RunAsync<T>(Func<IProgress<PipelineProgress>, Task<T>> work)
    {
        var progress = new Progress(this);
        if (!_console.Profile.Capabilities.Interactive)
        {
            return await work(progress).ConfigureAwait(false);
        }
        return await _console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            using var ticker = new Timer(_ => context.Status(Markup.Escape(StatusLine())), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
            return await work(progress).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private string StatusLine()
    {
        lock (_gate)
        {
            return $"{_stage}{(_message is null ? "" : ": " + _message)} ({EventText.Seconds(_clock.Elapsed)})";
        }
    }

    private void OnProgress(PipelineProgress update)
    {
        lock (_gate)
        {
            _stage = update.Stage ?? _stage;
            if (update.Message is not null)
            {
                _message = SafeText.FirstLine(update.Message, 120);
            }
            else if (update.Event is not null)
            {
                _message = null;
            }
        }
        if (update.Event is { } envelope)
        {
            var line = $"[{EventText.Seconds(_clock.Elapsed),7}] {EventText.Describe(envelope.Event)}";
            if (_console.Profile.Capabilities.Interactive)
            {
                _console.MarkupLine(Markup.Escape(line));
            }
            else
            {
                // Plain lines for logs and pipes: no wrapping at an imagined terminal width.
                Output.Error.WriteLine(line);
            }
        }
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to the thread pool and reorder lines.</summary>
    private sealed class Progress(LiveProgress owner) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => owner.OnProgress(value);
    }
}
