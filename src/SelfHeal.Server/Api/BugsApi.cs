using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Reports;
using SelfHeal.Server.Auth;
using SelfHeal.Server.Http;

namespace SelfHeal.Server.Api;

/// <summary><c>/api/v1/bugs</c>: submit a report, list and filter bugs, get one with its occurrences.</summary>
public static class BugsApi
{
    public static IServiceCollection AddBugsApi(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportIntake>();
        return services;
    }

    public static IEndpointRouteBuilder MapBugsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bugs = app.MapGroup("/api/v1/bugs").WithTags("Bugs").RequireRateLimiting(ServerCoreExtensions.PublicRateLimitPolicy);
        bugs.MapPost("/", SubmitAsync)
            .RequireAuthorization(ApiKeyPolicies.SubmitBugs)
            .WithSummary("Submits a bug report.")
            .WithDescription("A report with the same stack-trace fingerprint as an open bug, or text similar enough, becomes an occurrence of it. Send an Idempotency-Key header to make retries safe.")
            .Accepts<BugSubmission>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        bugs.MapPost("/batch", SubmitBatchAsync)
            .RequireAuthorization(ApiKeyPolicies.SubmitBugs)
            .WithSummary("Submits up to 100 bug reports at once (the .NET reporter uses it).")
            .WithDescription("Each report is validated and stored on its own: the answer lists, in order, the bug each accepted report went to and why each refused one was refused. Give every report an idempotencyKey so a retried batch is never counted twice.")
            .Accepts<BugBatch>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        bugs.MapGet("/", ListAsync).RequireAuthorization(ApiKeyPolicies.ReadBugs).WithSummary("Lists bugs, most recently seen first.");
        bugs.MapGet("/{id}", GetAsync).RequireAuthorization(ApiKeyPolicies.ReadBugs).WithSummary("Gets a bug with its latest occurrences.");
        return app;
    }

    internal static async Task<Results<Created<BugIntakeAnswer>, Ok<BugIntakeAnswer>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request,
        ReportIntake intake,
        IOptions<ServerLimitsOptions> limits,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (submission, refused) = await ReadJsonAsync<BugSubmission>(request, limits, json, "report", "See the BugSubmission schema in /openapi/v1.json.", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        if (submission is null)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Malformed report", "The body is empty; send a JSON object with at least a 'title'.");
        }
        var (report, problems) = submission.ToReport();
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 128)
        {
            problems.Add(new BugReportProblem("Idempotency-Key", "The Idempotency-Key header is at most 128 characters."));
        }
        problems.AddRange(BugReportValidator.Validate(report));
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }
        // Keys are scoped to the caller, so one client's key never collides with another's.
        var keyId = request.HttpContext.User.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "anonymous";
        var delivery = idempotencyKey.Length > 0 ? new DeliveryKey("api", $"{keyId}:{idempotencyKey}") : null;
        var recorded = await intake.RecordAsync([(report, delivery)], cancellationToken).ConfigureAwait(false);
        if (recorded.ProblemList.Count > 0)
        {
            return Invalid(recorded.ProblemList);
        }
        var answer = BugIntakeAnswer.From(recorded.Results[0]);
        return answer.Outcome == BugIntakeOutcome.Created ? TypedResults.Created($"/api/v1/bugs/{answer.BugId}", answer) : TypedResults.Ok(answer);
    }

    internal static async Task<Results<Ok<BugBatchAnswer>, ProblemHttpResult>> SubmitBatchAsync(
        HttpRequest request,
        ReportIntake intake,
        IOptions<ServerLimitsOptions> limits,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (batch, refused) = await ReadJsonAsync<BugBatch>(request, limits, json, "batch",
            "Send {\"reports\": [{\"idempotencyKey\": \"...\", \"report\": {\"title\": \"...\"}}]}.", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        if (batch?.Reports is not { Count: > 0 } items)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Empty batch", "Send {\"reports\": [...]} with 1 to 100 reports.");
        }
        if (items.Count > BugBatch.MaxReports)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Batch too large", $"The batch has {items.Count} reports; send at most {BugBatch.MaxReports} at once.");
        }
        var keyId = request.HttpContext.User.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "anonymous";
        var results = new List<BugBatchItemAnswer>(items.Count);
        foreach (var (item, index) in items.Select((item, index) => (item, index)))
        {
            // Each report stands on its own: one bad report never costs the others their place.
            if (item?.Report is null)
            {
                results.Add(new BugBatchItemAnswer(index, null, new Dictionary<string, string[]> { ["report"] = ["The item has no 'report'."] }));
                continue;
            }
            var (report, problems) = item.Report.ToReport();
            if (item.IdempotencyKey is { Length: > 128 })
            {
                problems.Add(new BugReportProblem("idempotencyKey", "The idempotencyKey is at most 128 characters."));
            }
            problems.AddRange(BugReportValidator.Validate(report));
            if (problems.Count == 0)
            {
                var delivery = item.IdempotencyKey is { Length: > 0 } key ? new DeliveryKey("api", $"{keyId}:{key}") : null;
                var recorded = await intake.RecordAsync([(report, delivery)], cancellationToken).ConfigureAwait(false);
                problems.AddRange(recorded.ProblemList);
                if (recorded.ProblemList.Count == 0)
                {
                    results.Add(BugBatchItemAnswer.Accepted(index, recorded.Results[0]));
                    continue;
                }
            }
            results.Add(new BugBatchItemAnswer(index, null, problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())));
        }
        var accepted = results.Count(r => r.Answer is not null);
        return TypedResults.Ok(new BugBatchAnswer(results, accepted, results.Count - accepted));
    }

    internal static async Task<Results<Ok<BugListAnswer>, ProblemHttpResult>> ListAsync(
        IBugStore store,
        string? status = null,
        string? severity = null,
        string? source = null,
        string? repository = null,
        string? fingerprint = null,
        string? q = null,
        int limit = 50,
        int offset = 0,
        CancellationToken cancellationToken = default)
    {
        BugStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<BugStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Bad filter", "status must be 'open' or 'resolved'.");
            }
            statusFilter = parsed;
        }
        BugSeverity? severityFilter = null;
        if (severity is not null)
        {
            if (!Enum.TryParse<BugSeverity>(severity, ignoreCase: true, out var parsed) || int.TryParse(severity, out _))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Bad filter", "severity (the minimum) must be low, medium, high or critical.");
            }
            severityFilter = parsed;
        }
        if (limit is < 1 or > BugQuery.MaxLimit || offset < 0)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Bad page", $"limit must be 1 to {BugQuery.MaxLimit} and offset 0 or more.");
        }
        var query = new BugQuery
        {
            Status = statusFilter,
            MinSeverity = severityFilter,
            Source = source,
            Repository = repository,
            Fingerprint = fingerprint,
            Text = q,
            Limit = limit,
            Offset = offset,
        };
        var bugs = await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new BugListAnswer(bugs, limit, offset));
    }

    internal static async Task<Results<Ok<BugDetails>, ProblemHttpResult>> GetAsync(string id, IBugStore store, CancellationToken cancellationToken)
    {
        var bug = BugId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        return bug is null
            ? Problems.Result(StatusCodes.Status404NotFound, "No such bug", $"There is no bug '{(id.Length <= 64 ? id : id[..64])}'. List bugs with GET /api/v1/bugs.")
            : TypedResults.Ok(bug);
    }

    /// <summary>A JSON body within the API's size limit, or the problem to answer with (too large, not JSON, malformed).</summary>
    private static async Task<(T? Value, ProblemHttpResult? Refused)> ReadJsonAsync<T>(
        HttpRequest request, IOptions<ServerLimitsOptions> limits, IOptions<JsonOptions> json, string what, string hint, CancellationToken cancellationToken)
        where T : class
    {
        var maxBytes = limits.Value.MaxApiBytes;
        var body = await RawBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, RawBody.TooLarge(maxBytes));
        }
        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the {what} as JSON with 'Content-Type: application/json'."));
        }
        try
        {
            return (JsonSerializer.Deserialize<T>(body, json.Value.SerializerOptions), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Result(StatusCodes.Status400BadRequest, $"Malformed {what}",
                $"The body is not a valid {what}: {e.Message.Split(" Path:")[0].TrimEnd('.')} at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}). {hint}"));
        }
    }

    private static ValidationProblem Invalid(IEnumerable<BugReportProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: "The report has problems; fix the fields listed in 'errors' and send it again.",
            title: "Invalid report");
}
