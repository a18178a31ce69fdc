using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.Notifications.Approvals;

/// <summary>
/// Makes and checks signed approval links: <c>{BaseUrl}/api/v1/approvals/{runId}/{approve|reject}?expires=UNIX&amp;sig=HEX</c>,
/// where <c>sig</c> is the HMAC-SHA256 of <c>{runId}\n{action}\n{expires}</c> keyed with the configured secret. A link
/// proves that SelfHeal made it for that run and action until it expires; whoever holds it may use it. Thread-safe.
/// </summary>
/// <remarks>The options are read (and so validated) when it is made.</remarks>
public sealed class ApprovalLinks(IOptions<ApprovalLinksOptions> options, TimeProvider timeProvider)
{
    private readonly ApprovalLinksOptions _settings = options.Value;

    /// <summary>A link for <paramref name="action"/> on run <paramref name="runId"/>, valid for <see cref="ApprovalLinksOptions.Lifetime"/>.</summary>
    public Uri Create(string runId, ApprovalAction action)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var settings = _settings;
        var expires = timeProvider.GetUtcNow().Add(settings.Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var name = Name(action);
        var signature = Sign(settings.Secret!, runId, name, expires);
        return new Uri($"{settings.BaseUrl!.TrimEnd('/')}/api/v1/approvals/{Uri.EscapeDataString(runId)}/{name}?expires={expires}&sig={signature}");
    }

    /// <summary>
    /// Checks a link's parts as the endpoint received them (<paramref name="action"/> as in the path: <c>approve</c> or
    /// <c>reject</c>). The signature is checked in constant time before the expiry, so a changed expiry reads as tampered.
    /// </summary>
    public ApprovalLinkCheck Verify(string runId, string action, string? expires, string? sig)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(action);
        ApprovalAction? parsed = action switch
        {
            "approve" => ApprovalAction.Approve,
            "reject" => ApprovalAction.Reject,
            _ => null,
        };
        if (parsed is null)
        {
            return ApprovalLinkCheck.Invalid("The link's action must be 'approve' or 'reject'.");
        }
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(sig))
        {
            return ApprovalLinkCheck.Invalid("The link is incomplete (it needs 'expires' and 'sig'); use the link exactly as it was sent.");
        }
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || sig.Length != 64 || !IsHex(sig))
        {
            return ApprovalLinkCheck.Invalid("The link was changed: its signature does not match.");
        }
        var expected = Convert.FromHexString(Sign(_settings.Secret!, runId, action, expires));
        if (!CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(sig)))
        {
            return ApprovalLinkCheck.Invalid("The link was changed: its signature does not match.");
        }
        var expiry = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expiresAt, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (timeProvider.GetUtcNow() >= expiry)
        {
            return ApprovalLinkCheck.Invalid($"The link expired at {expiry:u}; ask for a new one, or decide in the dashboard or through the API.");
        }
        return ApprovalLinkCheck.Valid(parsed.Value);
    }

    private static string Name(ApprovalAction action) => action == ApprovalAction.Approve ? "approve" : "reject";

    private static string Sign(string secret, string runId, string action, string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{runId}\n{action}\n{expires}")));

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
