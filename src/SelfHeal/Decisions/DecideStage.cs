using Microsoft.Extensions.Options;
using SelfHeal.Patches;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Runs;
using SelfHeal.Security;
using SelfHeal.Validation;

namespace SelfHeal.Decisions;

/// <summary>
/// Decide: scores the chosen patch's confidence from its evidence and its risk from what it touches, checks the
/// complexity threshold, and records what should happen to it (<see cref="DecisionMade"/>) with the rule that
/// decided. The decision does not stop the run: the fix is still committed on its branch, and the report says
/// what a reviewer must do. Idempotent: a run that already decided is not decided again.
/// </summary>
internal sealed class DecideStage(PatchPolicyLoader policies, DiffSecurityScanner scanner, IOptions<DecisionOptions> options) : IPipelineStage
{
    public string Name => "decide";

    public async Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        var state = context.State;
        if (state.Decision is { } done)
        {
            return StageOutcome.Continue(Summary(done));
        }
        var patch = state.Patch ?? throw new RunAbortedException("There is no chosen patch to decide on.");
        var workspace = state.Workspace?.Path ?? throw new RunAbortedException("The run has no worktree.");
        var document = PatchDocument.Parse(patch.Diff).Document ?? throw new RunAbortedException("The chosen patch's diff does not parse.");
        var verdict = state.PatchVerdict ?? new Verdict(CandidateVerdict.Plausible, null, patch.FixedTests.Count, null, []) { Diff = patch.Diff };

        var loaded = await policies.LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
        var policy = DecisionPolicy.From(options.Value, loaded.Succeeded ? loaded.Decision : null);
        var alternatives = state.Verdicts
            .Where(v => v.Verdict.IsPlausible && v.Verdict.Diff is not null && v.Verdict.Diff != patch.Diff)
            .Select(v => (Tested: state.Candidates.LastOrDefault(c => c.Index == v.Index), Patch: PatchDocument.Parse(v.Verdict.Diff!).Document))
            .Where(a => a.Tested is not null && a.Patch is not null)
            .Select(a => new AlternativeFix(a.Tested!.Engine, a.Tested.Template, a.Tested.Description, a.Patch!))
            .ToList();
        var input = new DecisionInput(document, verdict, patch.Engine, patch.Template, state.Failures.Count, alternatives,
            state.Suspects.FirstOrDefault(s => s.File == patch.File && s.StartLine == patch.Line),
            ChangedCode.SecurityFindings(scanner, document), state.Report);
        var decision = Decider.Decide(input, policy);
        await context.AppendAsync(new DecisionMade(decision), cancellationToken).ConfigureAwait(false);
        return StageOutcome.Continue(Summary(decision));
    }

    private static string Summary(Decision decision) =>
        $"{Names.Of(decision.Action)} by rule {decision.Rule} ({decision.RuleSource}); confidence {decision.Confidence.Score:0.00} ({Names.Of(decision.Confidence.Band)}), risk {Names.Of(decision.Risk.Level)}";
}
