using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Delivery.Notifications.Jira;

/// <summary>
/// The Jira Cloud notifier (<c>Notifications:Jira</c>): a comment on the issue a report came from, and a transition
/// at the configured moments. Authenticates with basic auth: an account's email and an API token.
/// </summary>
public sealed class JiraNotifierOptions : NotifierOptions, IValidatableObject
{
    /// <summary>The site, for example <c>https://example.atlassian.net</c>. Required.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The account's email. Required.</summary>
    public string? Email { get; set; }

    /// <summary>The account's API token (a secret: set it through the environment). Required.</summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// The transition to make at a moment, by the transition's or its target status's name (for example
    /// <c>FixProposed</c> → <c>In Review</c>, <c>Merged</c> → <c>Done</c>). Default: none. A transition the issue does
    /// not offer is logged and skipped.
    /// </summary>
    public IDictionary<NotificationMoment, string> Transitions { get; set; } = new Dictionary<NotificationMoment, string>();

    /// <summary>How many of the comments are searched for an earlier copy of a notification. Default 500.</summary>
    [Range(1, 10_000, ErrorMessage = "MaxCommentsScanned must be between 1 and 10000.")]
    public int MaxCommentsScanned { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Notifications:Jira:BaseUrl must be the site's address, for example https://example.atlassian.net.", [nameof(BaseUrl)]);
        }
        if (string.IsNullOrWhiteSpace(Email))
        {
            yield return new ValidationResult("Notifications:Jira:Email must be the email of the account that comments (it authenticates with its API token).", [nameof(Email)]);
        }
        if (string.IsNullOrWhiteSpace(ApiToken))
        {
            yield return new ValidationResult("Notifications:Jira:ApiToken must be set to an API token of that account (environment: Notifications__Jira__ApiToken).", [nameof(ApiToken)]);
        }
    }
}
