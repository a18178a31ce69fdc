using System.Globalization;
using System.Text.RegularExpressions;
using SelfHeal.Validation;

namespace SelfHeal.Decisions;

/// <summary>
/// Confidence in a fix from its evidence, as a sum of listed factors clamped to [0, 1]: the reproduced failure now
/// passing (+0.35), no regressions in the full suite (+0.25), independent candidates changing the same lines (+0.1
/// each, at most +0.2), a small change (+0.1 for one or two lines, +0.05 up to ten, −0.1 above thirty), the changed
/// lines run by the failing tests (+0.1; −0.05 when coverage shows they are not), a deterministic engine (+0.05; a
/// model −0.05), advisory security findings (minus what the scan's confidence factor takes away), and the optional
/// performance and end-to-end checks (+0.05 each). Pure.
/// </summary>
public static partial class ConfidenceScorer
{
    private static readonly HashSet<string> DeterministicEngines = new(StringComparer.Ordinal) { "memory", "csharp-templates", "token-templates" };

    public static ConfidenceAssessment Score(DecisionInput input, DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        var factors = new List<ConfidenceFactor>
        {
            Reproduced(input),
            NoRegressions(input.Verdict),
            Agreement(input),
            ChangeSize(input),
            Coverage(input),
            Engine(input.Engine),
            Security(input.Verdict),
            Optional(input.Verdict, "performance", Validation.Layers.PerformanceLayer.LayerName),
            Optional(input.Verdict, "e2e", Validation.Layers.EndToEndLayer.LayerName),
        };
        var score = Math.Round(Math.Clamp(factors.Sum(f => f.Contribution), 0, 1), 2);
        return new ConfidenceAssessment(score, policy.BandOf(score), factors);
    }

    private static ConfidenceFactor Reproduced(DecisionInput input) =>
        input.ReproducedFailures > 0 && input.Verdict.FixedTests >= input.ReproducedFailures
            ? new("reproduced", 0.35, $"{input.ReproducedFailures} reproduced failing test(s) now pass")
            : new("reproduced", 0, input.ReproducedFailures == 0 ? "the bug was not reproduced by a failing test" : "not every reproduced failure passes");

    private static ConfidenceFactor NoRegressions(Verdict verdict) =>
        verdict.Layer(Validation.Layers.RegressionLayer.LayerName) is { Outcome: LayerOutcome.Passed } regression
            ? new("no-regressions", 0.25, $"full suite: {regression.Summary}")
            : new("no-regressions", 0, "the full suite did not run");

    private static ConfidenceFactor Agreement(DecisionInput input)
    {
        var chosen = PatchFootprint.Of(input.Patch);
        var agreeing = input.Alternatives
            .Where(a => a.Engine != input.Engine || a.Template != input.Template)
            .Where(a => PatchFootprint.Of(a.Patch).Overlaps(chosen))
            .ToList();
        return agreeing.Count == 0
            ? new("agreement", 0, input.Alternatives.Count == 0 ? "no other plausible candidate" : "no independent candidate changes the same lines")
            : new("agreement", Math.Min(0.2, 0.1 * agreeing.Count),
                $"{agreeing.Count} independent plausible candidate(s) change the same lines: " + string.Join("; ", agreeing.Select(a => $"{a.Engine}/{a.Template}")));
    }

    private static ConfidenceFactor ChangeSize(DecisionInput input)
    {
        var lines = input.Patch.AddedLineCount + input.Patch.RemovedLineCount;
        var files = input.Patch.Files.Count;
        var detail = $"{lines} changed line(s) in {files} file(s)";
        return lines switch
        {
            <= 2 => new("change-size", 0.1, detail),
            <= 10 => new("change-size", 0.05, detail),
            <= 30 => new("change-size", 0, detail),
            _ => new("change-size", -0.1, detail + ": a large change"),
        };
    }

    private static ConfidenceFactor Coverage(DecisionInput input)
    {
        var sbfl = input.Suspect?.Evidence.FirstOrDefault(e => e.Signal == "sbfl");
        if (sbfl is null || ExecutedByFailing().Match(sbfl.Detail) is not { Success: true } match)
        {
            return new("coverage", 0, "unknown: no per-test coverage of the changed lines");
        }
        var failing = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return failing > 0
            ? new("coverage", 0.1, $"the changed lines run in {failing} failing test(s) ({sbfl.Detail})")
            : new("coverage", -0.05, $"no failing test runs the changed lines ({sbfl.Detail})");
    }

    private static ConfidenceFactor Engine(string engine) =>
        DeterministicEngines.Contains(engine) ? new("engine", 0.05, $"{engine}: a deterministic, offline engine")
        : engine.StartsWith("llm", StringComparison.Ordinal) ? new("engine", -0.05, $"{engine}: written by a model")
        : new("engine", 0, engine);

    private static ConfidenceFactor Security(Verdict verdict)
    {
        var scan = verdict.Layer(Validation.Layers.SecurityScanLayer.LayerName);
        if (scan is null)
        {
            return new("security-findings", 0, "the diff was not scanned");
        }
        var factor = scan.ConfidenceFactor ?? 1;
        return scan.Findings.Count == 0
            ? new("security-findings", 0, "the scan found nothing in the added lines")
            : new("security-findings", -(1 - factor), $"{scan.Findings.Count} advisory finding(s): {string.Join(", ", scan.Findings.Select(f => f.RuleId).Distinct())}");
    }

    private static ConfidenceFactor Optional(Verdict verdict, string name, string layer) => verdict.Layer(layer) switch
    {
        { Outcome: LayerOutcome.Passed } passed => new(name, 0.05, passed.Summary),
        { } other => new(name, 0, other.Summary),
        null => new(name, 0, "did not run"),
    };

    [GeneratedRegex(@"\bef=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutedByFailing();
}
