using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Bugs;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Server.Auth;
using SelfHeal.Server.Jobs;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>The server's heal jobs, end to end: a report accepted over the API is healed in a real repository, in bubblewrap.</summary>
public sealed class HealJobTests : IDisposable
{
    private const string Repository = "octo-org/billing";

    private readonly TempDirectory _work = new("selfheal-heal");

    public void Dispose() => _work.Dispose();

    private ServerFactory Server(string? repositoryPath, params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["SelfHeal:WorkspaceRoot"] = _work.Combine("workspaces") };
        if (repositoryPath is not null)
        {
            all[$"Heal:Repositories:{Repository}:Path"] = repositoryPath;
        }
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        // The heal jobs' scheduler fires by the wall clock, so this server runs on it.
        return new ServerFactory(all, fakeClock: false);
    }

    private static async Task<string> SubmitAsync(ServerFactory server, string repository, string title = "Orders of exactly 10 units miss the volume discount")
    {
        using var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        using var response = await client.PostAsJsonAsync("/api/v1/bugs", new
        {
            title,
            description = "An order of 50 pens at 2.00 comes out at 95.00 instead of 90.00.",
            repository,
        });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("bugId").GetString()!;
    }

    /// <summary>Waits (bounded) until the bug's heal has ended one way or another.</summary>
    private static async Task<BugSummary> HealedAsync(ServerFactory server, string bugId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var bug = (await server.Bugs.GetAsync(bugId, 0, timeout.Token))!.Summary;
            if (bug.Heal?.Status is BugHealStatus.Finished or BugHealStatus.NeedsConfiguration or BugHealStatus.Failed)
            {
                return bug;
            }
            await Task.Delay(200, timeout.Token);
        }
    }

    [Fact]
    public async Task NewBug_UnconfiguredRepository_IsKeptAndMarkedNeedsConfiguration()
    {
        using var server = Server(repositoryPath: null);

        var bugId = await SubmitAsync(server, "octo-org/unknown");
        var bug = await HealedAsync(server, bugId);

        Assert.Equal(BugHealStatus.NeedsConfiguration, bug.Heal!.Status);
        Assert.Contains("'octo-org/unknown' is not configured", bug.Heal.Reason, StringComparison.Ordinal);
        Assert.Contains("Heal:Repositories:octo-org/unknown:Path", bug.Heal.Reason, StringComparison.Ordinal);
        Assert.Empty(await server.Services.GetRequiredService<IRunStore>().ListAsync(new RunQuery { BugId = bugId }));
    }

    [Fact]
    public async Task NewBug_BubblewrapMissing_FailsWithTheReasonAndRunsNothing()
    {
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        using var server = Server(fixture.Path, ("Heal:BubblewrapPath", _work.Combine("no-such-bwrap")));

        var bugId = await SubmitAsync(server, Repository);
        var bug = await HealedAsync(server, bugId);

        Assert.Equal(BugHealStatus.Failed, bug.Heal!.Status);
        Assert.Contains("bubblewrap", bug.Heal.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Heal:Sandbox to 'none'", bug.Heal.Reason, StringComparison.Ordinal);
        Assert.Empty(await server.Services.GetRequiredService<IRunStore>().ListAsync(new RunQuery { BugId = bugId }));
    }

    [Fact]
    public async Task NewBug_ConfiguredRepository_IsHealedByOneRunInTheSandbox()
    {
        Requires.Tool("bwrap");
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        using var server = Server(fixture.Path);

        var bugId = await SubmitAsync(server, Repository);
        var bug = await HealedAsync(server, bugId);
        // The same report again is an occurrence of the bug: it never schedules a second heal.
        var again = await SubmitAsync(server, Repository);

        Assert.Equal(bugId, again);
        Assert.Equal(BugHealStatus.Finished, bug.Heal!.Status);
        var runs = server.Services.GetRequiredService<IRunStore>();
        var run = Assert.Single(await runs.ListAsync(new RunQuery { BugId = bugId }));
        Assert.Equal(run.Id, bug.Heal.RunId);
        var state = (await runs.GetAsync(run.Id))!.State;
        Assert.Equal(RunStatus.Completed, state.Status);
        Assert.True(state.Sandbox?.Isolated, "the heal ran outside bubblewrap");
        Assert.NotNull(state.Delivery);
    }

    [Fact]
    public async Task NewBug_WithAPlainRemoteAndAWebhook_ProposesTheFixThereAndTellsTheWebhookEachMomentOnce()
    {
        Requires.Tool("bwrap");
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        var remote = _work.Combine("origin.git");
        await fixture.GitAsync("init", "-q", "--bare", "-b", "main", remote);
        await fixture.GitAsync("push", "-q", remote, "main");
        await using var receiver = RecordingHttpServer.Start(_ => new ScriptedResponse(204));
        using var server = Server(fixture.Path,
            ("Delivery:Local:Remote", remote),
            ("Notifications:Webhook:Endpoints:0:Url", receiver.BaseUrl + "selfheal"),
            ("Notifications:Webhook:Endpoints:0:Secret", "whsec-0123456789abcdef"));

        var bugId = await SubmitAsync(server, Repository);
        var bug = await HealedAsync(server, bugId);

        Assert.Equal(BugHealStatus.Finished, bug.Heal!.Status);
        var state = (await server.Services.GetRequiredService<IRunStore>().GetAsync(bug.Heal.RunId!))!.State;
        Assert.Equal("local", state.PullRequest!.Provider);
        Assert.Contains("## Validation evidence", await fixture.GitAsync("--git-dir", remote, "show", $"refs/selfheal/requests/{state.PullRequest.Number}:body.md"), StringComparison.Ordinal);
        var moments = receiver.Requests.Select(r => (string?)r.Json["moment"]).ToList();
        Assert.Equal("accepted", moments[0]);
        Assert.Equal(state.Decision!.NeedsReview ? "needsApproval" : "fixProposed", moments[1]);
        Assert.Equal(2, moments.Count);
    }

    [Fact]
    public async Task HealJob_BugWithAnUnfinishedRun_ResumesThatRunInsteadOfStartingAnother()
    {
        Requires.Tool("bwrap");
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        using var server = Server(fixture.Path);
        _ = server.CreateClient();
        var report = new BugReport("Orders of exactly 10 units miss the volume discount")
        {
            Description = "An order of 50 pens at 2.00 comes out at 95.00 instead of 90.00.",
            Repository = Repository,
            Source = "api",
        };
        var bug = await server.Bugs.RecordAsync(new BugIntake(report));
        var runs = server.Services.GetRequiredService<IRunStore>();
        // What a process killed during reproduction leaves behind: the run, started and never finished.
        await runs.AppendAsync("20261120-160500-dead", new RunCreated(report, new RunTarget(fixture.Path, null, null, false)) { BugId = bug.BugId });
        await runs.AppendAsync("20261120-160500-dead", new StageStarted("reproduce"));

        Assert.True(await server.Services.GetRequiredService<HealJobScheduler>().ScheduleAsync(bug.BugId));
        var healed = await HealedAsync(server, bug.BugId);

        Assert.False(await server.Services.GetRequiredService<HealJobScheduler>().ScheduleAsync(bug.BugId));
        Assert.Equal("20261120-160500-dead", healed.Heal!.RunId);
        var run = Assert.Single(await runs.ListAsync(new RunQuery { BugId = bug.BugId }));
        var events = (await runs.GetAsync(run.Id))!;
        Assert.Equal(RunStatus.Completed, events.State.Status);
        Assert.Equal(2, events.Events.Count(e => e.Event is StageStarted { Stage: "reproduce" }));
        Assert.Contains(events.Events, e => e.Event is WarningRaised w && w.Message.StartsWith("resumed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_FailedRunOfABug_HealsItInANewRun()
    {
        Requires.Tool("bwrap");
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        using var server = Server(fixture.Path);
        var report = new BugReport("Orders of exactly 10 units miss the volume discount")
        {
            Description = "An order of 50 pens at 2.00 comes out at 95.00 instead of 90.00.",
            Repository = Repository,
            Source = "api",
        };
        var bug = await server.Bugs.RecordAsync(new BugIntake(report));
        var runs = server.Services.GetRequiredService<IRunStore>();
        await runs.AppendAsync("20261120-160500-fail", new RunCreated(report, new RunTarget(fixture.Path, null, null, false)) { BugId = bug.BugId });
        await runs.AppendAsync("20261120-160500-fail", new RunFinished(RunOutcome.Failed, "the test command was missing"));
        using var admin = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Admin));
        using var approver = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Approver));

        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsync("/api/v1/runs/20261120-160500-fail/retry", null)).StatusCode);
        var accepted = await admin.PostAsync("/api/v1/runs/20261120-160500-fail/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var healed = await HealedAsync(server, bug.BugId);

        Assert.NotEqual("20261120-160500-fail", healed.Heal!.RunId);
        var all = await runs.ListAsync(new RunQuery { BugId = bug.BugId });
        Assert.Equal(2, all.Count);
        Assert.Equal(RunStatus.Completed, (await runs.GetAsync(healed.Heal.RunId!))!.State.Status);
        var stale = await Problem.AssertAsync(await admin.PostAsync("/api/v1/runs/20261120-160500-fail/retry", null), HttpStatusCode.Conflict);
        Assert.Contains("has a newer run", stale, StringComparison.Ordinal);
    }
}
