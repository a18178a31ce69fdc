using System.Net;
using System.Net.Http.Json;
using System.Text;
using SelfHeal.Server.Auth;

namespace SelfHeal.Server.Tests.Api;

public sealed class BugsApiTests
{
    private const string PythonTrace = """
        Traceback (most recent call last):
          File "/srv/app/shop/api.py", line 40, in checkout
            total = cart.total(code)
          File "/srv/app/shop/cart.py", line 12, in total
            return sum(i.price for i in self.items) * RATES[code]
        KeyError: 'SAVE10'
        """;

    [Fact]
    public async Task Submit_WithoutKey_IsUnauthorizedWithHowToGetOne()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().PostAsJsonAsync("/api/v1/bugs", new { title = "x" }), HttpStatusCode.Unauthorized);
        Assert.Contains("selfheal apikey create", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithUnknownKey_IsUnauthorized()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient("shk_abcdefghij_notakey").PostAsJsonAsync("/api/v1/bugs", new { title = "x" }), HttpStatusCode.Unauthorized);
        Assert.Contains("unknown or revoked", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithRevokedKey_IsUnauthorized()
    {
        using var server = new ServerFactory();
        var key = await server.CreateKeyAsync(ApiKeyRole.Reporter);
        var keys = (IApiKeyStore)server.Services.GetService(typeof(IApiKeyStore))!;
        Assert.True(await keys.RevokeAsync((await keys.ListAsync()).Single().Id));
        await Problem.AssertAsync(await server.CreateClient(key).PostAsJsonAsync("/api/v1/bugs", new { title = "x" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_WithViewerKey_IsForbidden()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));
        var detail = await Problem.AssertAsync(await client.PostAsJsonAsync("/api/v1/bugs", new { title = "x" }), HttpStatusCode.Forbidden);
        Assert.Contains("role (viewer)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithReporterKey_IsForbidden()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Submit_WithTrace_CreatesBug_AndSameTraceElsewhereIsAnOccurrence()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Admin));

        var created = await client.PostAsJsonAsync("/api/v1/bugs", new
        {
            title = "Checkout crashes with SAVE10",
            stackTrace = PythonTrace,
            severity = "high",
            repository = "octo-org/shop",
            commit = "9fceb02d0ae598e95dc970b74767f19372d61af8",
            file = "shop/cart.py",
            line = 12,
            environment = new Dictionary<string, string> { ["service"] = "checkout" },
            links = new[] { new { title = "log", url = "https://logs.example.com/q/1" } },
        });
        var first = await Problem.JsonAsync(created, HttpStatusCode.Created);
        var bugId = first.GetProperty("bugId").GetString()!;
        Assert.Equal($"/api/v1/bugs/{bugId}", created.Headers.Location?.OriginalString);

        // The same crash on another machine: other paths and line numbers, same fingerprint.
        var elsewhere = PythonTrace.Replace("/srv/app/", "/home/ci/work/", StringComparison.Ordinal).Replace("line 12", "line 14", StringComparison.Ordinal);
        var second = await Problem.JsonAsync(await client.PostAsJsonAsync("/api/v1/bugs", new { title = "KeyError in cart total", log = elsewhere }), HttpStatusCode.OK);

        Assert.Equal(bugId, second.GetProperty("bugId").GetString());
        Assert.Equal("occurrence", second.GetProperty("outcome").GetString());
        var bug = await Problem.JsonAsync(await client.GetAsync($"/api/v1/bugs/{bugId}"), HttpStatusCode.OK);
        Assert.Equal(2, bug.GetProperty("summary").GetProperty("occurrenceCount").GetInt32());
        Assert.Equal("high", bug.GetProperty("summary").GetProperty("severity").GetString());
        Assert.Equal(2, bug.GetProperty("occurrences").GetArrayLength());
        Assert.Equal("fingerprint", bug.GetProperty("occurrences")[0].GetProperty("match").GetString());
        Assert.Equal("checkout", bug.GetProperty("firstReport").GetProperty("environment").GetProperty("service").GetString());
    }

    [Fact]
    public async Task Submit_InvalidFields_AnswersValidationProblemNamingEachField()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));

        var response = await client.PostAsJsonAsync("/api/v1/bugs", new { title = " ", severity = "apocalyptic", commit = "xyz", line = 0, links = new[] { new { title = "x", url = "javascript:alert(1)" } } });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = (await Problem.JsonAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("title is required", errors.GetProperty("title")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Unknown severity 'apocalyptic'", errors.GetProperty("severity")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("commit", out _));
        Assert.True(errors.TryGetProperty("line", out _));
        Assert.Contains("http or https", errors.GetProperty("links[0].url")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_MalformedJson_SaysWhere()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        var response = await client.PostAsync("/api/v1/bugs", new StringContent("{\"title\": \"x\", \"line\": \"seven\"}", Encoding.UTF8, "application/json"));
        var detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("$.line", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NotJson_IsUnsupportedMediaType()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        await Problem.AssertAsync(await client.PostAsync("/api/v1/bugs", new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Submit_Oversized_IsRefused()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Limits:MaxApiBytes"] = "2048" });
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        var detail = await Problem.AssertAsync(await client.PostAsJsonAsync("/api/v1/bugs", new { title = "big", log = new string('x', 4000) }), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("2048 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKeyTwice_IsStoredOnce()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Reporter));
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/bugs")
        {
            Content = JsonContent.Create(new { title = "Invoice PDF is blank" }),
            Headers = { { "Idempotency-Key", "retry-7" } },
        };

        var first = await Problem.JsonAsync(await client.SendAsync(Request()), HttpStatusCode.Created);
        var second = await Problem.JsonAsync(await client.SendAsync(Request()), HttpStatusCode.OK);

        Assert.Equal("duplicate", second.GetProperty("outcome").GetString());
        Assert.Equal(first.GetProperty("bugId").GetString(), second.GetProperty("bugId").GetString());
        Assert.Equal(1, second.GetProperty("occurrences").GetInt32());
    }

    [Fact]
    public async Task List_FiltersBySeveritySourceAndText()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Approver));
        await client.PostAsJsonAsync("/api/v1/bugs", new { title = "Login page times out", severity = "critical" });
        await client.PostAsJsonAsync("/api/v1/bugs", new { title = "Typo in footer", severity = "low", source = "reporter" });
        await client.PostAsJsonAsync("/api/v1/bugs", new { title = "Search ranks old products first", labels = new[] { "severity:medium" } });

        async Task<string[]> Titles(string query) =>
            [.. (await Problem.JsonAsync(await client.GetAsync("/api/v1/bugs" + query), HttpStatusCode.OK)).GetProperty("bugs").EnumerateArray().Select(b => b.GetProperty("title").GetString()!).Order()];

        Assert.Equal(["Login page times out", "Search ranks old products first", "Typo in footer"], await Titles(""));
        Assert.Equal(["Login page times out", "Search ranks old products first"], await Titles("?severity=medium"));
        Assert.Equal(["Typo in footer"], await Titles("?source=reporter"));
        Assert.Equal(["Login page times out"], await Titles("?q=LOGIN"));
        Assert.Single(await Titles("?limit=1"));
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs?limit=0"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs?status=closed"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_UnknownBug_IsNotFoundProblem()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));
        var detail = await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs/bug-20260101-nothere"), HttpStatusCode.NotFound);
        Assert.Contains("GET /api/v1/bugs", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_Exceeded_AnswersTooManyRequestsWithRetryAfter()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Limits:RequestsPerWindow"] = "2", ["Limits:WindowSeconds"] = "3600" });
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));
        await Problem.JsonAsync(await client.GetAsync("/api/v1/bugs"), HttpStatusCode.OK);
        await Problem.JsonAsync(await client.GetAsync("/api/v1/bugs"), HttpStatusCode.OK);

        var refused = await client.GetAsync("/api/v1/bugs");

        var detail = await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("rate limit", detail, StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        // Health checks are not rate limited.
        await Problem.JsonAsync(await client.GetAsync("/health"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_AppliesToWebhooksPerClient()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Limits:RequestsPerWindow"] = "1", ["Limits:WindowSeconds"] = "3600" });
        var client = server.CreateClient();
        var body = Deliveries.Payload("github/ping.json");
        await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("ping", body, "p-1")), HttpStatusCode.OK);
        await Problem.AssertAsync(await client.SendAsync(Deliveries.GitHub("ping", body, "p-2")), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RateLimit_AppliesToCallersWithoutAValidKey()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Limits:RequestsPerWindow"] = "2", ["Limits:WindowSeconds"] = "3600" });
        var client = server.CreateClient("shk_guessing_key");
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task List_LimitNotANumber_IsBadRequestProblem()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));
        await Problem.AssertAsync(await client.GetAsync("/api/v1/bugs?limit=ten"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongMethod_IsMethodNotAllowedProblem()
    {
        using var server = new ServerFactory();
        await Problem.AssertAsync(await server.CreateClient().GetAsync("/channels/github"), HttpStatusCode.MethodNotAllowed);
    }
}
