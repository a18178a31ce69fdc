using Microsoft.Extensions.Time.Testing;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Runs;

/// <summary>
/// What every <see cref="IRunStore"/> must do, whatever its database. A store implementation derives from this class
/// and supplies <see cref="CreateStore"/>; the same tests then run against it.
/// </summary>
public abstract class RunStoreContractTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    protected TimeProvider Time => _time;

    /// <summary>A store over an empty database; a second call returns another store over the same database.</summary>
    protected abstract IRunStore CreateStore();

    public abstract void Dispose();

    protected static RunCreated Created(string title = "Cart total is wrong") =>
        new(new BugReport(title) { Description = "details" }, new RunTarget("/repo", null, null, false));

    [Fact]
    public async Task AppendAsync_NewRun_AssignsGapFreeSequences()
    {
        var store = CreateStore();
        var first = await store.AppendAsync("r1", Created());
        var second = await store.AppendAsync("r1", new StageStarted("reproduce"));
        var third = await store.AppendAsync("r1", new WarningRaised("careful"));

        Assert.Equal([1L, 2L, 3L], new[] { first.Sequence, second.Sequence, third.Sequence });
    }

    [Fact]
    public async Task GetAsync_AfterAppends_RoundTripsEveryEventType()
    {
        var store = CreateStore();
        var suspect = new SelfHeal.Localization.Suspect("src/Cart.cs", 10, 12, "Cart.Total", 0.8, [new("stack", 0.5, "frame #1")]);
        RunEvent[] events =
        [
            Created(),
            new StageStarted("reproduce"),
            new WorkspacePrepared("/wt", "abc", ["a.cs"], ["b.cs"]),
            new TestRunCompleted("reproduce", "dotnet", "dotnet test", 1, 3, 1, 0, TimeSpan.FromSeconds(2.5)) { Problem = null },
            new FailureReproduced("Ns.T.M", "boom", "at X"),
            new FlakyTestObserved("Ns.T.F", "once"),
            new TraceParsed("Ns.T.M", "dotnet", "System.NullReferenceException", "boom", "f00d", [new SelfHeal.StackTraces.StackFrame("Ns.C.M()", "/x/C.cs", 4) { RepoPath = "src/C.cs", IsProjectFrame = true }]),
            new SuspectFound(1, suspect),
            new StageCompleted("reproduce", "1 failing test"),
            new StageFailed("localize", "nothing"),
            new RunFinished(RunOutcome.Inconclusive, "done"),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync("r1", e);
        }

        var run = await store.GetAsync("r1");

        Assert.NotNull(run);
        Assert.Equal(events.Length, run.Events.Count);
        Assert.Equal(events.Select(e => e.GetType()), run.Events.Select(e => e.Event.GetType()));
        Assert.Equal(suspect.Evidence[0], run.State.Suspects.Single().Evidence[0]);
        Assert.Equal("src/C.cs", run.State.Traces.Single().Frames[0].RepoPath);
        Assert.Equal(RunStatus.Inconclusive, run.State.Status);
        Assert.Equal("f00d", run.State.Fingerprint);
    }

    [Fact]
    public async Task AppendAsync_UnknownRun_Throws()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("nope", new StageStarted("x")));
    }

    [Fact]
    public async Task AppendAsync_CreatedTwice_Throws()
    {
        var store = CreateStore();
        await store.AppendAsync("r1", Created());

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("r1", Created()));
    }

    [Fact]
    public async Task ListAsync_SeveralRuns_NewestFirstWithStatus()
    {
        var store = CreateStore();
        await store.AppendAsync("old", Created("old bug"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("new", Created("new bug"));
        await store.AppendAsync("new", new StageStarted("reproduce"));

        var runs = await store.ListAsync(new RunQuery());

        Assert.Equal(["new", "old"], runs.Select(r => r.Id));
        Assert.Equal(RunStatus.Running, runs[0].Status);
        Assert.Equal("old bug", runs[1].Title);
        Assert.Equal(_time.GetUtcNow(), runs[0].CreatedAt);
    }

    [Fact]
    public async Task ListAsync_Filters_MatchStatusBugAndPage()
    {
        var store = CreateStore();
        await store.AppendAsync("a", Created("first") with { BugId = "bug-1" });
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("b", Created("second") with { BugId = "bug-2" });
        await store.AppendAsync("b", new RunFinished(RunOutcome.Failed, "no"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("c", Created("third") with { BugId = "bug-1" });

        Assert.Equal(["c", "a"], (await store.ListAsync(new RunQuery { BugId = "bug-1" })).Select(r => r.Id));
        Assert.Equal(["b"], (await store.ListAsync(new RunQuery { Status = RunStatus.Failed })).Select(r => r.Id));
        Assert.Equal(["b"], (await store.ListAsync(new RunQuery { Limit = 1, Offset = 1 })).Select(r => r.Id));
        Assert.Empty(await store.ListAsync(new RunQuery { BugId = "bug-1", Status = RunStatus.Failed }));
        Assert.Equal("bug-2", (await store.ListAsync(new RunQuery { Status = RunStatus.Failed }))[0].BugId);
        Assert.Equal("bug-1", (await store.GetAsync("a"))!.Events[0].Event is RunCreated created ? created.BugId : null);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWriters_NeverShareASequence()
    {
        var store = CreateStore();
        await store.AppendAsync("r1", Created());

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.AppendAsync("r1", new WarningRaised($"w{i}")))));

        var run = await store.GetAsync("r1");
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), run!.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task GetAsync_SecondStoreOnSameFile_SeesEvents()
    {
        await CreateStore().AppendAsync("r1", Created());

        var run = await CreateStore().GetAsync("r1");

        Assert.Equal("Cart total is wrong", run!.State.Report!.Title);
    }

    [Fact]
    public async Task GetAsync_UnknownRun_IsNull()
    {
        Assert.Null(await CreateStore().GetAsync("nope"));
    }
}
