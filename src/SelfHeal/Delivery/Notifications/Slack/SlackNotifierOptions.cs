using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Delivery.Notifications.Slack;

/// <summary>
/// The Slack notifier (<c>Notifications:Slack</c>): answers a <c>/bug</c> command in its channel through the command's
/// <c>response_url</c>, and posts about reports from elsewhere to an incoming webhook when one is configured.
/// </summary>
public sealed class SlackNotifierOptions : NotifierOptions, IValidatableObject
{
    /// <summary>
    /// An incoming webhook URL (<c>https://hooks.slack.com/services/...</c>, a secret: set it through the environment) for
    /// reports that did not come from a <c>/bug</c> command, or whose <c>response_url</c> cannot be used. Default: none.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// The prefixes a report's <c>response_url</c> must start with to be called; any other is ignored (no request goes
    /// to an address a report names). Default <c>https://hooks.slack.com/</c>.
    /// </summary>
    public IList<string> ResponseUrlPrefixes { get; set; } = [];

    /// <summary>The prefixes in force: <see cref="ResponseUrlPrefixes"/>, or Slack's own when none is configured.</summary>
    public IReadOnlyList<string> EffectiveResponseUrlPrefixes => ResponseUrlPrefixes.Count > 0 ? [.. ResponseUrlPrefixes] : ["https://hooks.slack.com/"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookUrl is not null && !IsHttpUrl(WebhookUrl))
        {
            yield return new ValidationResult("Notifications:Slack:WebhookUrl must be an incoming webhook's URL (https://hooks.slack.com/services/...).", [nameof(WebhookUrl)]);
        }
        foreach (var prefix in ResponseUrlPrefixes)
        {
            if (!IsHttpUrl(prefix) || !prefix.EndsWith('/'))
            {
                yield return new ValidationResult($"Notifications:Slack:ResponseUrlPrefixes holds '{prefix}': each must be an http(s) URL ending in '/', for example https://hooks.slack.com/.", [nameof(ResponseUrlPrefixes)]);
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
