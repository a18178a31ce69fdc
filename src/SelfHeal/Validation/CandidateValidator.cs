using System.Text;
using System.Text.Json.Nodes;
using SelfHeal.Auditing;
using SelfHeal.Patches;
using SelfHeal.Repair;
using SelfHeal.Runs;

namespace SelfHeal.Validation;

/// <summary>
/// Proves a candidate with the registered <see cref="IValidationLayer"/>s, cheapest first, and stops at the first
/// that fails: the diff's security scan, an in-memory build where one is possible, then (with the candidate applied)
/// the previously failing tests, the whole suite, and the repository's optional performance and end-to-end
/// commands. The worktree (and any build output a layer replaced) is restored afterwards, whatever happened.
/// Applying and reverting a candidate are recorded in the run's audit log when a <see cref="RunAudit"/> is given.
/// Not thread-safe: one worktree, one candidate at a time.
/// </summary>
internal sealed class CandidateValidator
{
    /// <summary>The name of the step that applies the candidate, as it appears in a <see cref="Verdict"/>.</summary>
    public const string ApplyStep = "apply";

    private readonly IReadOnlyList<IValidationLayer> _layers;
    private readonly RunAudit? _audit;

    /// <summary>A validator with <paramref name="layers"/>, run in their <see cref="IValidationLayer.Order"/>.</summary>
    public CandidateValidator(IEnumerable<IValidationLayer> layers, RunAudit? audit = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers.OrderBy(l => l.Order)];
        _audit = audit;
    }

    public IReadOnlyList<IValidationLayer> Layers => _layers;

    /// <summary>Validates <paramref name="candidate"/> against <paramref name="request"/>.</summary>
    public async Task<ValidationResult> ValidateAsync(ValidationRequest request, CandidatePatch candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidate);
        var diff = CandidateDiff.Create(request.WorkspacePath, candidate);
        var parsed = diff is null ? null : PatchDocument.Parse(diff);
        if (diff is null || parsed?.Document is null)
        {
            var why = diff is null ? "an edit names a file outside the repository or is out of range" : $"its diff does not parse: {parsed?.Error}";
            return NotApplied(why, []);
        }
        var context = new ValidationContext(request, candidate, diff, parsed.Document);
        var evidence = new List<LayerResult>();
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        var applied = false;
        try
        {
            foreach (var layer in _layers)
            {
                if (!applied && layer.Order >= ValidationLayerOrder.Applied)
                {
                    var done = Apply(request.WorkspacePath, candidate, originals, out var applyError);
                    await RecordEditAsync("applied", request.WorkspacePath, candidate, originals, cancellationToken).ConfigureAwait(false);
                    if (!done)
                    {
                        return NotApplied(applyError!, evidence);
                    }
                    applied = true;
                }
                var result = await layer.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
                evidence.Add(result);
                if (result.Failed)
                {
                    return new ValidationResult(
                        new Verdict(result.Verdict ?? CandidateVerdict.Regression, result.Layer, context.FixedTests, result.Summary, evidence), null);
                }
            }
            var passed = evidence.Where(e => e.Outcome == LayerOutcome.Passed).Select(e => e.Layer);
            return new ValidationResult(
                new Verdict(CandidateVerdict.Plausible, null, context.FixedTests, "passed: " + string.Join(", ", passed), evidence) { Diff = diff }, diff);
        }
        finally
        {
            var restoreToken = cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken;
            foreach (var (path, text) in originals)
            {
                await File.WriteAllTextAsync(path, text, restoreToken).ConfigureAwait(false);
            }
            await RecordEditAsync("reverted", request.WorkspacePath, candidate, originals, restoreToken).ConfigureAwait(false);
            await context.CleanupAsync(restoreToken).ConfigureAwait(false);
        }
    }

    private async Task RecordEditAsync(string action, string workspacePath, CandidatePatch candidate, Dictionary<string, string> originals, CancellationToken cancellationToken)
    {
        if (_audit is null || originals.Count == 0)
        {
            return;
        }
        var files = originals.Keys.Select(p => Path.GetRelativePath(workspacePath, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var detail = new JsonObject
        {
            ["action"] = action,
            ["files"] = new JsonArray([.. files.Select(f => JsonValue.Create(f))]),
            ["engine"] = candidate.Engine,
            ["template"] = candidate.Template,
            ["description"] = candidate.Description,
        };
        await _audit.RecordAsync(AuditEntryKind.FileEdit, "repair", $"{action} candidate ({candidate.Template}) in {string.Join(", ", files)}", detail, cancellationToken).ConfigureAwait(false);
    }

    private static ValidationResult NotApplied(string why, List<LayerResult> evidence) =>
        new(new Verdict(CandidateVerdict.NotApplied, ApplyStep, 0, why,
            [.. evidence, new LayerResult(ApplyStep, LayerOutcome.Failed, TimeSpan.Zero, why) { Verdict = CandidateVerdict.NotApplied }]), null);

    /// <summary>Applies every edit (offsets refer to the unedited files), remembering the original texts.</summary>
    internal static bool Apply(string workspacePath, CandidatePatch candidate, Dictionary<string, string> originals, out string? error)
    {
        error = null;
        var root = Path.GetFullPath(workspacePath) + Path.DirectorySeparatorChar;
        foreach (var group in candidate.Edits.GroupBy(e => e.File))
        {
            var path = Path.GetFullPath(Path.Combine(workspacePath, group.Key));
            if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            {
                error = $"'{group.Key}' is not a file of the repository";
                return false;
            }
            var text = originals.TryGetValue(path, out var original) ? original : File.ReadAllText(path);
            var builder = new StringBuilder(text);
            var last = int.MaxValue;
            foreach (var edit in group.OrderByDescending(e => e.Start))
            {
                if (edit.Start < 0 || edit.Length < 0 || edit.Start + edit.Length > text.Length || edit.Start + edit.Length > last)
                {
                    error = $"an edit of '{group.Key}' is out of range or overlaps another";
                    return false;
                }
                builder.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Replacement);
                last = edit.Start;
            }
            originals[path] = text;
            File.WriteAllText(path, builder.ToString());
        }
        return true;
    }
}

/// <summary>What validation found.</summary>
/// <param name="Diff">The candidate's unified diff, for a plausible one.</param>
internal sealed record ValidationResult(Verdict Verdict, string? Diff)
{
    public CandidateVerdict Outcome => Verdict.Outcome;

    public int FixedTests => Verdict.FixedTests;

    public string? Detail => Verdict.Detail;
}
