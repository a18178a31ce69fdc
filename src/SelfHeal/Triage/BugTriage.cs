using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Reports;
using SelfHeal.StackTraces;

namespace SelfHeal.Triage;

/// <summary>
/// Decides what a new report is: its stack-trace fingerprint (the same fingerprint makes it an occurrence of the
/// open bug that has it), else the open bug whose text is most similar above the threshold (for a report without a
/// trace, any open bug; for a crash with a new fingerprint, a bug reported without a trace), and its severity and
/// priority from its own fields or, failing those, its labels. Thread-safe.
/// </summary>
public sealed class BugTriage
{
    private readonly IBugStore _store;
    private readonly StackTraceReader _traces;
    private readonly TriageOptions _options;

    public BugTriage(IBugStore store, StackTraceReader traces, IOptions<TriageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _traces = traces;
        _options = options.Value;
    }

    /// <summary>Triages <paramref name="report"/> and stores it, atomically with its <paramref name="delivery"/> key.</summary>
    public async Task<BugIntakeResult> RecordAsync(BugReport report, DeliveryKey? delivery = null, CancellationToken cancellationToken = default)
    {
        var intake = await TriageAsync(report, delivery, cancellationToken).ConfigureAwait(false);
        return await _store.RecordAsync(intake, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The intake for <paramref name="report"/>: fingerprint, similar bug and classified severity and priority.</summary>
    public async Task<BugIntake> TriageAsync(BugReport report, DeliveryKey? delivery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var classified = report with
        {
            Severity = report.Severity != BugSeverity.Unknown ? report.Severity : LabelClassifier.Severity(report.Labels),
            Priority = report.Priority != BugPriority.Unknown ? report.Priority : LabelClassifier.Priority(report.Labels),
        };
        var fingerprint = FingerprintOf(classified);
        if (fingerprint is not null)
        {
            var known = await _store.ListAsync(new BugQuery { Status = BugStatus.Open, Fingerprint = fingerprint, Limit = 1 }, cancellationToken).ConfigureAwait(false);
            if (known.Count > 0)
            {
                return new BugIntake(classified, fingerprint, Delivery: delivery);
            }
            // A crash seen for the first time may be what a report without a trace already described.
            var described = await MostSimilarAsync(classified, withFingerprints: false, cancellationToken).ConfigureAwait(false);
            return new BugIntake(classified, fingerprint, described?.Id, described?.Score, delivery);
        }
        // Without a trace, any open bug may be the one: "checkout crashes again" is often a crash already known by its trace.
        var similar = await MostSimilarAsync(classified, withFingerprints: true, cancellationToken).ConfigureAwait(false);
        return new BugIntake(classified, null, similar?.Id, similar?.Score, delivery);
    }

    /// <summary>The open bug most similar to <paramref name="report"/> at or above the threshold, if any.</summary>
    private async Task<(string Id, double Score)?> MostSimilarAsync(BugReport report, bool withFingerprints, CancellationToken cancellationToken)
    {
        var candidates = await _store.ListAsync(new BugQuery { Status = BugStatus.Open, Limit = Math.Min(_options.MaxCandidates, BugQuery.MaxLimit) }, cancellationToken).ConfigureAwait(false);
        var best = TextSimilarity.Best(
            SimilarityText(report.Title, report.Description),
            [.. candidates.Where(c => withFingerprints || c.Fingerprint is null).Select(c => (c.Id, SimilarityText(c.Title, c.Excerpt)))]);
        return best is { } hit && hit.Score >= _options.SimilarityThreshold ? (hit.Id, Math.Round(hit.Score, 4)) : null;
    }

    /// <summary>The fingerprint of the first trace with frames in the report's stack trace, log or description.</summary>
    public string? FingerprintOf(BugReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var text in new[] { report.StackTrace, report.Log, report.Description })
        {
            var trace = _traces.Read(text).FirstOrDefault(t => t.Chain.Any(e => e.Frames.Count > 0));
            if (trace is not null)
            {
                return Fingerprint.Compute(MarkProjectFrames(trace));
            }
        }
        return null;
    }

    /// <summary>Without a repository to map frames to, every frame that is not a library's counts as the project's.</summary>
    private static ExceptionTrace MarkProjectFrames(ExceptionTrace trace) => trace with
    {
        Frames = [.. trace.Frames.Select(f => f with { IsProjectFrame = !LibraryFrames.IsLibrary(f, trace.Language) })],
        Cause = trace.Cause is null ? null : MarkProjectFrames(trace.Cause),
    };

    // The description's start only, as stored in the bug's excerpt, so new and stored texts compare alike.
    private static string SimilarityText(string title, string? description) =>
        description is null ? title : $"{title}\n{(description.Length <= 1000 ? description : description[..1000])}";
}
