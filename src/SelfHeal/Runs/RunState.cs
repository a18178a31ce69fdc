using SelfHeal.Localization;
using SelfHeal.Reports;

namespace SelfHeal.Runs;

/// <summary>Where a run stands, as the fold of its events. Immutable; build it with <see cref="Fold"/>.</summary>
public sealed record RunState
{
    public static readonly RunState Empty = new();

    public BugReport? Report { get; init; }

    public RunTarget? Target { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Pending;

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The stage that started and has not finished yet.</summary>
    public string? CurrentStage { get; init; }

    /// <summary>Stages that completed; a resumed run skips them.</summary>
    public IReadOnlySet<string> CompletedStages { get; init; } = new HashSet<string>();

    /// <summary>Each finished stage's one-line summary (or the reason it stopped).</summary>
    public IReadOnlyDictionary<string, string> StageSummaries { get; init; } = new Dictionary<string, string>();

    public WorkspacePrepared? Workspace { get; init; }

    public IReadOnlyList<TestRunCompleted> TestRuns { get; init; } = [];

    public IReadOnlyList<FailureReproduced> Failures { get; init; } = [];

    public IReadOnlyList<FlakyTestObserved> FlakyTests { get; init; } = [];

    public IReadOnlyList<TraceParsed> Traces { get; init; } = [];

    /// <summary>The fingerprint of the first trace, which names the bug.</summary>
    public string? Fingerprint => Traces.Count > 0 ? Traces[0].Fingerprint : null;

    public IReadOnlyList<Suspect> Suspects { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyList<CandidateTested> Candidates { get; init; } = [];

    /// <summary>Each validated candidate's verdict and evidence, in the order they were validated.</summary>
    public IReadOnlyList<VerdictRecorded> Verdicts { get; init; } = [];

    public PerformanceBaselineMeasured? PerformanceBaseline { get; init; }

    public PatchChosen? Patch { get; init; }

    /// <summary>The chosen patch's verdict: the plausible verdict whose diff is the patch's.</summary>
    public Validation.Verdict? PatchVerdict => Patch is null ? null : Verdicts.LastOrDefault(v => v.Verdict.Diff == Patch.Diff)?.Verdict;

    public Decisions.Decision? Decision { get; init; }
    /// <summary>Every model call, with its transcript.</summary>
    public IReadOnlyList<ModelCalled> ModelCalls { get; init; } = [];

    /// <summary>What the model calls cost, US dollars.</summary>
    public decimal ModelCost => ModelCalls.Sum(c => c.Cost);

    /// <summary>The model budget ran out, when it did.</summary>
    public ModelBudgetExhausted? BudgetExhausted { get; init; }

    /// <summary>Every step of the agent engine's trajectories, in order.</summary>
    public IReadOnlyList<AgentStepTaken> AgentSteps { get; init; } = [];

    /// <summary>How each agent trajectory ended.</summary>
    public IReadOnlyList<AgentStopped> AgentStops { get; init; } = [];

    public ReportExtracted? Extraction { get; init; }

    public RootCauseAnalyzed? RootCause { get; init; }

    public FixDelivered? Delivery { get; init; }

    /// <summary>The Agent Trace record of the delivered commit.</summary>
    public TraceRecorded? Trace { get; init; }

    /// <summary>The pull request the fix was proposed in, once opened.</summary>
    public PullRequestOpened? PullRequest { get; init; }

    /// <summary>The latest merge attempt of <see cref="PullRequest"/>.</summary>
    public PullRequestMerged? Merge { get; init; }

    /// <summary>What people said about the proposed fix, in order.</summary>
    public IReadOnlyList<FixReviewed> Reviews { get; init; } = [];

    /// <summary>A request to stop the run, when one was made.</summary>
    public CancelRequested? CancelRequested { get; init; }

    /// <summary>When the policy approves the fix unless a person reviews it first, if it does.</summary>
    public ReviewDeadlineSet? ReviewDeadline { get; init; }

    /// <summary>Problems delivering to a remote, in order.</summary>
    public IReadOnlyList<DeliveryProblem> DeliveryProblems { get; init; } = [];

    /// <summary>The repair stage's counts, once it finished.</summary>
    public RepairTallied? Repair { get; init; }

    /// <summary>Where the repository's code ran; <see langword="null"/> for runs recorded before sandboxing.</summary>
    public SandboxSelected? Sandbox { get; init; }

    /// <summary>Where the audit log ended at the latest seal.</summary>
    public AuditSealed? AuditSeal { get; init; }

    /// <summary>Every notification attempt, in order.</summary>
    public IReadOnlyList<NotificationSent> Notifications { get; init; } = [];

    /// <summary>Whether the notification with idempotency key <paramref name="key"/> was sent successfully.</summary>
    public bool WasNotified(string key) => Notifications.Any(n => n.Succeeded && string.Equals(n.Key, key, StringComparison.Ordinal));

    public RunFinished? Finished { get; init; }

    public string? FailureReason { get; init; }

    public static RunState Fold(IEnumerable<RunEventEnvelope> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));

    /// <summary>The state after <paramref name="envelope"/>. Pure.</summary>
    public RunState Apply(RunEventEnvelope envelope)
    {
        var next = Apply(envelope.Event) with { UpdatedAt = envelope.At };
        return next.CreatedAt is null ? next with { CreatedAt = envelope.At } : next;
    }

    private RunState Apply(RunEvent e) => e switch
    {
        RunCreated c => this with { Report = c.Report, Target = c.Target, Status = RunStatus.Pending },
        StageStarted s => this with { CurrentStage = s.Stage, Status = RunStatus.Running },
        StageCompleted s => this with { CurrentStage = null, CompletedStages = new HashSet<string>(CompletedStages) { s.Stage }, StageSummaries = new Dictionary<string, string>(StageSummaries) { [s.Stage] = s.Summary } },
        StageFailed f => this with { CurrentStage = null, FailureReason = f.Reason, StageSummaries = new Dictionary<string, string>(StageSummaries) { [f.Stage] = f.Reason } },
        WorkspacePrepared w => this with { Workspace = w },
        TestRunCompleted t => this with { TestRuns = [.. TestRuns, t] },
        FailureReproduced f => this with { Failures = [.. Failures, f] },
        FlakyTestObserved f => this with { FlakyTests = [.. FlakyTests, f] },
        TraceParsed t => this with { Traces = [.. Traces, t] },
        SuspectFound s => this with { Suspects = [.. Suspects, s.Suspect] },
        WarningRaised w => this with { Warnings = [.. Warnings, w.Message] },
        CandidateTested c => this with { Candidates = [.. Candidates, c] },
        VerdictRecorded v => this with { Verdicts = [.. Verdicts, v] },
        PerformanceBaselineMeasured b => this with { PerformanceBaseline = b },
        PatchChosen p => this with { Patch = p },
        DecisionMade d => this with { Decision = d.Decision },
        FixDelivered d => this with { Delivery = d },
        TraceRecorded t => this with { Trace = t },
        PullRequestOpened p => this with { PullRequest = p },
        PullRequestMerged m => this with { Merge = m },
        DeliveryProblem p => this with { DeliveryProblems = [.. DeliveryProblems, p] },
        FixReviewed r => this with { Reviews = [.. Reviews, r] },
        ReviewDeadlineSet d => this with { ReviewDeadline = d },
        CancelRequested c => this with { CancelRequested = c },
        ModelCalled m => this with { ModelCalls = [.. ModelCalls, m] },
        ModelBudgetExhausted b => this with { BudgetExhausted = b },
        ReportExtracted r => this with { Extraction = r },
        AgentStepTaken a => this with { AgentSteps = [.. AgentSteps, a] },
        AgentStopped a => this with { AgentStops = [.. AgentStops, a] },
        RootCauseAnalyzed r => this with { RootCause = r },
        RepairTallied r => this with { Repair = r },
        SandboxSelected s => this with { Sandbox = s },
        AuditSealed a => this with { AuditSeal = a },
        NotificationSent n => this with { Notifications = [.. Notifications, n] },
        RunFinished f => this with { Finished = f, CurrentStage = null, Status = StatusOf(f.Outcome) },
        _ => this,
    };

    private static RunStatus StatusOf(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Completed => RunStatus.Completed,
        RunOutcome.Inconclusive => RunStatus.Inconclusive,
        RunOutcome.Cancelled => RunStatus.Cancelled,
        _ => RunStatus.Failed,
    };
}

/// <summary>A run's status as shown in lists.</summary>
public enum RunStatus
{
    Pending,
    Running,
    Completed,
    Inconclusive,
    Failed,
    Cancelled,
}
