using System.Text.Json;
using SelfHeal.Testing.Pytest;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary>
/// <c>selfheal fix --engine agent</c> end to end: the real CLI and OpenAI client library against a local chat-completions
/// server whose scripted model inspects, edits and tests a real Python fixture in the sandbox, then submits.
/// </summary>
[Collection(nameof(SlowCliCollection))]
public sealed class AgentFixTests : IAsyncLifetime
{
    private readonly CliProcess _cli = new();
    private readonly FakeModelServer _server = FakeModelServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _cli.Dispose();
    }

    private static string Command(string thought, string command) => $"{thought}\n\n```bash\n{command}\n```\n";

    [Fact]
    public async Task Fix_EngineAgent_CommitsTheSubmittedFixAndShowsTheTrajectory()
    {
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/sensor-moving-average");
        var python = (await new PythonLocator(TestSandbox.Runner()).FindAsync(fixture.Path, wantCoverage: false))?.Path;
        Assert.True(python is not null, "This test needs pytest: apt-get install python3-pytest");
        _server.Enqueue(
            FakeReply.Text("""{"symptom": "the smoothed series is one value short", "error_signatures": [], "suspected_paths": ["telemetry/smoothing.py"]}"""),
            FakeReply.Text(Command("Read the function.", "cat telemetry/smoothing.py")),
            FakeReply.Text(Command("Include the last window.", "sed -i 's/range(len(values) - window):/range(len(values) - window + 1):/' telemetry/smoothing.py")),
            FakeReply.Text(Command("Run the tests.", $"{python} -m pytest -q -p no:cacheprovider")),
            FakeReply.Text("Done.\n\n```bash\necho SELFHEAL_SUBMIT\n```"));

        var result = await _cli.RunAsync(["fix", "--repo", fixture.Path, "--model", "openai:gpt-x", "--base-url", _server.BaseUrl.ToString(), "--engine", "agent", "--max-steps", "8", "--json"],
            null, TimeSpan.FromMinutes(5), new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-proj-SelfHealTestKey0123456789abcdef" });

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("llm-agent", json.RootElement.GetProperty("patch").GetProperty("engine").GetString());
        var branch = json.RootElement.GetProperty("delivery").GetProperty("branch").GetString()!;
        await fixture.GitAsync("checkout", "-q", branch);
        await fixture.GitAsync("apply", "-R", "--check", Path.Combine(fixture.FixturePath, "fix.patch"));

        var shown = await _cli.RunAsync("runs", "show", json.RootElement.GetProperty("runId").GetString()!, "--transcript");

        Assert.True(shown.ExitCode == 0, shown.Output);
        Assert.Contains("=== agent trajectory 1: openai:gpt-x — submitted after 4 steps", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("$ cat telemetry/smoothing.py", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("--- step 3 (exit 0,", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("agent 1 step 2 (openai:gpt-x): $ sed -i", shown.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-steps", "0", "--max-steps must be between 1 and 500")]
    [InlineData("--engine", "llm", "--max-steps applies to the agent only")]
    public async Task Fix_BadAgentOptions_AreBadInput(string option, string value, string message)
    {
        var result = await _cli.RunAsync(["fix", "--repo", ".", "--model", "openai:gpt-x", "--base-url", "http://127.0.0.1:9/v1", option, value, .. option == "--engine" ? new[] { "--max-steps", "5" } : ["--engine", "agent"]],
            null, TimeSpan.FromMinutes(1), new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-unused" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }
}
