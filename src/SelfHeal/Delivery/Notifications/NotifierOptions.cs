using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Delivery.Notifications;

/// <summary>What every notifier's options share: the moments it speaks at and how it retries.</summary>
public abstract class NotifierOptions
{
    /// <summary>The moments this notifier speaks at. Empty (the default): every moment.</summary>
    public IList<NotificationMoment> Moments { get; set; } = [];

    /// <summary>Retries after a transient failure (5xx, 429, a timeout, a dropped connection). Default 3; 0 turns retries off.</summary>
    [Range(0, 10, ErrorMessage = "MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "RetryDelay must be between 0 and 5 minutes.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take before it counts as a (transient) timeout. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "AttemptTimeout must be between 10 ms and 10 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> honoured; a server asking for a longer wait fails the send at once. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "MaxRetryAfter must be between 0 and 1 hour.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether <paramref name="moment"/> is one this notifier speaks at.</summary>
    public bool SpeaksAt(NotificationMoment moment) => Moments.Count == 0 || Moments.Contains(moment);
}
