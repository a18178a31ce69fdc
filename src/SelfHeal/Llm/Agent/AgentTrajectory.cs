using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SelfHeal.Llm.Agentless;
using SelfHeal.Llm.Safety;
using SelfHeal.Localization;
using SelfHeal.Patches;
using SelfHeal.Policy;
using SelfHeal.Processes;
using SelfHeal.Repair;
using SelfHeal.Runs;
using SelfHeal.Sandboxing;
using SelfHeal.Security;
using SelfHeal.Validation;

namespace SelfHeal.Llm.Agent;

/// <summary>
/// One model's loop: ask, run the one command in the sandbox, show the output, until the model submits or a limit ends it.
/// Records an <see cref="AgentStepTaken"/> per step and one <see cref="AgentStopped"/>. Not thread-safe.
/// </summary>
internal sealed class AgentTrajectory(string engine, int number, ModelSpec spec, IChatClient client, ModelSession session, RepairContext context, AgentTools tools)
{
    private readonly AgentOptions _options = tools.Options;

    /// <summary>Whether validation found one of this trajectory's submissions plausible.</summary>
    public bool Fixed { get; private set; }

    public async IAsyncEnumerable<CandidatePatch> RunAsync(string problem, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = tools.TimeProvider.GetTimestamp();
        var (scratch, warning) = await AgentScratch.CreateAsync(context.WorkspacePath, tools.Git, tools.Processes, tools.Sandbox, cancellationToken).ConfigureAwait(false);
        if (scratch is null)
        {
            await StopAsync("sandbox-failed", 0, started, warning!, cancellationToken).ConfigureAwait(false);
            yield break;
        }
        await using var _ = scratch.ConfigureAwait(false);
        if (warning is not null)
        {
            await context.AppendAsync(new WarningRaised($"{engine}: {SecretRedactor.Instance.Redact(warning)}"), cancellationToken).ConfigureAwait(false);
        }
        var system = PromptLibrary.Get("agent.system");
        var messages = new List<ChatMessage> { new(ChatRole.System, system.Render()), new(ChatRole.User, problem) };
        var (step, submissions) = (0, 0);
        string reason;
        var detail = "";
        while (true)
        {
            var remaining = _options.MaxDuration - tools.TimeProvider.GetElapsedTime(started);
            if (step >= _options.MaxSteps)
            {
                (reason, detail) = ("step-limit", $"{_options.MaxSteps} steps taken without an accepted fix");
                break;
            }
            if (remaining <= TimeSpan.Zero)
            {
                (reason, detail) = ("time-limit", $"the {_options.MaxDuration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s limit was reached");
                break;
            }
            step++;
            var chatOptions = new ChatOptions { Temperature = _options.Temperature, MaxOutputTokens = tools.Llm.MaxOutputTokens }
                .WithPurpose($"{system.Label} trajectory {number} step {step}");
            var answer = await session.AskAsync(client, messages, chatOptions, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                step--;
                (reason, detail) = session.BudgetSpent ? ("cost-limit", "the run's model budget is spent") : ("model-failed", "the model could not be called");
                break;
            }
            messages.Add(new ChatMessage(ChatRole.Assistant, answer));
            var reply = AgentReply.Parse(answer);
            if (reply.Command is null)
            {
                await RecordAsync(step, "format-error", reply, null, reply.Problem!, TimeSpan.Zero, null, cancellationToken).ConfigureAwait(false);
                messages.Add(new ChatMessage(ChatRole.User, PromptLibrary.Get("agent.format-error").Render(new Dictionary<string, string> { ["problem"] = reply.Problem! })));
                continue;
            }
            if (reply.IsSubmit)
            {
                submissions++;
                var (candidate, summary) = await SubmitAsync(scratch, reply, step, cancellationToken).ConfigureAwait(false);
                await RecordAsync(step, "submit", reply, null, summary, TimeSpan.Zero, null, cancellationToken).ConfigureAwait(false);
                CandidateFeedback? feedback = null;
                if (candidate is not null)
                {
                    yield return candidate;
                    feedback = context.Feedback.Find(candidate);
                }
                var outcome = candidate is null ? summary : $"{summary}; validation: {AgentlessEngine.Describe(feedback)}";
                Fixed = feedback?.Verdict == CandidateVerdict.Plausible;
                if (Fixed || submissions >= tools.Llm.Attempts)
                {
                    (reason, detail) = ("submitted", outcome);
                    break;
                }
                messages.Add(new ChatMessage(ChatRole.User, PromptLibrary.Get("agent.feedback").Render(new Dictionary<string, string>
                {
                    ["results"] = Spotlight.Mark("validation", UntrustedText.Sanitize(outcome, 2000)),
                })));
                continue;
            }
            var spec = new CommandSpec("bash", ["-c", reply.Command], scratch.Path)
            {
                Timeout = remaining < _options.CommandTimeout ? remaining : _options.CommandTimeout,
                MaxOutputChars = 1024 * 1024,
                Environment = Quiet,
            };
            var result = await tools.Sandbox.RunAsync(new SandboxedCommand(spec, scratch.Path), cancellationToken).ConfigureAwait(false);
            var observation = AgentObservation.Create(result, spec.Timeout, _options.MaxObservationChars);
            await RecordAsync(step, "command", reply, result.ExitCode, observation.Output, result.Duration, observation.Note, cancellationToken).ConfigureAwait(false);
            messages.Add(new ChatMessage(ChatRole.User, observation.Render()));
        }
        await StopAsync(reason, step, started, detail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Variables that keep tools from paging or drawing progress bars.</summary>
    private static readonly Dictionary<string, string?> Quiet = new(StringComparer.Ordinal)
    {
        ["PAGER"] = "cat",
        ["GIT_PAGER"] = "cat",
        ["MANPAGER"] = "cat",
        ["PIP_PROGRESS_BAR"] = "off",
        ["TQDM_DISABLE"] = "1",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    /// <summary>The copy's changes as a candidate, less test files and what the policy forbids; or none, and why.</summary>
    private async Task<(CandidatePatch? Candidate, string Summary)> SubmitAsync(AgentScratch scratch, AgentReply reply, int step, CancellationToken cancellationToken)
    {
        var changes = await scratch.CollectAsync(cancellationToken).ConfigureAwait(false);
        var dropped = new List<string>(changes.Dropped);
        var edits = new List<TextEdit>();
        foreach (var change in changes.Changed)
        {
            if (TestFileRules.IsTestFile(change.File))
            {
                dropped.Add($"{change.File} (a test file: a fix changes the code, not its tests)");
                continue;
            }
            var parsed = PatchDocument.Parse(UnifiedDiff.Create(change.File, change.Before, change.After));
            var violation = parsed.Document is null ? $"its diff does not parse: {parsed.Error}" : tools.Policy.Evaluate(parsed.Document, context.WorkspacePath).FirstOrDefault()?.ToString();
            if (violation is not null)
            {
                dropped.Add($"{change.File} ({violation})");
                continue;
            }
            edits.Add(Edit(change));
        }
        var droppedText = dropped.Count > 0 ? "; left out: " + string.Join("; ", dropped) : "";
        if (edits.Count == 0)
        {
            context.Counters.AddRejectedInMemory();
            return (null, "nothing to submit: no source file of the repository was changed" + droppedText);
        }
        context.Counters.AddGenerated();
        var files = string.Join(", ", edits.Select(e => e.File));
        var first = edits[0];
        var line = changes.Changed.First(c => c.File == first.File).Before.AsSpan(0, first.Start).Count('\n') + 1;
        var suspect = context.Suspects.FirstOrDefault(s => s.File == first.File && s.StartLine <= line && line <= s.EndLine)
            ?? context.Suspects.FirstOrDefault(s => s.File == first.File)
            ?? new Suspect(first.File, line, line, null, 0, [new SuspectEvidence("llm", 0, $"edited by {spec}")]);
        var thought = UntrustedText.Sanitize(reply.Thought.Split('\n').FirstOrDefault(l => l.Trim().Length > 0), 160);
        var description = thought.Length > 0 ? $"{thought} ({files})" : $"change {files} (agent, {step} steps)";
        return (new CandidatePatch(engine, $"agent ({spec})", suspect, edits, description, 0.4), $"submitted changes to {files}" + droppedText);
    }

    /// <summary>One edit spanning everything between the first and the last changed character.</summary>
    private static TextEdit Edit(FileChange change)
    {
        var (before, after) = (change.Before, change.After);
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }
        return new TextEdit(change.File, prefix, before.Length - prefix - suffix, after[prefix..(after.Length - suffix)]);
    }

    private Task RecordAsync(int step, string kind, AgentReply reply, int? exitCode, string output, TimeSpan duration, string? note, CancellationToken cancellationToken) =>
        context.AppendAsync(new AgentStepTaken(engine, spec.ToString(), number, step, kind, Clip(reply.Thought), reply.Command is null ? null : Clip(reply.Command),
            exitCode, output, duration, note), cancellationToken);

    private Task StopAsync(string reason, int steps, long started, string detail, CancellationToken cancellationToken) =>
        context.AppendAsync(new AgentStopped(engine, spec.ToString(), number, reason, steps, tools.TimeProvider.GetElapsedTime(started), SecretRedactor.Instance.Redact(detail)), cancellationToken);

    private static string Clip(string text) => SecretRedactor.Instance.Redact(text.Length > 4000 ? text[..4000] + " [truncated]" : text);
}
