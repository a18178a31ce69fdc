using System.Text.Json.Serialization;
using SelfHeal.Decisions;
using SelfHeal.Localization;
using SelfHeal.Reports;
using SelfHeal.StackTraces;
using SelfHeal.Validation;

namespace SelfHeal.Runs;

/// <summary>
/// Something that happened to a run. Events are immutable facts, appended once and never changed;
/// a run's state is a fold over them (<see cref="RunState"/>). The family is closed and small, so its
/// records live together in this file; the discriminator names are persisted and must never change.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunCreated), "run.created")]
[JsonDerivedType(typeof(StageStarted), "stage.started")]
[JsonDerivedType(typeof(StageCompleted), "stage.completed")]
[JsonDerivedType(typeof(StageFailed), "stage.failed")]
[JsonDerivedType(typeof(WorkspacePrepared), "workspace.prepared")]
[JsonDerivedType(typeof(TestRunCompleted), "tests.completed")]
[JsonDerivedType(typeof(FailureReproduced), "failure.reproduced")]
[JsonDerivedType(typeof(FlakyTestObserved), "test.flaky")]
[JsonDerivedType(typeof(TraceParsed), "trace.parsed")]
[JsonDerivedType(typeof(SuspectFound), "suspect.found")]
[JsonDerivedType(typeof(WarningRaised), "warning")]
[JsonDerivedType(typeof(RunFinished), "run.finished")]
[JsonDerivedType(typeof(CandidateTested), "candidate.tested")]
[JsonDerivedType(typeof(PatchChosen), "patch.chosen")]
[JsonDerivedType(typeof(FixDelivered), "fix.delivered")]
[JsonDerivedType(typeof(ModelCalled), "model.called")]
[JsonDerivedType(typeof(ModelBudgetExhausted), "model.budget-exhausted")]
[JsonDerivedType(typeof(ReportExtracted), "report.extracted")]
[JsonDerivedType(typeof(RootCauseAnalyzed), "root-cause.analyzed")]
[JsonDerivedType(typeof(RepairTallied), "repair.tallied")]
[JsonDerivedType(typeof(VerdictRecorded), "verdict.recorded")]
[JsonDerivedType(typeof(PerformanceBaselineMeasured), "performance.baseline")]
[JsonDerivedType(typeof(DecisionMade), "decision.made")]
[JsonDerivedType(typeof(TraceRecorded), "trace.recorded")]
[JsonDerivedType(typeof(SandboxSelected), "sandbox.selected")]
[JsonDerivedType(typeof(AuditSealed), "audit.sealed")]
[JsonDerivedType(typeof(PackagesRestored), "packages.restored")]
[JsonDerivedType(typeof(NotificationSent), "notification.sent")]
[JsonDerivedType(typeof(PullRequestOpened), "pull-request.opened")]
[JsonDerivedType(typeof(PullRequestMerged), "pull-request.merged")]
[JsonDerivedType(typeof(DeliveryProblem), "delivery.problem")]
[JsonDerivedType(typeof(FixReviewed), "fix.reviewed")]
[JsonDerivedType(typeof(ReviewDeadlineSet), "review.deadline")]
[JsonDerivedType(typeof(CancelRequested), "run.cancel-requested")]
[JsonDerivedType(typeof(AgentStepTaken), "agent.step")]
[JsonDerivedType(typeof(AgentStopped), "agent.stopped")]
public abstract record RunEvent;

/// <summary>What a run is asked to work on.</summary>
/// <param name="RepositoryPath">Absolute path of the user's repository (never modified by the run).</param>
/// <param name="Commit">The commit to work at, as given (<see langword="null"/>: HEAD).</param>
/// <param name="TestCommand">A user-given test command replacing auto-detection.</param>
/// <param name="IncludeUncommitted">Copy the checkout's uncommitted changes into the workspace.</param>
public sealed record RunTarget(string RepositoryPath, string? Commit, string? TestCommand, bool IncludeUncommitted);

/// <summary>The first event of every run.</summary>
public sealed record RunCreated(BugReport Report, RunTarget Target) : RunEvent
{
    /// <summary>The stored bug this run heals, when a service started it for one (runs can be listed by it).</summary>
    public string? BugId { get; init; }
}

public sealed record StageStarted(string Stage) : RunEvent;

/// <param name="Summary">One line a person reads on the timeline.</param>
public sealed record StageCompleted(string Stage, string Summary) : RunEvent;

/// <param name="Reason">What went wrong and, where known, what to do about it.</param>
public sealed record StageFailed(string Stage, string Reason) : RunEvent;

