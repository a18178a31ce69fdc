using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.Bugs;
using SelfHeal.Bugs.Sqlite;
using SelfHeal.Reports;
using SelfHeal.Runs.Sqlite;
using SelfHeal.StackTraces;
using SelfHeal.Tests.Support;
using SelfHeal.Triage;

namespace SelfHeal.Tests.Triage;

/// <summary>Triage over the real SQLite bug store.</summary>
public sealed class BugTriageTests : IDisposable
{
    private const string DotnetTrace = """
        System.NullReferenceException: Object reference not set to an instance of an object.
           at Shop.Billing.InvoiceService.Total(Invoice invoice) in /home/runner/work/shop/shop/src/Billing/InvoiceService.cs:line 42
           at Shop.Billing.InvoiceController.Get(Int32 id) in /home/runner/work/shop/shop/src/Billing/InvoiceController.cs:line 18
           at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute(ActionContext context)
        """;

    private readonly TempDirectory _folder = new("selfheal-triage");
    private readonly IBugStore _store;
    private readonly BugTriage _triage;

    public BugTriageTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        _store = new SqliteBugStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _folder.Combine("selfheal.db") }), time);
        _triage = new BugTriage(_store, StackTraceReader.CreateDefault(), Options.Create(new TriageOptions()));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void FingerprintOf_SameCrashOnAnotherMachineAndLine_IsTheSame()
    {
        var other = DotnetTrace.Replace("/home/runner/work/shop/shop/", "C:\\agent\\_work\\1\\s\\", StringComparison.Ordinal).Replace("line 42", "line 44", StringComparison.Ordinal);

        var a = _triage.FingerprintOf(new BugReport("a") { StackTrace = DotnetTrace });
        var b = _triage.FingerprintOf(new BugReport("b") { Log = "2026-11-20 12:00:01 ERROR request failed\n" + other });

        Assert.NotNull(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void FingerprintOf_AnotherFunction_Differs()
    {
        var other = DotnetTrace.Replace("InvoiceService.Total", "InvoiceService.Tax", StringComparison.Ordinal);
        Assert.NotEqual(_triage.FingerprintOf(new BugReport("a") { StackTrace = DotnetTrace }), _triage.FingerprintOf(new BugReport("b") { StackTrace = other }));
    }

    [Fact]
    public void FingerprintOf_NoTrace_IsNull()
    {
        Assert.Null(_triage.FingerprintOf(new BugReport("Button is misaligned") { Description = "On the settings page." }));
    }

    [Fact]
    public async Task Record_SameTraceTwice_IsOneBugWithTwoOccurrences()
    {
        var first = await _triage.RecordAsync(new BugReport("Invoice page crashes") { StackTrace = DotnetTrace });
        var second = await _triage.RecordAsync(new BugReport("NRE in invoices") { Source = "sentry", Log = DotnetTrace });

        Assert.Equal(BugIntakeOutcome.Occurrence, second.Outcome);
        Assert.Equal(first.BugId, second.BugId);
        Assert.Equal(2, second.OccurrenceCount);
    }

    [Fact]
    public async Task Record_RewordedReportWithoutTrace_JoinsTheSimilarBug()
    {
        var first = await _triage.RecordAsync(new BugReport("Password reset email never arrives") { Description = "Users click 'forgot password' and no reset email arrives." });
        await _triage.RecordAsync(new BugReport("Dark mode toggle does nothing"));

        var second = await _triage.RecordAsync(new BugReport("Reset password email not arriving") { Description = "The password reset email never arrives for some users." });

        Assert.Equal(BugIntakeOutcome.Occurrence, second.Outcome);
        Assert.Equal(first.BugId, second.BugId);
        var occurrence = (await _store.GetAsync(first.BugId))!.Occurrences[0];
        Assert.Equal("similar", occurrence.Match);
        Assert.InRange(occurrence.Similarity!.Value, new TriageOptions().SimilarityThreshold, 1.0);
    }

    [Fact]
    public async Task Record_ReportWithoutTraceAboutAKnownCrash_JoinsTheCrashBug()
    {
        var crash = await _triage.RecordAsync(new BugReport("Invoice total crashes with NullReferenceException") { Description = "Opening an invoice without lines fails.", StackTrace = DotnetTrace });
        await _triage.RecordAsync(new BugReport("Dark mode toggle does nothing"));

        var oneLiner = await _triage.RecordAsync(new BugReport("Invoice total crashes again with a NullReferenceException") { Source = "slack" });

        Assert.Equal(crash.BugId, oneLiner.BugId);
        Assert.Equal(BugIntakeOutcome.Occurrence, oneLiner.Outcome);
    }

    [Fact]
    public async Task Record_NewCrashDescribedEarlierWithoutTrace_JoinsThatBugAndGivesItTheFingerprint()
    {
        var described = await _triage.RecordAsync(new BugReport("Invoice page crashes for invoices without lines") { Description = "InvoiceService Total throws when an invoice has no lines." });

        var crash = await _triage.RecordAsync(new BugReport("Invoice page crashes for invoices without lines") { Source = "sentry", StackTrace = DotnetTrace });
        var again = await _triage.RecordAsync(new BugReport("NRE") { Source = "sentry", StackTrace = DotnetTrace });

        Assert.Equal(described.BugId, crash.BugId);
        Assert.Equal(described.BugId, again.BugId);
        Assert.NotNull((await _store.GetAsync(described.BugId))!.Summary.Fingerprint);
    }

    [Fact]
    public async Task Record_UnrelatedReportWithoutTrace_IsANewBug()
    {
        var first = await _triage.RecordAsync(new BugReport("Password reset email never arrives"));
        var second = await _triage.RecordAsync(new BugReport("Search results ignore the category filter"));
        Assert.Equal(BugIntakeOutcome.Created, second.Outcome);
        Assert.NotEqual(first.BugId, second.BugId);
    }

    [Fact]
    public async Task Triage_SeverityAndPriorityFromLabels_WhenTheChannelGaveNone()
    {
        var intake = await _triage.TriageAsync(new BugReport("x") { Labels = ["bug", "sev1", "P2"] });
        Assert.Equal(BugSeverity.Critical, intake.Report.Severity);
        Assert.Equal(BugPriority.High, intake.Report.Priority);
    }

    [Fact]
    public async Task Triage_ChannelSeverity_WinsOverLabels()
    {
        var intake = await _triage.TriageAsync(new BugReport("x") { Severity = BugSeverity.Low, Labels = ["sev1"] });
        Assert.Equal(BugSeverity.Low, intake.Report.Severity);
    }
}
