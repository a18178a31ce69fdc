using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Delivery.Notifications.Approvals;

/// <summary>Signed approve/reject links (<c>Notifications:Approvals</c>) put in emails and Slack messages.</summary>
public sealed class ApprovalLinksOptions : IValidatableObject
{
    /// <summary>The server's public address, for example <c>https://selfheal.example.com</c>. Required.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The HMAC-SHA256 key links are signed with: at least 32 characters, a secret (set it through the environment). Required.</summary>
    public string? Secret { get; set; }

    /// <summary>How long a link works. Default 72 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Notifications:Approvals:Lifetime must be between 1 minute and 30 days.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(72);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0)
        {
            yield return new ValidationResult("Notifications:Approvals:BaseUrl must be the server's public address, for example https://selfheal.example.com.", [nameof(BaseUrl)]);
        }
        if (Secret is null || Secret.Length < 32)
        {
            yield return new ValidationResult("Notifications:Approvals:Secret must be at least 32 characters (for example: openssl rand -hex 32; environment: Notifications__Approvals__Secret).", [nameof(Secret)]);
        }
    }
}
