using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SelfHeal.AgentTrace;
using SelfHeal.Auditing;
using SelfHeal.Decisions;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Runs;

namespace SelfHeal.Delivery;

/// <summary>
/// Deliver, locally: commits the chosen patch in the run's worktree and points a new branch
/// <c>selfheal/&lt;run-id&gt;</c> of the user's repository at it (the worktree shares the repository's
/// objects and refs), so the user's checkout and current branch are never touched.
/// With a pull-request provider, the branch and its Agent Trace notes are then pushed and proposed for review
/// (<see cref="IPullRequestProvider"/>), and merged when the decision allows it.
/// Idempotent: a run that already committed, opened its pull request or merged does none of it twice. The commit is
/// recorded in the run's audit log. A forge that refuses or is down does not fail the run: the fix stays on its branch
/// and the problem is recorded (<see cref="DeliveryProblem"/>).
/// </summary>
internal sealed class LocalDeliverStage(
    GitClient git, RunReportWriter reports, TraceRecorder traces, TraceNotes notes, IOptions<DeliveryOptions> options,
    IEnumerable<IPullRequestProvider> providers, TimeProvider timeProvider, RunAudit? audit = null, Notifications.RunNotifications? notifications = null,
    Approvals.IReviewDeadlines? deadlines = null) : IPipelineStage
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly IReadOnlyList<IPullRequestProvider> _providers = [.. providers];

    public string Name => "deliver";

    public async Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        var committed = context.State.Delivery is { } done
            ? $"already committed on {done.Branch}"
            : await CommitAsync(context, cancellationToken).ConfigureAwait(false);
        var summary = await ProposeAsync(context, committed, cancellationToken).ConfigureAwait(false);
        if (deadlines is not null && context.State.Decision is { ApproveAfter: { } after } && context.State.Merge is not { Merged: true })
        {
            // The policy approves an unreviewed fix at its deadline; the deadline is durable and set once.
            var deadline = context.State.ReviewDeadline ?? new ReviewDeadlineSet(timeProvider.GetUtcNow() + after);
            await deadlines.ScheduleAsync(context.RunId, deadline.At, cancellationToken).ConfigureAwait(false);
            if (context.State.ReviewDeadline is null)
            {
                await context.AppendAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
            summary += $"; approved by the policy at {deadline.At:u} unless someone reviews it first";
        }
        if (notifications is not null)
        {
            // Fix proposed, needs approval, or merged: each notifier says so once, however often the run resumes.
            var sent = await notifications.NotifyAsync(context.RunId, Notifications.RunNotifications.MomentAfterDelivery(context.State), cancellationToken).ConfigureAwait(false);
            if (sent.Count > 0)
            {
                summary += "; notified " + string.Join(", ", sent.Select(s => $"{s.Notifier} ({s.Outcome.ToString().ToLowerInvariant()})"));
            }
        }
        return StageOutcome.Continue(summary);
    }

    private async Task<string> CommitAsync(StageContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        var patch = state.Patch ?? throw new RunAbortedException("There is no chosen patch to deliver.");
        var worktree = state.Workspace!.Path;
        var branch = _options.BranchPrefix + context.RunId;

        var diffFile = Path.Combine(Path.GetTempPath(), $"selfheal-{context.RunId}.diff");
        var messageFile = Path.Combine(Path.GetTempPath(), $"selfheal-{context.RunId}.msg");
        try
        {
            await File.WriteAllTextAsync(diffFile, patch.Diff, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(messageFile, CommitMessage(context.RunId, state, patch), cancellationToken).ConfigureAwait(false);
            // A resumed run may find the patch already applied in its worktree.
            if ((await git.RunAsync(worktree, ["apply", "--check", diffFile], cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                await git.RunCheckedAsync(worktree, ["apply", diffFile], cancellationToken).ConfigureAwait(false);
            }
            var files = patch.Diff.Split('\n').Where(l => l.StartsWith("+++ b/", StringComparison.Ordinal)).Select(l => l[6..]).Distinct().ToList();
            await git.RunCheckedAsync(worktree, ["add", "--", .. files], cancellationToken).ConfigureAwait(false);
            string[] identity = ["-c", $"user.name={_options.AuthorName}", "-c", $"user.email={_options.AuthorEmail}"];
            await git.RunCheckedAsync(worktree, [.. identity, "commit", "--no-verify", "-q", "-F", messageFile], cancellationToken).ConfigureAwait(false);
            var commit = await git.RunCheckedAsync(worktree, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
            await git.RunCheckedAsync(worktree, ["branch", "--force", branch, commit], cancellationToken).ConfigureAwait(false);
            if (audit is not null)
            {
                var detail = new JsonObject { ["files"] = new JsonArray([.. files.Select(f => JsonValue.Create(f))]), ["commit"] = commit, ["branch"] = branch };
                await audit.RecordAsync(AuditEntryKind.FileEdit, "deliver", $"committed the fix to {string.Join(", ", files)} as {commit[..12]} on {branch}", detail, cancellationToken).ConfigureAwait(false);
            }

            // Which lines SelfHeal wrote, as an Agent Trace record: in git notes beside the commit and in the run record.
            var trace = await traces.RecordAsync(worktree, commit, TraceAuthorOf(context.RunId, state, patch), cancellationToken).ConfigureAwait(false);
            await notes.WriteAsync(worktree, trace, _options.AuthorName, _options.AuthorEmail, cancellationToken).ConfigureAwait(false);
            await context.AppendAsync(new TraceRecorded(commit, TraceNotes.Serialize(trace)), cancellationToken).ConfigureAwait(false);

            // The report itself is written when the run has finished (see HealingWorkflow).
            var reportPath = reports.PathFor(context.RunId);
            await context.AppendAsync(new FixDelivered(branch, commit, reportPath), cancellationToken).ConfigureAwait(false);
            return $"committed {commit[..12]} on branch {branch}; report {reportPath}";
        }
        finally
        {
            File.Delete(diffFile);
            File.Delete(messageFile);
        }
    }

    /// <summary>Pushes the branch and opens its pull request, then merges it when the decision allows; each step once.</summary>
    private async Task<string> ProposeAsync(StageContext context, string committed, CancellationToken cancellationToken)
    {
        if (Provider() is not { } provider)
        {
            return committed;
        }
        var state = context.State;
        var delivery = state.Delivery!;
        var pullRequest = state.PullRequest;
        if (pullRequest is null)
        {
            // Pushed from the repository itself, which shares the branch and notes with the worktree: a resumed run
            // whose worktree was tidied away can still propose its fix.
            var request = new PullRequestRequest(
                state.Target!.RepositoryPath, delivery.Branch, await BaseBranchAsync(state, cancellationToken).ConfigureAwait(false),
                PullRequestBody.Title(state), PullRequestBody.Markdown(context.RunId, state),
                [.. new[] { "selfheal", "auto-fix" }.Concat(_options.Labels).Concat(state.Decision?.Action == DecisionAction.BlockedEscalated ? ["needs-human"] : []).Distinct(StringComparer.OrdinalIgnoreCase)],
                state.Decision?.Reviewers ?? [],
                Draft: state.Decision?.NeedsReview ?? true);
            try
            {
                var opened = await provider.OpenAsync(request, cancellationToken).ConfigureAwait(false);
                pullRequest = new PullRequestOpened(opened.Provider, opened.Number, opened.Url, opened.HeadBranch, opened.HeadCommit, opened.Draft, opened.Created);
            }
            catch (PullRequestException e)
            {
                await context.AppendAsync(new DeliveryProblem("pull-request", e.Message, e.Transient), cancellationToken).ConfigureAwait(false);
                return $"{committed}; the pull request could not be opened ({provider.Name}): {e.Message}";
            }
            await context.AppendAsync(pullRequest, cancellationToken).ConfigureAwait(false);
            if (audit is not null)
            {
                var detail = new JsonObject { ["provider"] = pullRequest.Provider, ["number"] = pullRequest.Number, ["url"] = pullRequest.Url, ["branch"] = pullRequest.HeadBranch, ["draft"] = pullRequest.Draft };
                await audit.RecordAsync(AuditEntryKind.ApiCall, "deliver", $"pushed {pullRequest.HeadBranch} and {(pullRequest.Created ? "opened" : "found")} pull request {pullRequest.Number} ({pullRequest.Provider})", detail, cancellationToken).ConfigureAwait(false);
            }
        }
        var summary = $"{committed}; {(pullRequest.Draft ? "draft " : "")}pull request {pullRequest.Number} ({pullRequest.Provider}) {pullRequest.Url}";
        if (state.Decision?.Action != DecisionAction.AutoMerge || !_options.MergeWhenAllowed || state.Merge is { Merged: true })
        {
            return state.Merge is { Merged: true } ? $"{summary}; merged" : summary;
        }
        var info = new PullRequestInfo(pullRequest.Provider, pullRequest.Number, pullRequest.Url, pullRequest.HeadBranch, pullRequest.HeadCommit, pullRequest.Draft, Created: false);
        try
        {
            var merge = await provider.MergeAsync(info, cancellationToken).ConfigureAwait(false);
            await context.AppendAsync(new PullRequestMerged(pullRequest.Provider, pullRequest.Number, merge.Merged, merge.Detail), cancellationToken).ConfigureAwait(false);
            return merge.Merged ? $"{summary}; merged ({merge.Detail})" : $"{summary}; not merged yet: {merge.Detail}";
        }
        catch (PullRequestException e)
        {
            await context.AppendAsync(new DeliveryProblem("merge", e.Message, e.Transient), cancellationToken).ConfigureAwait(false);
            return $"{summary}; the merge failed: {e.Message}";
        }
    }

    private IPullRequestProvider? Provider()
    {
        if (_options.PullRequestProvider is { Length: > 0 } name)
        {
            return _providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new RunAbortedException($"The pull-request provider '{name}' is not configured; configured: {(_providers.Count == 0 ? "none" : string.Join(", ", _providers.Select(p => p.Name)))}.");
        }
        return _providers.Count == 1 ? _providers[0] : null;
    }

    private async Task<string> BaseBranchAsync(RunState state, CancellationToken cancellationToken)
    {
        if (_options.BaseBranch is { Length: > 0 } configured)
        {
            return configured;
        }
        var head = await git.RunAsync(state.Target!.RepositoryPath, ["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken).ConfigureAwait(false);
        return head.Succeeded && head.Output.Trim() is { Length: > 0 } branch ? branch : "main";
    }

    private static TraceAuthor TraceAuthorOf(string runId, RunState state, PatchChosen patch) => new(
        "ai",
        ModelIdOf(patch),
        $"selfheal://runs/{runId}",
        new JsonObject
        {
            ["runId"] = runId,
            ["report"] = state.Report?.Title,
            ["source"] = state.Report?.Source,
            ["engine"] = patch.Engine,
            ["template"] = patch.Template,
            ["change"] = patch.Description,
            ["fingerprint"] = state.Fingerprint,
            ["fixedTests"] = new JsonArray([.. patch.FixedTests.Select(t => JsonValue.Create(t))]),
        });

    /// <summary>
    /// The contributor's <c>provider/model</c> (models.dev convention): the model a model engine names in its
    /// template (<c>search-replace (openai:gpt-4.1)</c> → <c>openai/gpt-4.1</c>), else <c>selfheal/ENGINE</c>.
    /// </summary>
    internal static string ModelIdOf(PatchChosen patch)
    {
        var open = patch.Template.LastIndexOf('(');
        if (open >= 0 && patch.Template.EndsWith(')') && patch.Template[(open + 1)..^1].Split(':', 2) is [{ Length: > 0 } provider, { Length: > 0 } model])
        {
            return $"{provider}/{model}";
        }
        return $"selfheal/{patch.Engine}";
    }

    internal static string CommitMessage(string runId, RunState state, PatchChosen patch)
    {
        var title = (state.Report?.Title ?? "bug").Split('\n')[0].Trim();
        var message = new StringBuilder();
        message.Append("Fix: ").Append(title.Length > 60 ? title[..60] + "…" : title).Append("\n\n");
        if (state.Report?.Description is { Length: > 0 } description)
        {
            message.Append("Bug: ").Append(description.Split('\n')[0].Trim()).Append('\n');
        }
        message.Append("Failing tests: ").Append(string.Join(", ", state.Failures.Select(f => f.TestId))).Append('\n');
        var suspect = state.Suspects.FirstOrDefault(s => s.File == patch.File && s.StartLine == patch.Line);
        var why = suspect?.Evidence.OrderByDescending(e => e.Contribution).FirstOrDefault()?.Detail;
        message.Append("Root cause (as far as known): ").Append(patch.File).Append(':').Append(patch.Line);
        if (suspect?.Symbol is { } symbol)
        {
            message.Append(" in ").Append(symbol);
        }
        message.Append(why is null ? "\n" : $" ({why})\n");
        message.Append("Change: ").Append(patch.Description).Append('\n');
        message.Append("Tests that now pass: ").Append(string.Join(", ", patch.FixedTests)).Append('\n');
        var passed = state.PatchVerdict?.Evidence.Where(e => e.Outcome == Validation.LayerOutcome.Passed).Select(e => e.Layer).ToList();
        message.Append(passed is { Count: > 0 }
            ? $"Validated: {string.Join(", ", passed)} passed; the previously failing tests pass and no previously passing test fails.\n"
            : "Validated: the previously failing tests pass and no previously passing test fails.\n");
        if (state.Decision is { } decision)
        {
            message.Append("Decision: ").Append(Decisions.Names.Of(decision.Action)).Append(" (rule ").Append(decision.Rule).Append(", confidence ")
                .Append(decision.Confidence.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Append(", risk ")
                .Append(Decisions.Names.Of(decision.Risk.Level)).Append(")\n");
        }
        message.Append('\n');
        message.Append("SelfHeal-Run: ").Append(runId).Append('\n');
        message.Append("SelfHeal-Engine: ").Append(patch.Engine).Append('/').Append(patch.Template).Append('\n');
        if (state.Decision is { } decided)
        {
            message.Append("SelfHeal-Decision: ").Append(Decisions.Names.Of(decided.Action)).Append(' ').Append(decided.Rule).Append('\n');
        }
        return message.ToString();
    }
}
