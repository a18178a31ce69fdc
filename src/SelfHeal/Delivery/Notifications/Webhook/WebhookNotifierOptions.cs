using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Delivery.Notifications.Webhook;

/// <summary>The generic outbound webhook (<c>Notifications:Webhook</c>): a signed JSON POST to each configured endpoint.</summary>
public sealed class WebhookNotifierOptions : NotifierOptions, IValidatableObject
{
    /// <summary>Where to POST (<c>Notifications:Webhook:Endpoints:0:Url</c>, <c>...:Secret</c>). Default: none (the notifier is silent).</summary>
    public IList<WebhookEndpoint> Endpoints { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var endpoint = Endpoints[i];
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"Notifications:Webhook:Endpoints:{i}:Url must be an http(s) URL.", [nameof(Endpoints)]);
            }
            if (string.IsNullOrEmpty(endpoint.Secret) || endpoint.Secret.Length < 16)
            {
                yield return new ValidationResult($"Notifications:Webhook:Endpoints:{i}:Secret must be set, at least 16 characters (it signs every delivery; share it with the receiver).", [nameof(Endpoints)]);
            }
        }
    }
}

/// <summary>One receiver of the outbound webhook.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>The receiver's URL. Never logged (it may hold a token).</summary>
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key the receiver verifies <c>X-SelfHeal-Signature</c> with.</summary>
    public string? Secret { get; set; }
}
