using Microsoft.Extensions.Options;
using SelfHeal.Runs;

namespace SelfHeal.Delivery;

/// <summary>Writes a run's report (Markdown and JSON) to the reports folder once the run has finished.</summary>
public sealed class RunReportWriter(IRunStore store, IOptions<DeliveryOptions> options)
{
    /// <summary>Where the Markdown report of <paramref name="runId"/> goes; the JSON one sits beside it.</summary>
    public string PathFor(string runId) => Path.Combine(options.Value.ReportsDirectory, runId + ".md");

    /// <summary>Writes both reports from the run as stored. Returns the Markdown path, or null for an unknown run.</summary>
    public async Task<string?> WriteAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }
        var path = PathFor(runId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, FixReport.Markdown(runId, run.State, run.Events), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".json"), FixReport.Json(runId, run.State, run.Events), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