/// <param name="Path">The worktree's path.</param>
/// <param name="Commit">The full commit id the worktree was made at.</param>
/// <param name="CopiedChanges">Uncommitted files copied in (with <c>--include-uncommitted</c>).</param>
/// <param name="IgnoredChanges">Uncommitted files left out.</param>
public sealed record WorkspacePrepared(string Path, string Commit, IReadOnlyList<string> CopiedChanges, IReadOnlyList<string> IgnoredChanges) : RunEvent;

/// <param name="Purpose">Why the tests ran: <c>reproduce</c>, <c>rerun</c>, <c>coverage</c>.</param>
public sealed record TestRunCompleted(string Purpose, string Runner, string Command, int ExitCode, int Passed, int Failed, int Skipped, TimeSpan Duration) : RunEvent
{
    public string? Problem { get; init; }
}

/// <summary>A test fails, and failed again when re-run: the bug, seen.</summary>
public sealed record FailureReproduced(string TestId, string? Message, string? StackTrace) : RunEvent;

/// <summary>A test failed once and passed on a re-run: reported, not treated as the bug.</summary>
public sealed record FlakyTestObserved(string TestId, string? Message) : RunEvent;

/// <param name="Source">Where the trace came from: a test id, or <c>log</c>.</param>
/// <param name="Fingerprint">Stable id of the bug across occurrences (exception type and top project frames, line numbers dropped).</param>
/// <param name="Frames">The frames of the root cause (innermost exception), mapped to repo files where they could be.</param>
public sealed record TraceParsed(string Source, string Language, string ExceptionType, string Message, string Fingerprint, IReadOnlyList<StackFrame> Frames) : RunEvent;

/// <param name="Rank">1-based rank among the suspects.</param>
public sealed record SuspectFound(int Rank, Suspect Suspect) : RunEvent;

public sealed record WarningRaised(string Message) : RunEvent;

/// <param name="Outcome">See <see cref="RunOutcome"/>.</param>
public sealed record RunFinished(RunOutcome Outcome, string Summary) : RunEvent;

/// <summary>A candidate patch went through validation.</summary>
/// <param name="Index">1-based order in which candidates were validated.</param>
/// <param name="Verdict">How far it got: see <see cref="CandidateVerdict"/>.</param>
/// <param name="FixedTests">How many of the reproduced failures pass with it.</param>
/// <param name="Detail">Why it stopped, in a line (first compiler error, the still-failing test).</param>
public sealed record CandidateTested(int Index, string Engine, string Template, string Description, string File, int Line, CandidateVerdict Verdict, int FixedTests, TimeSpan Duration, string? Detail) : RunEvent;

/// <summary>The patch a run settled on, with the plausible alternatives it also found.</summary>
/// <param name="Diff">The unified diff of the chosen patch (<c>git diff</c> of the worktree).</param>
public sealed record PatchChosen(string Engine, string Template, string Description, string File, int Line, string Diff, IReadOnlyList<string> Alternatives, IReadOnlyList<string> FixedTests) : RunEvent;

/// <summary>The fix was committed on a branch of the user's repository.</summary>
public sealed record FixDelivered(string Branch, string Commit, string ReportPath) : RunEvent;

/// <summary>The fix branch was pushed and proposed for review (a pull request, merge request, or local request).</summary>
/// <param name="Provider">Where: <c>github</c>, <c>gitlab</c>, <c>local</c>.</param>
/// <param name="Number">The forge's number, as text.</param>
/// <param name="Url">Where people look at it.</param>
/// <param name="Created">False when a request already open for the branch was found (a resumed run).</param>
public sealed record PullRequestOpened(string Provider, string Number, string Url, string HeadBranch, string HeadCommit, bool Draft, bool Created) : RunEvent;

/// <summary>The proposed fix was merged (the decision allowed it and the required checks passed), or why it was not.</summary>
/// <param name="Merged">Whether it is merged.</param>
/// <param name="Detail">The merge commit, or why it was left open.</param>
public sealed record PullRequestMerged(string Provider, string Number, bool Merged, string Detail) : RunEvent;

/// <summary>A person approved or rejected the proposed fix (through the API, a signed link, or a review on the forge).</summary>
/// <param name="Reviewer">Who: an API key's name, a forge login, an email address.</param>
/// <param name="Via">How: <c>api</c>, <c>link</c>, <c>github-review</c>, <c>timeout</c>, ...</param>
/// <param name="Comment">What they said, if anything (untrusted text).</param>
public sealed record FixReviewed(bool Approved, string Reviewer, string Via, string? Comment) : RunEvent;

