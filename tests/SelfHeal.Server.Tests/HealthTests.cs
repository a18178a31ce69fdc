using System.Net;

namespace SelfHeal.Server.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_ProcessUp_AnswersHealthy()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().GetAsync("/health"), HttpStatusCode.OK);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_DatabaseOpens_AnswersHealthyAndCreatesTheDatabase()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().GetAsync("/ready"), HttpStatusCode.OK);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.True(File.Exists(server.DatabasePath));
    }

    [Fact]
    public async Task Start_DatabaseFolderIsAFile_FailsWithTheReason()
    {
        using var blocker = new SelfHeal.Tests.Support.TempDirectory("selfheal-blocked");
        var file = blocker.Combine("not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        using var server = new ServerFactory(new Dictionary<string, string?> { ["SelfHeal:DatabasePath"] = Path.Combine(file, "selfheal.db") });

        var error = Assert.Throws<Health.StoreUnavailableException>(() => server.CreateClient());

        Assert.StartsWith("The database cannot be opened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessCheck_StoreCannotOpen_IsUnhealthyWithTheReason()
    {
        using var blocker = new SelfHeal.Tests.Support.TempDirectory("selfheal-blocked");
        var file = blocker.Combine("not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var store = new SelfHeal.Bugs.Sqlite.SqliteBugStore(
            Microsoft.Extensions.Options.Options.Create(new SelfHeal.Runs.Sqlite.SqliteRunStoreOptions { DatabasePath = Path.Combine(file, "selfheal.db") }), TimeProvider.System);

        var result = await new Health.StoreReadinessCheck(store).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.Contains("--db", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesChannelsAndBugs()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        Assert.Equal("SelfHeal API", json.GetProperty("info").GetProperty("title").GetString());
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/channels/{name}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/bugs", out var bugs));
        Assert.True(bugs.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/bugs/{id}", out _));
    }

    [Fact]
    public async Task UnknownRoute_AnswersProblem()
    {
        using var server = new ServerFactory();
        await Problem.AssertAsync(await server.CreateClient().GetAsync("/nowhere"), HttpStatusCode.NotFound);
    }
}
