using Microsoft.AspNetCore.Diagnostics;

namespace SelfHeal.Server.Http;

/// <summary>
/// A request the framework could not read (a query value of the wrong type, a body over Kestrel's limit) is the
/// caller's mistake: its status (400, 413, ...) and message, as ProblemDetails, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        await Problems.WriteAsync(httpContext, bad.StatusCode, "Bad request", $"{bad.Message} Check the request against /openapi/v1.json.").ConfigureAwait(false);
        return true;
    }
}
