using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Code;
using SelfHeal.Git;
using SelfHeal.Llm.Agentless;
using SelfHeal.Llm.Providers;
using SelfHeal.Llm.Safety;
using SelfHeal.Policy;
using SelfHeal.Processes;
using SelfHeal.Repair;
using SelfHeal.Sandboxing;

namespace SelfHeal.Llm.Agent;

/// <summary>
/// <c>llm-agent</c>: repair in the shape of mini-swe-agent. Each configured model in turn, until one's fix is plausible, gets one trajectory: a loop in which it
/// answers with one shell command at a time, run in the sandbox in a private copy of the worktree (no network, only the
/// copy writable, a time limit per command), and sees the command's output, until it submits. What it changed in existing
/// files (less tests and what the patch policy forbids) is yielded as a candidate that goes through the same policy review
/// and validation as every other; when validation rejects it, what validation said goes back to the model, up to
/// <see cref="LlmOptions.Attempts"/> submissions. The model sees the report only as the tool-less extraction's validated
/// record, datamarked. Steps, cost and wall-clock time are bounded (<see cref="AgentOptions"/>); every step and how each
/// trajectory ended are recorded in the run.
/// </summary>
internal sealed class AgentEngine(
    ModelClients clients,
    PriceTable prices,
    GitClient git,
    ProcessRunner processes,
    SandboxedCommandRunner sandbox,
    PatchPolicyLoader policies,
    IOptions<LlmOptions> llmOptions,
    IOptions<AgentOptions> agentOptions,
    TimeProvider timeProvider) : IRepairEngine
{
    public const string EngineName = "llm-agent";

    private readonly LlmOptions _llm = llmOptions.Value;

    public string Name => EngineName;

    public async IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var models = _llm.Models.Select(m => ModelSpec.TryParse(m, out var spec, out _) ? spec! : null).OfType<ModelSpec>().ToList();
        if (models.Count == 0)
        {
            yield break;
        }
        var session = new ModelSession(clients, models, prices, _llm, context, Name);
        var tree = await SourceTree.LoadAsync(context.WorkspacePath, git, cancellationToken: cancellationToken).ConfigureAwait(false);
        var extraction = context.State.Extraction ?? await AgentlessAnalysis.ExtractAsync(session, tree, context.State, _llm, cancellationToken).ConfigureAwait(false);
        var loaded = await policies.LoadAsync(context.WorkspacePath, cancellationToken).ConfigureAwait(false);
        var problem = PromptLibrary.Get("agent.user").Render(new Dictionary<string, string>
        {
            ["extraction"] = extraction is null ? "(none)" : Spotlight.Mark("report-extract", UntrustedText.Sanitize(JsonSerializer.Serialize(new
            {
                symptom = extraction.Symptom,
                error_signatures = extraction.ErrorSignatures,
                suspected_paths = extraction.SuspectedPaths,
            }), _llm.MaxReportChars)),
            ["failures"] = ProblemContext.Failures(context.State, _llm.MaxReportChars),
            ["repo_map"] = ProblemContext.RepoMap(tree, context.Suspects.Select(s => s.File).Concat(extraction?.SuspectedPaths ?? [])),
            ["suspects"] = context.Suspects.Count == 0 ? "(none found)" : ProblemContext.Suspects(tree, context.Suspects, _llm.ContextLines, _llm.MaxSuspects),
        });
        var tools = new AgentTools(git, processes, sandbox, new PatchPolicyEvaluator(loaded.Policy), _llm, agentOptions.Value, timeProvider);
        for (var i = 0; i < session.Models.Count && !session.Stopped; i++)
        {
            var (spec, client) = session.Models[i];
            var trajectory = new AgentTrajectory(Name, i + 1, spec, client, session, context, tools);
            await foreach (var candidate in trajectory.RunAsync(problem, cancellationToken).ConfigureAwait(false))
            {
                yield return candidate;
            }
            if (trajectory.Fixed)
            {
                yield break;
            }
        }
    }
}

/// <summary>What a trajectory works with, shared by the trajectories of one enumeration.</summary>
internal sealed record AgentTools(GitClient Git, ProcessRunner Processes, SandboxedCommandRunner Sandbox, PatchPolicyEvaluator Policy,
    LlmOptions Llm, AgentOptions Options, TimeProvider TimeProvider);
