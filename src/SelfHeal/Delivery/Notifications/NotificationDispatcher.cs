using Microsoft.Extensions.Logging;
using SelfHeal.Runs;

namespace SelfHeal.Delivery.Notifications;

/// <summary>
/// Sends a notification through every registered notifier that has something to say about it, each on its own: a
/// notifier's failure is recorded and returned, never thrown to the run. Every attempt is appended to the run's event
/// log as <see cref="NotificationSent"/>, and a key the log shows as sent is not sent again, so a resumed or retried
/// run never notifies twice. Notifiers are tried one after the other, in registration order.
/// </summary>
public sealed class NotificationDispatcher(IEnumerable<INotifier> notifiers, IRunStore runs, ILogger<NotificationDispatcher> logger)
{
    private readonly IReadOnlyList<INotifier> _notifiers = [.. notifiers];

    /// <summary>
    /// Sends <paramref name="notification"/>; one result per notifier that applies. Throws
    /// <see cref="InvalidOperationException"/> when the run does not exist (a programming error), and
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task<IReadOnlyList<NotificationResult>> DispatchAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var run = await runs.GetAsync(notification.RunId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{notification.RunId}' does not exist; notifications are recorded in their run.");
        var state = run.State;
        var results = new List<NotificationResult>();
        foreach (var notifier in _notifiers.Where(n => n.AppliesTo(notification)))
        {
            var key = notification.IdempotencyKey(notifier.Name);
            if (state.WasNotified(key))
            {
                results.Add(new NotificationResult(notifier.Name, key, NotificationOutcome.AlreadySent));
                continue;
            }
            string? error = null;
            try
            {
                await notifier.SendAsync(notification, cancellationToken).ConfigureAwait(false);
            }
            catch (NotificationException e)
            {
                error = e.Message;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A notifier's bug must not fail the run; its message may hold what a notifier would never put in a
                // NotificationException (a URL, a token), so only its type is kept.
                error = $"The {notifier.Name} notifier failed unexpectedly ({e.GetType().Name}).";
                logger.LogError("The {Notifier} notifier threw {ExceptionType} for run {RunId}.", notifier.Name, e.GetType().FullName, notification.RunId);
            }
            if (error is not null)
            {
                logger.LogWarning("The {Notifier} notification of run {RunId} ({Moment}) failed: {Error}", notifier.Name, notification.RunId, notification.Moment, error);
            }
            await runs.AppendAsync(notification.RunId, new NotificationSent(notifier.Name, notification.Moment.ToString(), key, error is null, error), cancellationToken).ConfigureAwait(false);
            results.Add(new NotificationResult(notifier.Name, key, error is null ? NotificationOutcome.Sent : NotificationOutcome.Failed, error));
        }
        return results;
    }
}
