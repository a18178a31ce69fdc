using System.Net;
using SelfHeal.Delivery.Approvals;
using SelfHeal.Delivery.Notifications.Approvals;
using SelfHeal.Runs;
using SelfHeal.Server.Http;

namespace SelfHeal.Server.Api;

/// <summary>
/// <c>/api/v1/approvals/{runId}/{approve|reject}?expires=&amp;sig=</c>: the signed links sent in emails and Slack messages.
/// Opening a link (GET) only shows the fix and a button, because mail scanners and link previews open links on their
/// own; pressing the button (POST to the same signed URL) records the review through <see cref="FixReviews"/>, which
/// merges the fix once its reviews are in. The link is the credential: it is checked (HMAC, constant time, expiry)
/// on both requests, and it names its run and action, so it cannot be used for another.
/// </summary>
public static class ApprovalLinksApi
{
    public static IEndpointRouteBuilder MapApprovalLinks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var links = app.MapGroup("/api/v1/approvals").WithTags("Approvals").RequireRateLimiting(ServerCoreExtensions.PublicRateLimitPolicy).AllowAnonymous();
        links.MapGet("/{runId}/{action}", ShowAsync).WithSummary("Shows a fix awaiting review, with a button that approves or rejects it (signed link).").ExcludeFromDescription();
        links.MapPost("/{runId}/{action}", DecideAsync).WithSummary("Approves or rejects a fix through its signed link.").ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(string runId, string action, string? expires, string? sig, IServiceProvider services, IRunStore runs, CancellationToken cancellationToken)
    {
        if (Check(services, runId, action, expires, sig) is { } refused)
        {
            return refused;
        }
        var run = RunId.IsWellFormed(runId) ? await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) : null;
        if (run is null)
        {
            return Page(HttpStatusCode.NotFound, "No such run", $"There is no run {runId}.");
        }
        var state = run.State;
        var verb = action == "approve" ? "Approve" : "Reject";
        var pr = state.PullRequest is { } opened ? $"<p>Pull request: <a href=\"{Html(opened.Url)}\">{Html(opened.Number)}</a></p>" : "";
        var change = state.Patch is { } patch ? $"<p>Change: {Html(patch.Description)} in <code>{Html(patch.File)}</code></p><pre>{Html(patch.Diff)}</pre>" : "";
        var decision = state.Decision is { } d ? $"<p>Decision: {Html(d.Reason)}</p>" : "";
        var form = $"<form method=\"post\"><button type=\"submit\">{verb} this fix</button></form>";
        return Page(HttpStatusCode.OK, $"{verb} SelfHeal's fix", $"<p>Bug: {Html(state.Report?.Title)}</p>{pr}{change}{decision}{form}", raw: true);
    }

    private static async Task<IResult> DecideAsync(string runId, string action, string? expires, string? sig, IServiceProvider services, FixReviews reviews, CancellationToken cancellationToken)
    {
        if (Check(services, runId, action, expires, sig) is { } refused)
        {
            return refused;
        }
        try
        {
            var outcome = await reviews.RecordAsync(runId, action == "approve", "signed link", "link", cancellationToken: cancellationToken).ConfigureAwait(false);
            return Page(HttpStatusCode.OK, outcome.Status == ReviewStatus.Rejected ? "Rejected" : "Thank you", outcome.Message);
        }
        catch (ReviewRefusedException e)
        {
            return Page(e.Refusal == ReviewRefusal.NotFound ? HttpStatusCode.NotFound : HttpStatusCode.Conflict, "Nothing to do", e.Message);
        }
    }

    private static IResult? Check(IServiceProvider services, string runId, string action, string? expires, string? sig)
    {
        if (services.GetService<ApprovalLinks>() is not { } links)
        {
            return Page(HttpStatusCode.NotFound, "Approval links are off", "This server does not issue approval links (Notifications:Approvals:Secret is not set).");
        }
        var check = links.Verify(runId, action, expires, sig);
        return check.IsValid ? null : Page(HttpStatusCode.Forbidden, "This link does not work", check.Reason ?? "The link is not valid.");
    }

    private static IResult Page(HttpStatusCode status, string title, string body, bool raw = false) =>
        Results.Content(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{Html(title)}</title></head><body><h1>{Html(title)}</h1>{(raw ? body : $"<p>{Html(body)}</p>")}</body></html>",
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, (int)status);

    private static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");
}
