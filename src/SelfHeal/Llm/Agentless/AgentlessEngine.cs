using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SelfHeal.Code;
using SelfHeal.Git;
using SelfHeal.Llm.Providers;
using SelfHeal.Llm.Safety;
using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Runs;

namespace SelfHeal.Llm.Agentless;

/// <summary>
/// <c>llm-agentless</c>: repair in the shape of the Agentless paper. Extract the report (tool-less, validated), analyse
/// the root cause, then for each round sample candidates from every configured model as SEARCH/REPLACE blocks,
/// normalize and de-duplicate them, and yield them most-voted first. When a round yields no plausible fix, what
/// validation said of each candidate (and why blocks did not apply) goes back to each model for the next round, up
/// to <see cref="LlmOptions.Attempts"/> rounds. Everything it yields still passes the Repair stage's policy and
/// security review and validation: nothing a model says widens what the run may touch.
/// </summary>
internal sealed class AgentlessEngine(ModelClients clients, PriceTable prices, GitClient git, IOptions<LlmOptions> options) : IRepairEngine
{
    private readonly LlmOptions _options = options.Value;

    public string Name => "llm-agentless";

    public async IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var models = _options.Models.Select(m => ModelSpec.TryParse(m, out var spec, out _) ? spec! : null).OfType<ModelSpec>().ToList();
        if (models.Count == 0 || context.Suspects.Count == 0)
        {
            yield break;
        }
        var session = new ModelSession(clients, models, prices, _options, context, Name);
        var tree = await SourceTree.LoadAsync(context.WorkspacePath, git, cancellationToken: cancellationToken).ConfigureAwait(false);

        var extraction = context.State.Extraction ?? await AgentlessAnalysis.ExtractAsync(session, tree, context.State, _options, cancellationToken).ConfigureAwait(false);
        var focus = context.Suspects.Select(s => s.File).Concat(extraction?.SuspectedPaths ?? []).ToList();
        var values = new Dictionary<string, string>
        {
            ["extraction"] = extraction is null ? "(none)" : System.Text.Json.JsonSerializer.Serialize(new { symptom = extraction.Symptom, error_signatures = extraction.ErrorSignatures, suspected_paths = extraction.SuspectedPaths }),
            ["failures"] = ProblemContext.Failures(context.State, _options.MaxReportChars),
            ["repo_map"] = ProblemContext.RepoMap(tree, focus),
            ["suspects"] = ProblemContext.Suspects(tree, context.Suspects, _options.ContextLines, _options.MaxSuspects),
        };
        var rootCause = context.State.RootCause ?? await AgentlessAnalysis.RootCauseAsync(session, values, _options, cancellationToken).ConfigureAwait(false);
        values["root_cause"] = rootCause is null ? "(none)" : $"{rootCause.RootCause}\nFix direction: {rootCause.FixDirection}\nConfidence: {rootCause.Confidence:0.00}";