/// <summary>Someone asked for the run to stop; whichever process runs it stops at its next stage boundary.</summary>
/// <param name="By">Who asked (an API key's name).</param>
public sealed record CancelRequested(string By) : RunEvent;

/// <summary>The policy approves the fix at <paramref name="At"/> unless a person reviews it first (<c>decision.approve_after_hours</c>).</summary>
public sealed record ReviewDeadlineSet(DateTimeOffset At) : RunEvent;

/// <summary>Delivering the committed fix to a remote failed; the fix stays on its local branch.</summary>
/// <param name="Step">What failed: <c>push</c>, <c>pull-request</c>, <c>merge</c>.</param>
/// <param name="Message">Why, safe to show (never a token).</param>
/// <param name="Transient">Whether trying again later may succeed.</param>
public sealed record DeliveryProblem(string Step, string Message, bool Transient) : RunEvent;

/// <summary>The Agent Trace record of a delivered commit (also in the repository's <c>refs/notes/agent-trace</c>).</summary>
/// <param name="Record">The record as JSON, as stored in the note.</param>
public sealed record TraceRecorded(string Commit, string Record) : RunEvent;

/// <summary>One call to a model, with its full transcript (secrets redacted).</summary>
/// <param name="Model"><c>provider:model</c>.</param>
/// <param name="Purpose">Why it was called: <c>extract</c>, <c>root-cause</c>, <c>repair</c>, with the prompt version.</param>
/// <param name="Cost">US dollars, from the price table.</param>
/// <param name="Error">Why the call failed (after retries), or <see langword="null"/>.</param>
/// <param name="Request">The messages sent.</param>
/// <param name="Response">The model's answer, or <see langword="null"/> when the call failed.</param>
public sealed record ModelCalled(string Model, string Purpose, long InputTokens, long OutputTokens, decimal Cost, TimeSpan Duration, string? Error,
    IReadOnlyList<TranscriptMessage> Request, string? Response) : RunEvent;

/// <summary>One step of an agent's trajectory: what the model said and the command it ran in the sandbox, with what came back.</summary>
/// <param name="Engine">The engine (<c>llm-agent</c>).</param>
/// <param name="Model"><c>provider:model</c>.</param>
/// <param name="Trajectory">Which trajectory of the run (one per model), from 1.</param>
/// <param name="Step">The step within the trajectory, from 1.</param>
/// <param name="Kind"><c>command</c> (ran in the sandbox), <c>format-error</c> (no single command to run) or <c>submit</c>.</param>
/// <param name="Thought">The model's words around the command (capped, secrets redacted).</param>
/// <param name="Command">The shell command, or <see langword="null"/> for a format error.</param>
/// <param name="ExitCode">The command's exit code; <see langword="null"/> when nothing ran.</param>
/// <param name="Output">What the model was shown back (sanitized, truncated head and tail).</param>
/// <param name="Duration">How long the command ran.</param>
/// <param name="Note">A limit the command hit (timeout, output cap), or <see langword="null"/>.</param>
public sealed record AgentStepTaken(string Engine, string Model, int Trajectory, int Step, string Kind, string Thought, string? Command, int? ExitCode,
    string Output, TimeSpan Duration, string? Note) : RunEvent;

/// <summary>An agent's trajectory ended.</summary>
/// <param name="Reason"><c>submitted</c>, <c>step-limit</c>, <c>time-limit</c>, <c>cost-limit</c>, <c>model-failed</c> or <c>sandbox-failed</c>.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Detail">What was submitted (the files changed and any dropped), or what stopped it.</param>
public sealed record AgentStopped(string Engine, string Model, int Trajectory, string Reason, int Steps, TimeSpan Duration, string Detail) : RunEvent;

/// <summary>A message of a model call's transcript.</summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c>.</param>
public sealed record TranscriptMessage(string Role, string Text);

/// <summary>The run's model budget is spent: no further model call is made.</summary>
/// <param name="Limit">The budget, US dollars.</param>
/// <param name="Spent">What had been spent.</param>
public sealed record ModelBudgetExhausted(string Engine, decimal Limit, decimal Spent) : RunEvent;

/// <summary>
/// What a tool-less model call read out of the untrusted report, validated: the only form in which report text
/// reaches the steps that propose code.
/// </summary>
/// <param name="SuspectedPaths">Paths the report points at that exist in the repository.</param>
/// <param name="DroppedPaths">Paths the model named that do not exist or lie outside the repository.</param>
public sealed record ReportExtracted(string Symptom, IReadOnlyList<string> ErrorSignatures, IReadOnlyList<string> SuspectedPaths, IReadOnlyList<string> DroppedPaths) : RunEvent;

