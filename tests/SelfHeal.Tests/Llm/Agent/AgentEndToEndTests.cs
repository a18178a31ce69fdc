using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Localization;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Repair;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Testing;
using SelfHeal.Testing.Pytest;
using SelfHeal.Tests.Support;
using SelfHeal.Validation;
using static SelfHeal.Tests.Llm.Agent.AgentHarness;

namespace SelfHeal.Tests.Llm.Agent;

/// <summary>
/// The agent engine end to end: the real OpenAI client library against a local server speaking its wire format, commands in
/// the real bubblewrap sandbox, and the Repair stage validating the submission with pytest on a real Python fixture.
/// </summary>
public sealed class AgentEndToEndTests : IAsyncLifetime
{
    private const string RunId = "20261123-000000-agen";
    private readonly TempDirectory _dir = new();
    private readonly FakeModelServer _server = FakeModelServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Repair_ModelInspectsEditsTestsAndSubmits_ValidationAcceptsThePatch()
    {
        using var fixture = await FixtureRepository.CreateAsync("python/sensor-moving-average");
        var python = await PythonAsync(fixture.Path);
        _server.Enqueue(
            FakeReply.Text("""{"symptom": "the smoothed series is one value short", "error_signatures": [], "suspected_paths": ["telemetry/smoothing.py"]}"""),
            FakeReply.Text(Command("Read the function the tests point at.", "cat telemetry/smoothing.py")),
            FakeReply.Text(Command("Find the loop bound.", "grep -n 'range(len(values) - window)' telemetry/smoothing.py")),
            FakeReply.Text(Command("The loop stops one window early; include the last one.",
                "sed -i 's/range(len(values) - window):/range(len(values) - window + 1):/' telemetry/smoothing.py && git diff")),
            FakeReply.Text(Command("Run the smoothing tests.", $"{python} -m pytest -q -p no:cacheprovider tests/test_smoothing.py")),
            FakeReply.Text("Every window is covered now.\n\n```bash\necho SELFHEAL_SUBMIT\n```"));
        var (context, store) = await ContextAsync(fixture);
        var stage = new RepairStage([Engine(null, _server.BaseUrl, llm: o => { o.Models.Clear(); o.Models.Add("openai:gpt-x"); })],
            new OneRunner(new PytestRunner(TestSandbox.Runner(), TimeProvider.System)), Validators.Default(),
            new PatchPolicyLoader(Options.Create(new PatchPolicyOptions())), new CommandProbe(TestSandbox.Runner()), Options.Create(new RepairOptions()), TimeProvider.System);

        var outcome = await stage.RunAsync(context);

        var state = (await store.GetAsync(RunId))!.State;
        Assert.True(outcome.StopWith is null, outcome.Summary);
        var patch = state.Patch!;
        Assert.Equal("llm-agent", patch.Engine);
        Assert.Equal("agent (openai:gpt-x)", patch.Template);
        Assert.Contains("+    for start in range(len(values) - window + 1):", patch.Diff, StringComparison.Ordinal);
        Assert.Equal(CandidateVerdict.Plausible, Assert.Single(state.Candidates).Verdict);
        Assert.Contains("for start in range(len(values) - window):", await File.ReadAllTextAsync(Path.Combine(fixture.Path, "telemetry/smoothing.py")), StringComparison.Ordinal);
        Assert.Equal(["command", "command", "command", "command", "submit"], state.AgentSteps.Select(s => s.Kind));
        Assert.Contains("12:    for start in range(len(values) - window):", state.AgentSteps[1].Output, StringComparison.Ordinal);
        Assert.Contains("+    for start in range(len(values) - window + 1):", state.AgentSteps[2].Output, StringComparison.Ordinal);
        Assert.Contains("passed", state.AgentSteps[3].Output, StringComparison.Ordinal);
        Assert.Equal("submitted", Assert.Single(state.AgentStops).Reason);
        Assert.Equal(6, state.ModelCalls.Count);
        Assert.All(_server.Requests, r => Assert.Equal("/v1/chat/completions", r.Path));
        var third = JsonDocument.Parse(_server.Requests[2].Body).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("assistant", third[2].GetProperty("role").GetString());
        Assert.Contains("def moving_average(values: Sequence[float], window: int)", third[3].GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    private async Task<(StageContext Context, SqliteRunStore Store)> ContextAsync(FixtureRepository fixture)
    {
        var store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _dir.Combine("runs.db") }), TimeProvider.System);
        var failing = fixture.Instance.GetProperty("failing_tests").EnumerateArray().Select(t => t.GetString()!).ToList();
        List<RunEvent> events =
        [
            new RunCreated(new BugReport("moving average is one value short") { Description = fixture.Instance.GetProperty("description").GetString() }, new RunTarget(fixture.Path, null, null, false)),
            new WorkspacePrepared(fixture.Path, "HEAD", [], []),
            new TestRunCompleted("reproduce", "pytest", "python3 -m pytest", 1, 8 - failing.Count, failing.Count, 0, TimeSpan.FromSeconds(1)),
            .. failing.Select(t => new FailureReproduced(t, "assert [2.0, 3.0] == [2.0, 3.0, 4.0]", null)),
            new SuspectFound(1, new Suspect("telemetry/smoothing.py", 12, 12, "moving_average", 0.9, [])),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync(RunId, e);
        }
        return (new StageContext(RunId, (await store.GetAsync(RunId))!.State, store, null), store);
    }

    private sealed class OneRunner(ITestRunner runner) : ITestRunnerResolver
    {
        public ITestRunner? Resolve(string repositoryPath, string? command) => runner;
    }
}