        var system = PromptLibrary.Get("repair.system");
        var conversations = session.Models.Select(_ => new List<ChatMessage>
        {
            new(ChatRole.System, system.Render()),
            new(ChatRole.User, PromptLibrary.Get("repair.user").Render(values)),
        }).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 1; round <= _options.Attempts && !session.Stopped; round++)
        {
            var proposals = await SampleAsync(session, conversations, context, round, cancellationToken).ConfigureAwait(false);
            var fixedOne = false;
            foreach (var proposal in proposals.Where(p => p.Candidate is not null).GroupBy(p => p.Key!).OrderByDescending(g => g.Count()).Select(g => g.First()))
            {
                if (!seen.Add(proposal.Key!))
                {
                    proposal.Outcome = "the same change as a fix already tried";
                    continue;
                }
                yield return proposal.Candidate!;
                var feedback = context.Feedback.Find(proposal.Candidate!);
                proposal.Outcome = Describe(feedback);
                fixedOne |= feedback?.Verdict == CandidateVerdict.Plausible;
            }
            if (fixedOne || session.Stopped || round == _options.Attempts)
            {
                yield break;
            }
            var results = Feedback(proposals);
            for (var i = 0; i < conversations.Count; i++)
            {
                if (proposals.FirstOrDefault(p => p.ModelIndex == i) is { } mine)
                {
                    conversations[i].Add(new ChatMessage(ChatRole.Assistant, mine.Answer));
                    conversations[i].Add(new ChatMessage(ChatRole.User, PromptLibrary.Get("repair.feedback").Render(new Dictionary<string, string> { ["results"] = results })));
                }
            }
        }
    }

    private async Task<List<Proposal>> SampleAsync(ModelSession session, List<List<ChatMessage>> conversations, RepairContext context, int round, CancellationToken cancellationToken)
    {
        var proposals = new List<Proposal>();
        var purpose = PromptLibrary.Get(round == 1 ? "repair.user" : "repair.feedback").Label + $" round {round}";
        for (var i = 0; i < session.Models.Count; i++)
        {
            var (spec, client) = session.Models[i];
            for (var sample = 0; sample < _options.Samples; sample++)
            {
                var chatOptions = new ChatOptions { Temperature = _options.Temperature, MaxOutputTokens = _options.MaxOutputTokens }.WithPurpose($"{purpose} sample {sample + 1}");
                var answer = await session.AskAsync(client, conversations[i], chatOptions, cancellationToken).ConfigureAwait(false);
                if (answer is null)
                {
                    return proposals;
                }
                context.Counters.AddGenerated();
                proposals.Add(Propose(spec, i, answer, context, proposals.Count + 1));
            }
        }
        return proposals;
    }

    private Proposal Propose(ModelSpec spec, int modelIndex, string answer, RepairContext context, int number)
    {
        var summary = UntrustedText.Sanitize(answer.Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("```", StringComparison.Ordinal) && !l.Contains("<<<<<<<", StringComparison.Ordinal)), 160);
        var (blocks, parseErrors) = EditBlockParser.Parse(answer);
        var proposal = new Proposal(modelIndex, number, answer, summary.Length > 0 ? summary : $"fix {number} by {spec}");
        if (blocks.Count == 0)
        {
            proposal.Outcome = "no SEARCH/REPLACE block could be read" + (parseErrors.Count > 0 ? ": " + string.Join("; ", parseErrors) : "");
            context.Counters.AddRejectedInMemory();
            return proposal;
        }
        var (edits, errors) = EditBlockApplier.Apply(context.WorkspacePath, blocks);
        if (errors.Count > 0 || parseErrors.Count > 0)
        {
            proposal.Outcome = "the edit blocks did not apply: " + string.Join("; ", parseErrors.Concat(errors));
            context.Counters.AddRejectedInMemory();
            return proposal;
        }
        var (key, line) = Normalize(context.WorkspacePath, edits);
        if (key is null)
        {
            proposal.Outcome = "the edit blocks change nothing";
            context.Counters.AddRejectedInMemory();
            return proposal;
        }
        var suspect = context.Suspects.FirstOrDefault(s => s.File == edits[0].File && s.StartLine <= line && line <= s.EndLine)
            ?? context.Suspects.FirstOrDefault(s => s.File == edits[0].File)
            ?? new Suspect(edits[0].File, line, line, null, 0, [new SuspectEvidence("llm", 0, $"edited by {spec}")]);
        proposal.Key = key;
        proposal.Candidate = new CandidatePatch(Name, $"search-replace ({spec})", suspect, edits, proposal.Summary, 0.5);
        return proposal;
    }

    /// <summary>A key equal for changes that give the same files up to trailing whitespace, and the first edited line; a null key for a no-op.</summary>
    private static (string? Key, int Line) Normalize(string workspacePath, IReadOnlyList<TextEdit> edits)
    {
        var key = new StringBuilder();
        var firstLine = 1;
        var changed = false;
        foreach (var group in edits.GroupBy(e => e.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var original = File.ReadAllText(Path.Combine(workspacePath, group.Key));
            var text = new StringBuilder(original);
            foreach (var edit in group.OrderByDescending(e => e.Start))
            {
                text.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Replacement);
            }
            if (group.Key == edits[0].File)
            {
                firstLine = original.AsSpan(0, edits[0].Start).Count('\n') + 1;
            }
            var normalized = string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd()));
            changed |= normalized != string.Join('\n', original.Split('\n').Select(l => l.TrimEnd()));
            key.Append(group.Key).Append('\0').Append(normalized).Append('\0');
        }
        return (changed ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()))) : null, firstLine);
    }

    /// <summary>What validation said of a candidate, in words a model can act on.</summary>
    internal static string Describe(CandidateFeedback? feedback) => feedback is null ? "not validated" : feedback.Verdict switch
    {
        CandidateVerdict.Plausible => "every test passes",
        CandidateVerdict.NotApplied => "could not be applied: " + feedback.Detail,
        CandidateVerdict.BuildFailed => "did not build or parse: " + feedback.Detail,
        CandidateVerdict.StillFailing => $"a reproduced failure still fails ({feedback.FixedTests} fixed): " + feedback.Detail,
        CandidateVerdict.Regression => "fixed the failures but broke other tests: " + feedback.Detail,
        CandidateVerdict.RejectedByPolicy => "rejected before it was applied, the change is not allowed: " + feedback.Detail,
        _ => feedback.Detail ?? feedback.Verdict.ToString(),
    };

    private static string Feedback(IEnumerable<Proposal> proposals) => string.Join("\n\n", proposals.Select(p =>
        $"Fix {p.Number} ({p.Summary}):\n" + Spotlight.Mark("validation", UntrustedText.Sanitize(p.Outcome ?? "not validated", 1500))));

    /// <summary>One sampled answer and what became of it.</summary>
    private sealed class Proposal(int modelIndex, int number, string answer, string summary)
    {
        public int ModelIndex => modelIndex;

        public int Number => number;

        public string Answer => answer;

        public string Summary => summary;

        public string? Key { get; set; }

        public CandidatePatch? Candidate { get; set; }

        public string? Outcome { get; set; }
    }
}
