using SelfHeal.Delivery.Approvals;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Runs;
using SelfHeal.Server.Auth;
using SelfHeal.Server.Http;
using SelfHeal.Server.Jobs;

namespace SelfHeal.Server.Api;

/// <summary><c>/api/v1/runs</c>: list and filter runs, get one with its timeline, approve or reject a fix that awaits review.</summary>
public static class RunsApi
{
    private const int MaxCommentLength = 2000;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runs = app.MapGroup("/api/v1/runs").WithTags("Runs").RequireRateLimiting(ServerCoreExtensions.PublicRateLimitPolicy);
        runs.MapGet("/", ListAsync).RequireAuthorization(ApiKeyPolicies.ReadBugs).WithSummary("Lists runs, newest first.");
        runs.MapGet("/{id}", GetAsync).RequireAuthorization(ApiKeyPolicies.ReadBugs).WithSummary("Gets a run: its state, decision, review and timeline.");
        runs.MapPost("/{id}/approve", (string id, HttpRequest request, IRunStore store, FixReviews reviews, IOptions<ServerLimitsOptions> limits, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
                ReviewAsync(id, approved: true, request, store, reviews, limits, json, cancellationToken))
            .RequireAuthorization(ApiKeyPolicies.ReviewFixes).WithSummary("Approves a fix whose decision asked for review.").DisableAntiforgery();
        runs.MapPost("/{id}/reject", (string id, HttpRequest request, IRunStore store, FixReviews reviews, IOptions<ServerLimitsOptions> limits, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
                ReviewAsync(id, approved: false, request, store, reviews, limits, json, cancellationToken))
            .RequireAuthorization(ApiKeyPolicies.ReviewFixes).WithSummary("Rejects a fix whose decision asked for review.").DisableAntiforgery();
        runs.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(ApiKeyPolicies.Admin)
            .WithSummary("Asks a running run to stop; it stops at its next stage boundary, on whichever server or worker runs it.").DisableAntiforgery();
        runs.MapPost("/{id}/retry", RetryAsync).RequireAuthorization(ApiKeyPolicies.Admin)
            .WithSummary("Heals the run's bug again in a new run, when the run failed, was inconclusive or was cancelled.").DisableAntiforgery();
        return app;
    }

    internal static async Task<Results<Accepted<RunAnswer>, ProblemHttpResult>> CancelAsync(string id, HttpRequest request, IRunStore store, CancellationToken cancellationToken)
    {
        var run = RunId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (run is null)
        {
            return NoSuchRun(id);
        }
        if (run.State.Finished is { } finished)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Already finished", $"Run '{run.Id}' already finished ({finished.Outcome.ToString().ToLowerInvariant()}); there is nothing to cancel.");
        }
        if (run.State.CancelRequested is null)
        {
            var user = request.HttpContext.User;
            var by = $"{user.FindFirst(ClaimTypes.Name)?.Value ?? "unknown"} ({user.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "no key"})";
            await store.AppendAsync(run.Id, new CancelRequested(by), cancellationToken).ConfigureAwait(false);
        }
        return TypedResults.Accepted($"/api/v1/runs/{run.Id}", RunAnswer.From((await store.GetAsync(run.Id, cancellationToken).ConfigureAwait(false))!));
    }

    internal static async Task<Results<Accepted<RetryAnswer>, ProblemHttpResult>> RetryAsync(string id, IRunStore store, HealJobScheduler heals, CancellationToken cancellationToken)
    {
        var run = RunId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (run is null)
        {
            return NoSuchRun(id);
        }
        var bugId = RunAnswer.From(run).BugId;
        string? refusal = null;
        if (bugId is null)
        {
            refusal = "it was not started by the service for a bug (run it again with selfheal fix)";
        }
        else if (run.State.Finished is null)
        {
            refusal = "it has not finished";
        }
        else if (run.State.Status == RunStatus.Completed)
        {
            refusal = "it completed";
        }
        else if ((await store.ListAsync(new RunQuery { BugId = bugId, Limit = 1 }, cancellationToken).ConfigureAwait(false)) is [var latest] && latest.Id != run.Id)
        {
            refusal = $"bug '{bugId}' has a newer run, '{latest.Id}'";
        }
        if (refusal is not null)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Cannot retry", $"Run '{run.Id}' cannot be retried: {refusal}.");
        }
        await heals.RetryAsync(bugId!, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/v1/runs?bug={bugId}", new RetryAnswer(bugId!, run.Id));
    }

