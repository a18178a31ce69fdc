using SelfHeal.Delivery.Approvals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Server.Api;
using SelfHeal.Server.Http;

namespace SelfHeal.Server.Channels;

/// <summary><c>POST /channels/{name}</c>: one webhook endpoint per <see cref="IChannel"/>.</summary>
public static class ChannelsApi
{
    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/channels/{name}", ReceiveAsync)
            .WithTags("Channels")
            .WithSummary("Receives a webhook delivery from GitHub, Slack, Jira, Sentry or Alertmanager.")
            .WithDescription("The body is verified on its raw bytes (signature, token or credentials) before it is parsed. A replayed delivery is answered 200 with outcome 'duplicate' and stored once.")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery()
            .RequireRateLimiting(ServerCoreExtensions.PublicRateLimitPolicy);
        return app;
    }

    internal static async Task<Results<Ok<object>, Accepted<ChannelAnswer>, Ok<ChannelAnswer>, ProblemHttpResult>> ReceiveAsync(
        string name,
        HttpRequest request,
        IEnumerable<IChannel> channels,
        ReportIntake intake,
        FixReviews reviews,
        IOptions<ServerLimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (channel is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "Unknown channel",
                $"There is no channel '{(name.Length <= 40 ? name : name[..40])}'. Channels: {string.Join(", ", channels.Select(c => c.Name))}.");
        }
        var maxBytes = limits.Value.MaxWebhookBytes;
        var body = await RawBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return RawBody.TooLarge(maxBytes);
        }
        var result = await channel.ReceiveAsync(new ChannelRequest(request.Headers, body), cancellationToken).ConfigureAwait(false);
        switch (result.Kind)
        {
            case ChannelResultKind.Rejected:
                return Problems.Result(result.Status, result.Title ?? "Rejected", result.Detail ?? "The delivery was refused.");
            case ChannelResultKind.Ignored:
                return result.Reply is { } ignoredReply ? TypedResults.Ok(ignoredReply([])) : TypedResults.Ok(new ChannelAnswer("ignored", result.Detail, []));
            case ChannelResultKind.Review when result.FixReview is { } review:
                try
                {
                    var outcome = await reviews.RecordAsync(review.RunId, review.Approved, review.Reviewer, review.Via, review.Comment, cancellationToken).ConfigureAwait(false);
                    return TypedResults.Ok(new ChannelAnswer("reviewed", outcome.Message, []));
                }
                catch (ReviewRefusedException e)
                {
                    // Authentic, but nothing SelfHeal can do with it: say why, and do not make the forge retry.
                    return TypedResults.Ok(new ChannelAnswer("ignored", e.Message, []));
                }
        }

        var reports = result.Reports.Select(r => (r.Report with { Source = channel.Name }, (DeliveryKey?)new DeliveryKey(channel.Name, r.DeliveryId))).ToList();
        var recorded = await intake.RecordAsync(reports, cancellationToken).ConfigureAwait(false);
        if (recorded.Problems is { } problems)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Unusable report",
                $"The {channel.Name} delivery was authentic but gives a report that cannot be stored: {problems}");
        }
        if (result.Reply is { } reply)
        {
            return TypedResults.Ok(reply(recorded.Results));
        }
        var answer = new ChannelAnswer(
            recorded.Results.All(r => r.Outcome == BugIntakeOutcome.Duplicate) ? "duplicate" : "accepted",
            null,
            [.. recorded.Results.Select(BugIntakeAnswer.From)]);
        return answer.Status == "duplicate" ? TypedResults.Ok(answer) : TypedResults.Accepted((string?)null, answer);
    }
}

/// <summary>The answer to a delivery: <c>accepted</c>, <c>duplicate</c> or <c>ignored</c> (with the reason), and where each report went.</summary>
public sealed record ChannelAnswer(string Status, string? Reason, IReadOnlyList<BugIntakeAnswer> Bugs);
