namespace SelfHeal.Delivery.Notifications;

/// <summary>What one notifier did with one notification.</summary>
/// <param name="Notifier">The notifier's name.</param>
/// <param name="Key">The notification's idempotency key for that notifier.</param>
/// <param name="Error">Why it failed (safe to show), when <paramref name="Outcome"/> is <see cref="NotificationOutcome.Failed"/>.</param>
public sealed record NotificationResult(string Notifier, string Key, NotificationOutcome Outcome, string? Error = null);

/// <summary>How sending went for one notifier.</summary>
public enum NotificationOutcome
{
    /// <summary>Sent now.</summary>
    Sent,

    /// <summary>Sent before (the run's record says so): not sent again.</summary>
    AlreadySent,

    /// <summary>The notifier gave up; the run goes on.</summary>
    Failed,
}
