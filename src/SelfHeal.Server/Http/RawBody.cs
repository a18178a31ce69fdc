using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace SelfHeal.Server.Http;

/// <summary>
/// Reads a request body as raw bytes, at most a cap: signatures are checked on exactly these bytes before anything
/// parses them. A body over the cap is refused by its <c>Content-Length</c> before it is read, or as soon as it
/// passes the cap while streaming.
/// </summary>
internal static class RawBody
{
    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > maxBytes)
        {
            return null;
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes + 1L;
        }
        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, (int)(request.ContentLength ?? 16 * 1024) + 1));
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(int maxBytes) => Problems.Result(StatusCodes.Status413PayloadTooLarge, "Payload too large",
        $"The body is larger than the {maxBytes} bytes this endpoint accepts. Send a smaller payload (trim logs and attachments) or raise the limit in the server's 'Limits' configuration.");
}
