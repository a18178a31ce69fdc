using Microsoft.Extensions.AI;
using SelfHeal.Code;
using SelfHeal.Runs;

namespace SelfHeal.Llm.Agentless;

/// <summary>
/// The agentless engine's two analysis steps. Extraction: a tool-less call that turns the untrusted report into
/// validated JSON (symptom, error signatures, suspected paths that exist in the repository); raw report text goes
/// nowhere else. Root cause analysis: validated structured output recorded in the run. Each step that gets no
/// valid answer records a warning and the engine goes on without it.
/// </summary>
internal static class AgentlessAnalysis
{
    public static async Task<ReportExtracted?> ExtractAsync(ModelSession session, SourceTree tree, RunState state, LlmOptions options, CancellationToken cancellationToken)
    {
        var (spec, client) = session.Models[0];
        var system = PromptLibrary.Get("extract.system");
        var user = PromptLibrary.Get("extract.user");
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, system.Render()),
            new(ChatRole.User, user.Render(new Dictionary<string, string>
            {
                ["files"] = ProblemContext.Files(tree),
                ["report"] = ProblemContext.Report(state.Report, options.MaxReportChars),
            })),
        };
        var answer = await session.AskAsync(client, messages, Options(options, system.Label), cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }
        if (StructuredOutput.ParseObject(answer, out var error) is not { } json)
        {
            await session.AppendAsync(new WarningRaised($"report extraction by {spec} gave no usable JSON ({error}); repair goes on from the failing tests alone"), cancellationToken).ConfigureAwait(false);
            return null;
        }
        var paths = StructuredOutput.Strings(json, "suspected_paths", 10, 300);
        var kept = paths.Select(p => SourceTree.Normalize(p.Trim('`', ' ').TrimStart('.', '/'))).Where(p => !p.Split('/').Contains("..") && tree.Paths.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
        var extracted = new ReportExtracted(
            StructuredOutput.String(json, "symptom", 400) ?? "",
            StructuredOutput.Strings(json, "error_signatures", 10, 200),
            kept,
            [.. paths.Where(p => !kept.Contains(SourceTree.Normalize(p.Trim('`', ' ').TrimStart('.', '/'))))]);
        await session.AppendAsync(extracted, cancellationToken).ConfigureAwait(false);
        return extracted;
    }

    public static async Task<RootCauseAnalyzed?> RootCauseAsync(ModelSession session, IReadOnlyDictionary<string, string> context, LlmOptions options, CancellationToken cancellationToken)
    {
        var (spec, client) = session.Models[0];
        var system = PromptLibrary.Get("root-cause.system");
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, system.Render()),
            new(ChatRole.User, PromptLibrary.Get("root-cause.user").Render(context)),
        };
        var answer = await session.AskAsync(client, messages, Options(options, system.Label), cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }
        var json = StructuredOutput.ParseObject(answer, out var error);
        var rootCause = json is { } j ? StructuredOutput.String(j, "root_cause", 2000) : null;
        var direction = json is { } k ? StructuredOutput.String(k, "fix_direction", 2000) : null;
        if (json is null || rootCause is null || direction is null)
        {
            await session.AppendAsync(new WarningRaised($"root cause analysis by {spec} was not valid ({error ?? "root_cause or fix_direction missing"}); repair goes on without it"), cancellationToken).ConfigureAwait(false);
            return null;
        }
        var analysis = new RootCauseAnalyzed(spec.ToString(), rootCause, StructuredOutput.Strings(json.Value, "affected_scope", 10, 300), direction,
            Math.Clamp(StructuredOutput.Number(json.Value, "confidence") ?? 0.5, 0, 1));
        await session.AppendAsync(analysis, cancellationToken).ConfigureAwait(false);
        return analysis;
    }

    /// <summary>Analysis calls: deterministic, no tools.</summary>
    private static ChatOptions Options(LlmOptions options, string purpose) =>
        new ChatOptions { Temperature = 0, MaxOutputTokens = options.MaxOutputTokens }.WithPurpose(purpose);
}
