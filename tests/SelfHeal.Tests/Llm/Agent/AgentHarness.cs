using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Llm;
using SelfHeal.Llm.Agent;
using SelfHeal.Llm.Providers;
using SelfHeal.Policy;
using SelfHeal.Processes;
using SelfHeal.Repair;
using SelfHeal.Runs;
using SelfHeal.Testing.Pytest;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Llm.Agent;

/// <summary>Builds the agent engine over the real bubblewrap sandbox, with a model client the test chooses.</summary>
internal static class AgentHarness
{
    public const string Extraction = """{"symptom": "the total skips the first price", "error_signatures": ["AssertionError"], "suspected_paths": ["shop/cart.py"]}""";

    public static AgentEngine Engine(Func<ModelSpec, IChatClient>? provider, Uri? baseUrl = null, Action<LlmOptions>? llm = null, Action<AgentOptions>? agent = null,
        TimeProvider? timeProvider = null)
    {
        var llmOptions = new LlmOptions { BaseUrl = baseUrl, Attempts = 2 };
        llmOptions.Models.Add("openai:gpt-4o");
        llm?.Invoke(llmOptions);
        var agentOptions = new AgentOptions { CommandTimeout = TimeSpan.FromSeconds(60) };
        agent?.Invoke(agentOptions);
        var clients = new ModelClients(Options.Create(llmOptions), TimeProvider.System, _ => "sk-test-unused", provider);
        var processes = new ProcessRunner();
        return new AgentEngine(clients, PriceTable.Default, new GitClient(processes), processes, TestSandbox.Runner(),
            new PatchPolicyLoader(Options.Create(new PatchPolicyOptions())), Options.Create(llmOptions), Options.Create(agentOptions), timeProvider ?? TimeProvider.System);
    }

    /// <summary>The Python that can import pytest, as the sandbox sees it.</summary>
    public static async Task<string> PythonAsync(string repository)
    {
        Requires.Tool("python3");
        var python = await new PythonLocator(TestSandbox.Runner()).FindAsync(repository, wantCoverage: false);
        Assert.True(python is not null, "This test needs pytest: apt-get install python3-pytest");
        return python!.Path;
    }

    /// <summary>Every candidate of the engine, each given <paramref name="verdict"/> as validation's answer.</summary>
    public static async Task<List<CandidatePatch>> ProposeAllAsync(AgentEngine engine, RepairContext context, CandidateVerdict verdict = CandidateVerdict.Plausible)
    {
        var candidates = new List<CandidatePatch>();
        await foreach (var candidate in engine.ProposeAsync(context))
        {
            candidates.Add(candidate);
            context.Feedback.Record(candidate, new CandidateFeedback(verdict, verdict == CandidateVerdict.Plausible ? 1 : 0, verdict == CandidateVerdict.Plausible ? "3 tests pass" : "tests/test_cart.py::test_total still fails"));
        }
        return candidates;
    }

    /// <summary>A model answer: a thought and one command block.</summary>
    public static string Command(string thought, string command) => $"{thought}\n\n```bash\n{command}\n```\n";
}
