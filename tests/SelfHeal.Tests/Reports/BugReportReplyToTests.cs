using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Bugs.Sqlite;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Reports;

public sealed class BugReportReplyToTests
{
    private const string ResponseUrl = "https://hooks.slack.com/commands/T0001/1234567890/AbCdEfGhIjKlMnOpQrStUvWx";
    private static readonly BugReport Report = new("Checkout crashes") { Source = "slack", Reporter = "alice", ReplyTo = ResponseUrl };

    [Fact]
    public void ReplyTo_StoredShape_KeepsIt()
    {
        var json = JsonSerializer.Serialize(Report, RunJson.Options);

        Assert.Contains(ResponseUrl, json, StringComparison.Ordinal);
        Assert.Equal(ResponseUrl, JsonSerializer.Deserialize<BugReport>(json, RunJson.Options)!.ReplyTo);
    }

    [Fact]
    public void ReplyTo_ShownShapes_LeaveItOut()
    {
        Assert.DoesNotContain("AbCdEf", JsonSerializer.Serialize(Report, RunJson.Indented), StringComparison.Ordinal);
        Assert.DoesNotContain("AbCdEf", JsonSerializer.Serialize(Report, JsonSerializerOptions.Web), StringComparison.Ordinal);
        Assert.DoesNotContain("AbCdEf", JsonSerializer.Serialize(new RunCreated(Report, new RunTarget("/repo", null, null, false)), RunJson.Indented), StringComparison.Ordinal);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        Assert.Null(JsonSerializer.Deserialize<BugReport>(JsonSerializer.Serialize(Report, RunJson.Options), web)!.ReplyTo);
    }

    [Fact]
    public async Task ReplyTo_RunLogAndBugStore_SurviveARoundTrip()
    {
        using var folder = new TempDirectory();
        var options = Options.Create(new SqliteRunStoreOptions { DatabasePath = folder.Combine("selfheal.db") });
        var runs = new SqliteRunStore(options, TimeProvider.System);
        await runs.AppendAsync("r-1", new RunCreated(Report, new RunTarget(folder.Path, null, null, false)));
        var bugs = new SqliteBugStore(options, TimeProvider.System);
        var recorded = await bugs.RecordAsync(new BugIntake(Report));

        Assert.Equal(ResponseUrl, (await runs.GetAsync("r-1"))!.State.Report!.ReplyTo);
        Assert.Equal(ResponseUrl, (await bugs.GetAsync(recorded.BugId))!.FirstReport.ReplyTo);
    }
}
