using Microsoft.Extensions.Time.Testing;
using SelfHeal.Bugs;
using SelfHeal.Reports;

namespace SelfHeal.Tests.Bugs;

/// <summary>
/// What every <see cref="IBugStore"/> must do, whatever its database. A store implementation derives from this class
/// and supplies <see cref="CreateStore"/>; the same tests then run against it.
/// </summary>
public abstract class BugStoreContractTests : IDisposable
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A store over an empty database; a second call returns another store over the same database.</summary>
    protected abstract IBugStore CreateStore();

    public abstract void Dispose();

    private static BugReport Report(string title, string source = "api") => new(title) { Source = source, Description = $"{title}, described." };

    [Fact]
    public async Task Record_NewReport_CreatesOpenBugWithOneOccurrence()
    {
        var store = CreateStore();
        var report = Report("Cart total is wrong") with { Severity = BugSeverity.High, Repository = "octo/shop", Labels = ["bug"], ReceivedAt = Time.GetUtcNow() };

        var result = await store.RecordAsync(new BugIntake(report, "fp-1"));

        Assert.Equal(BugIntakeOutcome.Created, result.Outcome);
        Assert.Equal(1, result.OccurrenceCount);
        Assert.True(BugId.IsWellFormed(result.BugId), result.BugId);
        var bug = await store.GetAsync(result.BugId);
        Assert.NotNull(bug);
        Assert.Equal("Cart total is wrong", bug.Summary.Title);
        Assert.Equal(BugStatus.Open, bug.Summary.Status);
        Assert.Equal(BugSeverity.High, bug.Summary.Severity);
        Assert.Equal("fp-1", bug.Summary.Fingerprint);
        Assert.Equal("octo/shop", bug.Summary.Repository);
        Assert.Equal(Time.GetUtcNow(), bug.Summary.FirstSeen);
        Assert.Equal(report, bug.FirstReport with { Environment = report.Environment, Labels = report.Labels, Attachments = report.Attachments, Links = report.Links });
        Assert.Equal(["bug"], bug.FirstReport.Labels);
        Assert.Equal("created", Assert.Single(bug.Occurrences).Match);
    }

    [Fact]
    public async Task Record_SameFingerprint_IsOccurrenceWithCountsAndFirstLastSeen()
    {
        var store = CreateStore();
        var first = await store.RecordAsync(new BugIntake(Report("Crash in total") with { ReceivedAt = Time.GetUtcNow() }, "fp-2"));
        var later = Time.GetUtcNow().AddHours(3);

        var second = await store.RecordAsync(new BugIntake(Report("Another title, same crash", "sentry") with { ReceivedAt = later, Severity = BugSeverity.Critical }, "fp-2"));

        Assert.Equal(BugIntakeOutcome.Occurrence, second.Outcome);
        Assert.Equal(first.BugId, second.BugId);
        Assert.Equal(2, second.OccurrenceCount);
        var bug = (await store.GetAsync(first.BugId))!;
        Assert.Equal(Time.GetUtcNow(), bug.Summary.FirstSeen);
        Assert.Equal(later, bug.Summary.LastSeen);
        Assert.Equal(BugSeverity.Critical, bug.Summary.Severity);
        Assert.Equal(["api", "sentry"], bug.Summary.Sources);
        Assert.Equal("Crash in total", bug.Summary.Title);
        Assert.Equal(["fingerprint", "created"], bug.Occurrences.Select(o => o.Match));
    }

    [Fact]
    public async Task Record_SimilarBug_IsOccurrenceWithItsSimilarity()
    {
        var store = CreateStore();
        var first = await store.RecordAsync(new BugIntake(Report("Export to CSV drops the last row")));

        var second = await store.RecordAsync(new BugIntake(Report("CSV export loses last row"), SimilarBugId: first.BugId, Similarity: 0.71));

        Assert.Equal(BugIntakeOutcome.Occurrence, second.Outcome);
        var occurrence = (await store.GetAsync(first.BugId))!.Occurrences[0];
        Assert.Equal("similar", occurrence.Match);
        Assert.Equal(0.71, occurrence.Similarity);
    }

    [Fact]
    public async Task Record_SimilarBugThatHasAnotherFingerprint_CreatesANewBug()
    {
        var store = CreateStore();
        var first = await store.RecordAsync(new BugIntake(Report("Crash A"), "fp-a"));

        var second = await store.RecordAsync(new BugIntake(Report("Crash A again"), "fp-b", first.BugId, 0.9));

        Assert.Equal(BugIntakeOutcome.Created, second.Outcome);
        Assert.NotEqual(first.BugId, second.BugId);
    }

    [Fact]
    public async Task Record_CrashJoiningABugWithoutFingerprint_GivesItTheFingerprint()
    {
        var store = CreateStore();
        var first = await store.RecordAsync(new BugIntake(Report("Export crashes")));

        var crash = await store.RecordAsync(new BugIntake(Report("Export crashes with a trace"), "fp-x", first.BugId, 0.8));
        var again = await store.RecordAsync(new BugIntake(Report("Same crash"), "fp-x"));

        Assert.Equal(first.BugId, crash.BugId);
        Assert.Equal(first.BugId, again.BugId);
        Assert.Equal("fp-x", (await store.GetAsync(first.BugId))!.Summary.Fingerprint);
    }

    [Fact]
    public async Task Record_SameDeliveryTwice_IsDuplicateAndNothingChanges()
    {
        var store = CreateStore();
        var delivery = new DeliveryKey("github", "72d3162e");
        var first = await store.RecordAsync(new BugIntake(Report("Broken link"), Delivery: delivery));

        var replay = await store.RecordAsync(new BugIntake(Report("Broken link"), Delivery: delivery));

        Assert.Equal(BugIntakeOutcome.Duplicate, replay.Outcome);
        Assert.Equal(first.BugId, replay.BugId);
        Assert.Equal(1, replay.OccurrenceCount);
        Assert.Single((await store.GetAsync(first.BugId))!.Occurrences);
    }

    [Fact]
    public async Task Record_SameDeliveryIdOnAnotherChannel_IsNotADuplicate()
    {
        var store = CreateStore();
        await store.RecordAsync(new BugIntake(Report("One"), Delivery: new DeliveryKey("github", "id-1")));
        var other = await store.RecordAsync(new BugIntake(Report("Two"), Delivery: new DeliveryKey("jira", "id-1")));
        Assert.Equal(BugIntakeOutcome.Created, other.Outcome);
    }

    [Fact]
    public async Task Record_ConcurrentReportsOfOneFingerprint_MakeOneBug()
    {
        var store = CreateStore();
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => store.RecordAsync(new BugIntake(Report($"Crash {i}"), "fp-race", Delivery: new DeliveryKey("api", $"d-{i}"))))));

        Assert.Single(results.Select(r => r.BugId).Distinct());
        Assert.Single(results, r => r.Outcome == BugIntakeOutcome.Created);
        Assert.Equal(24, (await store.GetAsync(results[0].BugId))!.Summary.OccurrenceCount);
    }

    [Fact]
    public async Task Record_ConcurrentWritersThroughTwoStoresOfOneDatabase_MakeOneBugPerFingerprint()
    {
        // Two stores over one database stand for two server processes: their writes must still serialize correctly.
        var stores = new[] { CreateStore(), CreateStore() };
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => stores[i % 2].RecordAsync(new BugIntake(Report($"Crash {i}"), $"fp-{i % 3}", Delivery: new DeliveryKey("api", $"d-{i % 30}"))))));

        Assert.Equal(3, results.Where(r => r.Outcome != BugIntakeOutcome.Duplicate).Select(r => r.BugId).Distinct().Count());
        Assert.Equal(3, results.Count(r => r.Outcome == BugIntakeOutcome.Created));
        Assert.Equal(30, results.Count(r => r.Outcome == BugIntakeOutcome.Duplicate));
        var bugs = await stores[0].ListAsync(new BugQuery());
        Assert.Equal(30, bugs.Sum(b => b.OccurrenceCount));
    }

    [Fact]
    public async Task Record_ConcurrentReplaysOfOneDelivery_AreStoredOnce()
    {
        var store = CreateStore();
        var delivery = new DeliveryKey("slack", "trigger-1");
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.RecordAsync(new BugIntake(Report("Slow search"), Delivery: delivery)))));

        Assert.Single(results, r => r.Outcome == BugIntakeOutcome.Created);
        Assert.Equal(15, results.Count(r => r.Outcome == BugIntakeOutcome.Duplicate));
    }

    [Fact]
    public async Task Record_IsDurable_AnotherStoreOverTheSameDatabaseSeesIt()
    {
        var result = await CreateStore().RecordAsync(new BugIntake(Report("Persisted")));
        Assert.NotNull(await CreateStore().GetAsync(result.BugId));
    }

    [Fact]
    public async Task List_Filters_And_PagesMostRecentFirst()
    {
        var store = CreateStore();
        await store.RecordAsync(new BugIntake(Report("Login fails", "github") with { Severity = BugSeverity.Critical, Repository = "octo/auth", ReceivedAt = Time.GetUtcNow() }));
        await store.RecordAsync(new BugIntake(Report("Typo on home page", "slack") with { Severity = BugSeverity.Low, ReceivedAt = Time.GetUtcNow().AddMinutes(1) }, "fp-typo"));
        var third = await store.RecordAsync(new BugIntake(Report("Slow LOGIN redirect", "api") with { Severity = BugSeverity.Medium, ReceivedAt = Time.GetUtcNow().AddMinutes(2) }));
        await store.RecordAsync(new BugIntake(Report("seen by sentry", "sentry") with { ReceivedAt = Time.GetUtcNow().AddMinutes(3) }, SimilarBugId: third.BugId, Similarity: 0.8));

        async Task<string[]> Titles(BugQuery query) => [.. (await store.ListAsync(query)).Select(b => b.Title)];

        Assert.Equal(["Slow LOGIN redirect", "Typo on home page", "Login fails"], await Titles(new BugQuery()));
        Assert.Equal(["Slow LOGIN redirect", "Login fails"], await Titles(new BugQuery { MinSeverity = BugSeverity.Medium }));
        Assert.Equal(["Slow LOGIN redirect"], await Titles(new BugQuery { Source = "sentry" }));
        Assert.Equal(["Login fails"], await Titles(new BugQuery { Repository = "octo/auth" }));
        Assert.Equal(["Typo on home page"], await Titles(new BugQuery { Fingerprint = "fp-typo" }));
        Assert.Equal(["Slow LOGIN redirect", "Login fails"], await Titles(new BugQuery { Text = "login" }));
        Assert.Equal(["Typo on home page"], await Titles(new BugQuery { Limit = 1, Offset = 1 }));
        Assert.Equal(3, (await store.ListAsync(new BugQuery { Status = BugStatus.Open })).Count);
        Assert.Empty(await store.ListAsync(new BugQuery { Status = BugStatus.Resolved }));
    }

    [Fact]
    public async Task List_TextWithSqlMetacharacters_IsMatchedLiterally()
    {
        var store = CreateStore();
        await store.RecordAsync(new BugIntake(Report("100% CPU on '_' route")));
        await store.RecordAsync(new BugIntake(Report("Other")));
        Assert.Single(await store.ListAsync(new BugQuery { Text = "100% CPU on '_'" }));
        Assert.Empty(await store.ListAsync(new BugQuery { Text = "%' OR 1=1 --" }));
    }

    [Fact]
    public async Task Get_UnknownId_IsNull()
    {
        Assert.Null(await CreateStore().GetAsync("bug-20260101-missing"));
    }

    [Fact]
    public async Task Get_LimitsOccurrences_NewestFirst()
    {
        var store = CreateStore();
        string? id = null;
        for (var i = 0; i < 5; i++)
        {
            id = (await store.RecordAsync(new BugIntake(Report($"Crash {i}") with { ReceivedAt = Time.GetUtcNow().AddMinutes(i) }, "fp-many"))).BugId;
        }
        var bug = (await store.GetAsync(id!, occurrenceLimit: 2))!;
        Assert.Equal(5, bug.Summary.OccurrenceCount);
        Assert.Equal(["Crash 4", "Crash 3"], bug.Occurrences.Select(o => o.Report.Title));
    }

    [Fact]
    public async Task SetHeal_KnownBug_IsShownWithTheBugAndKeepsItsRun()
    {
        var store = CreateStore();
        var bug = await store.RecordAsync(new BugIntake(Report("Heal me")));

        Assert.True(await store.SetHealAsync(bug.BugId, new BugHeal(BugHealStatus.Running, RunId: "20261120-120000-abcd")));
        Assert.True(await store.SetHealAsync(bug.BugId, new BugHeal(BugHealStatus.Finished, "all stages completed")));

        var heal = (await store.GetAsync(bug.BugId))!.Summary.Heal;
        Assert.Equal(new BugHeal(BugHealStatus.Finished, "all stages completed", "20261120-120000-abcd"), heal);
        Assert.Equal(heal, (await store.ListAsync(new BugQuery())).Single().Heal);
        Assert.False(await store.SetHealAsync("bug-missing", new BugHeal(BugHealStatus.Failed)));
    }
}