/// <summary>A model's root cause analysis, validated.</summary>
/// <param name="AffectedScope">Files or symbols the cause affects.</param>
/// <param name="FixDirection">How a fix should go, in words.</param>
/// <param name="Confidence">The model's confidence in [0, 1].</param>
public sealed record RootCauseAnalyzed(string Model, string RootCause, IReadOnlyList<string> AffectedScope, string FixDirection, double Confidence) : RunEvent;

/// <summary>What the repair stage did, counted: the figures benchmarks and reports need.</summary>
/// <param name="Generated">Candidates the engines produced.</param>
/// <param name="RejectedInMemory">Candidates dropped before any test ran (did not compile or parse).</param>
/// <param name="Validated">Candidates that went through validation (policy review and tests).</param>
/// <param name="Plausible">Validated candidates that passed every layer.</param>
/// <param name="Duration">Wall-clock time of the repair stage.</param>
public sealed record RepairTallied(int Generated, int RejectedInMemory, int Validated, int Plausible, TimeSpan Duration) : RunEvent;

/// <summary>The evidence behind a <see cref="CandidateTested"/> of the same <paramref name="Index"/>: every layer that ran.</summary>
public sealed record VerdictRecorded(int Index, Verdict Verdict) : RunEvent;

/// <summary>The base commit's performance figure, measured once per run before any candidate.</summary>
public sealed record PerformanceBaselineMeasured(PerformanceMeasurement Measurement) : RunEvent;

/// <summary>What happens to the chosen fix, the rule that decided it, and the confidence and risk behind it.</summary>
public sealed record DecisionMade(Decision Decision) : RunEvent;

/// <summary>Where the run executes the repository's code.</summary>
/// <param name="Sandbox">The sandbox's name: <c>bubblewrap</c>, or <c>none</c> (explicit opt-in).</param>
/// <param name="Isolated"><see langword="false"/> when untrusted code runs on the host with the user's rights.</param>
public sealed record SandboxSelected(string Sandbox, bool Isolated) : RunEvent;

/// <summary>
/// Where the run's audit log ended when the run stopped: the run record keeps it so that entries cut from the
/// log's end (which the hash chain alone cannot show) are detected by <c>selfheal audit verify</c>.
/// </summary>
/// <param name="Entries">How many entries the log held.</param>
/// <param name="LastHash">The last entry's hash.</param>
public sealed record AuditSealed(long Entries, string LastHash) : RunEvent;

/// <summary>The repository's packages were fetched, in the sandbox with network, before its build and tests.</summary>
/// <param name="Problem">Why the restore failed (the run goes on: the build may still find what it needs), or <see langword="null"/>.</param>
public sealed record PackagesRestored(string Command, int ExitCode, TimeSpan Duration, string? Problem) : RunEvent;

/// <summary>A notifier was asked to tell people about a moment of the run.</summary>
/// <param name="Notifier">The notifier's name (<c>jira</c>, <c>slack</c>, <c>email</c>, <c>webhook</c>, ...).</param>
/// <param name="Moment">The moment (<c>FixProposed</c>, ...).</param>
/// <param name="Key">The notification's idempotency key: a key recorded with <paramref name="Succeeded"/> is never sent again.</param>
/// <param name="Error">Why it failed (safe to show: no token, no secret URL), or <see langword="null"/>.</param>
public sealed record NotificationSent(string Notifier, string Moment, string Key, bool Succeeded, string? Error) : RunEvent;

/// <summary>How far a candidate got through validation, cheapest layer first.</summary>
public enum CandidateVerdict
{
    /// <summary>It could not be applied to the worktree.</summary>
    NotApplied,
    /// <summary>The build or syntax check failed.</summary>
    BuildFailed,
    /// <summary>A previously failing test still fails.</summary>
    StillFailing,
    /// <summary>The failures are fixed but a previously passing test now fails.</summary>
    Regression,
    /// <summary>Every test passes: a plausible fix.</summary>
    Plausible,
    /// <summary>The patch policy (<c>.selfheal.yml</c> and configuration) forbids it; it was never applied.</summary>
    RejectedByPolicy,
    /// <summary>Every test passes but the performance command's figure got worse than the policy allows.</summary>
    PerformanceRegression,
    /// <summary>Every test passes but the end-to-end command failed.</summary>
    EndToEndFailed,
}

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>The run did all it was asked to (for <c>diagnose</c>: reproduced and localized).</summary>
    Completed,
    /// <summary>The bug could not be reproduced or localized; the report says why.</summary>
    Inconclusive,
    /// <summary>A stage could not run (bad input, missing tool, sandbox unavailable).</summary>
    Failed,
    Cancelled,
}