    internal static async Task<Results<Ok<RunListAnswer>, ProblemHttpResult>> ListAsync(
        IRunStore store, string? status = null, string? bug = null, int limit = 50, int offset = 0, CancellationToken cancellationToken = default)
    {
        RunStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<RunStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Bad filter", "status must be pending, running, completed, inconclusive, failed or cancelled.");
            }
            statusFilter = parsed;
        }
        if (limit is < 1 or > RunQuery.MaxLimit || offset < 0)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Bad page", $"limit must be 1 to {RunQuery.MaxLimit} and offset 0 or more.");
        }
        var runs = await store.ListAsync(new RunQuery { Status = statusFilter, BugId = bug, Limit = limit, Offset = offset }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RunListAnswer(runs, limit, offset));
    }

    internal static async Task<Results<Ok<RunAnswer>, ProblemHttpResult>> GetAsync(string id, IRunStore store, CancellationToken cancellationToken)
    {
        var run = RunId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return run is null ? NoSuchRun(id) : TypedResults.Ok(RunAnswer.From(run));
    }

    private static async Task<Results<Ok<RunAnswer>, ProblemHttpResult>> ReviewAsync(
        string id, bool approved, HttpRequest request, IRunStore store, FixReviews reviews, IOptions<ServerLimitsOptions> limits, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(request, limits.Value.MaxApiBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return RawBody.TooLarge(limits.Value.MaxApiBytes);
        }
        string? comment = null;
        if (body.Length > 0)
        {
            try
            {
                comment = JsonSerializer.Deserialize<ReviewSubmission>(body, json.Value.SerializerOptions)?.Comment;
            }
            catch (JsonException e)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Malformed review", $"The body is not valid JSON ({e.Message.Split(" Path:")[0]}); send {{\"comment\": \"...\"}} or nothing.");
            }
        }
        if (comment is { Length: > MaxCommentLength })
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Comment too long", $"A review comment is at most {MaxCommentLength} characters.");
        }
        var run = RunId.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (run is null)
        {
            return NoSuchRun(id);
        }
        if (RunReview.Of(run) is not { Pending: true })
        {
            var why = run.State.Decision is null
                ? "the run has no decision yet"
                : RunReview.Of(run) is null ? $"its decision ({run.State.Decision.Action}) asks for no review" : "its review is already complete";
            return Problems.Result(StatusCodes.Status409Conflict, "Not awaiting review", $"Run '{run.Id}' cannot be {(approved ? "approved" : "rejected")}: {why}.");
        }
        var user = request.HttpContext.User;
        var reviewer = $"{user.FindFirst(ClaimTypes.Name)?.Value ?? "unknown"} ({user.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "no key"})";
        // Recorded in the run; once the decision's reviews are in, the pull request leaves draft and merges when its checks pass.
        try
        {
            await reviews.RecordAsync(run.Id, approved, reviewer, "api", comment, cancellationToken).ConfigureAwait(false);
        }
        catch (ReviewRefusedException e)
        {
            return Problems.Result(e.Refusal == ReviewRefusal.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict, "Review refused", e.Message);
        }
        return TypedResults.Ok(RunAnswer.From((await store.GetAsync(run.Id, cancellationToken).ConfigureAwait(false))!));
    }

    private static ProblemHttpResult NoSuchRun(string id) =>
        Problems.Result(StatusCodes.Status404NotFound, "No such run", $"There is no run '{(id.Length <= 64 ? id : id[..64])}'. List runs with GET /api/v1/runs.");
}
