using System.Net;
using System.Net.Http.Json;
using SelfHeal.Server.Auth;

namespace SelfHeal.Server.Tests.Api;

/// <summary><c>POST /api/v1/bugs/batch</c>: each report stands on its own, and a retried batch is never counted twice.</summary>
public sealed class BugBatchApiTests
{
    [Fact]
    public async Task Batch_MixedReports_StoresTheGoodOnesAndSaysWhyTheOthersWereRefused()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        var batch = new
        {
            reports = new object[]
            {
                new { idempotencyKey = "k1", report = new { title = "Checkout crashes on empty cart", source = "reporter" } },
                new { idempotencyKey = "k2", report = new { title = "", source = "reporter" } },
                new { idempotencyKey = "k3", report = new { title = "Invoice PDF is blank", severity = "catastrophic" } },
                new { idempotencyKey = "k4", report = new { title = "Login times out", commit = "not-a-commit" } },
                new { idempotencyKey = "k5", report = new { title = "Search returns nothing for accents" } },
            },
        };

        var response = await client.PostAsJsonAsync("/api/v1/bugs/batch", batch);
        var json = await Problem.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        Assert.Equal(3, json.GetProperty("refused").GetInt32());
        var results = json.GetProperty("results");
        Assert.Equal("created", results[0].GetProperty("answer").GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.True(results[1].GetProperty("errors").TryGetProperty("title", out _));
        Assert.Contains("Unknown severity", results[2].GetProperty("errors").GetProperty("severity")[0].GetString(), StringComparison.Ordinal);
        Assert.True(results[3].GetProperty("errors").TryGetProperty("commit", out _));
        Assert.Equal(2, (await server.Bugs.ListAsync(new SelfHeal.Bugs.BugQuery())).Count);
    }

    [Fact]
    public async Task Batch_SentTwice_SecondTimeIsADuplicate()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        var batch = new { reports = new[] { new { idempotencyKey = "same-key", report = new { title = "NullReferenceException in Cart.Total" } } } };

        await Problem.JsonAsync(await client.PostAsJsonAsync("/api/v1/bugs/batch", batch), HttpStatusCode.OK);
        var again = await Problem.JsonAsync(await client.PostAsJsonAsync("/api/v1/bugs/batch", batch), HttpStatusCode.OK);

        Assert.Equal("duplicate", again.GetProperty("results")[0].GetProperty("answer").GetProperty("outcome").GetString(), ignoreCase: true);
        var bug = Assert.Single(await server.Bugs.ListAsync(new SelfHeal.Bugs.BugQuery()));
        Assert.Equal(1, bug.OccurrenceCount);
    }

    [Theory]
    [InlineData("{}", "Empty batch")]
    [InlineData("{\"reports\": []}", "Empty batch")]
    [InlineData("{\"reports\": 5}", "Malformed batch")]
    public async Task Batch_BadShape_SaysWhatToSend(string body, string title)
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));

        var response = await client.PostAsync("/api/v1/bugs/batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("reports", detail, StringComparison.Ordinal);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_OverAHundred_IsRefusedWhole()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        var batch = new { reports = Enumerable.Range(0, 101).Select(i => new { idempotencyKey = $"k{i}", report = new { title = $"bug {i}" } }).ToArray() };

        var detail = await Problem.AssertAsync(await client.PostAsJsonAsync("/api/v1/bugs/batch", batch), HttpStatusCode.BadRequest);

        Assert.Contains("at most 100", detail, StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new SelfHeal.Bugs.BugQuery()));
    }
}
