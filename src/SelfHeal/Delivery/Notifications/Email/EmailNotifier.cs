using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SelfHeal.Delivery.Notifications.Email;

/// <summary>
/// Mails the reporter (or the configured addresses) over SMTP (MailKit). The subject is
/// <c>[SelfHeal] &lt;moment&gt;: &lt;title&gt;</c>; the body is plain text with the approve and reject links when there are
/// some; a fix's Markdown report rides along as <c>selfheal-report.md</c>. The <c>Message-Id</c> is derived from the
/// idempotency key, so a resend carries the same id and mail systems and people can tell it is one message. Transient
/// failures (4xx replies, dropped connections, timeouts) are retried.
/// </summary>
internal sealed class EmailNotifier : INotifier
{
    public const string ReportFileName = "selfheal-report.md";

    private readonly IOptions<EmailNotifierOptions> _options;
    private readonly ILogger<EmailNotifier> _logger;
    private readonly ResiliencePipeline _pipeline;

    public EmailNotifier(IOptions<EmailNotifierOptions> options, ILogger<EmailNotifier> logger)
    {
        _options = options;
        _logger = logger;
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder()
                    .Handle<SmtpCommandException>(e => (int)e.StatusCode is >= 400 and < 500)
                    .Handle<SmtpProtocolException>()
                    .Handle<ServiceNotConnectedException>()
                    .Handle<SocketException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
            });
        }
        _pipeline = builder.AddTimeout(settings.AttemptTimeout).Build();
    }

    public string Name => "email";

    public bool AppliesTo(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return _options.Value.SpeaksAt(notification.Moment) && Recipients(notification, _options.Value).Count > 0;
    }

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = _options.Value;
        var recipients = Recipients(notification, settings);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("The notification has no one to mail (the reporter is not an email address and Notifications:Email:To is empty).", nameof(notification));
        }
        var message = Compose(notification, settings, recipients, Name);
        try
        {
            await _pipeline.ExecuteAsync(async token => await SendOnceAsync(message, settings, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            throw new NotificationException($"The SMTP server refused the mail: {(int)e.StatusCode} {e.StatusCode} ({e.ErrorCode}).", e);
        }
        catch (AuthenticationException e)
        {
            throw new NotificationException("The SMTP server refused the credentials; check Notifications:Email:UserName and Password.", e);
        }
        catch (SslHandshakeException e)
        {
            throw new NotificationException($"TLS with the SMTP server failed; check Notifications:Email:Tls ({settings.Tls}) and Port ({settings.Port}).", e);
        }
        catch (NotSupportedException e) when (settings.Tls == SmtpTlsMode.StartTls)
        {
            throw new NotificationException($"The SMTP server {settings.Host}:{settings.Port} does not offer STARTTLS; use its TLS port with Notifications:Email:Tls=SslOnConnect, or Tls=None for a local relay.", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new NotificationException($"The SMTP server did not answer in time ({settings.AttemptTimeout.TotalSeconds:0.###} s per attempt), after retries.", e);
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException)
        {
            throw new NotificationException($"The SMTP server {settings.Host}:{settings.Port} could not be reached or dropped the connection ({e.GetType().Name}), after retries.", e);
        }
        _logger.LogInformation("Mailed {Moment} of run {RunId} to {Count} recipient(s).", notification.Moment, notification.RunId, recipients.Count);
    }

    /// <summary>The message for <paramref name="notification"/>. Pure: the same notification gives the same <c>Message-Id</c>.</summary>
    internal static MimeMessage Compose(Notification notification, EmailNotifierOptions settings, IReadOnlyList<MailboxAddress> recipients, string notifier)
    {
        var from = MailboxAddress.Parse(settings.From!);
        var key = notification.IdempotencyKey(notifier);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.AddRange(recipients);
        message.Subject = $"[SelfHeal] {notification.Moment}: {NotificationText.Title(notification.Report.Title)}";
        message.MessageId = MessageId(key, from);
        message.Headers.Add("X-SelfHeal-Delivery", key);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = string.Join('\n', NotificationText.PlainLines(notification)) + "\n\n-- \nSelfHeal\n" };
        if (notification.ReportMarkdown is { } markdown && notification.Moment is NotificationMoment.FixProposed or NotificationMoment.NeedsApproval)
        {
            body.Attachments.Add(ReportFileName, Encoding.UTF8.GetBytes(markdown), new ContentType("text", "markdown") { Charset = "utf-8" });
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary><c>selfheal.HEX@DOMAIN</c>: the first 32 hex digits of the key's SHA-256, at the sender's domain.</summary>
    internal static string MessageId(string idempotencyKey, MailboxAddress from)
    {
        var at = from.Address.LastIndexOf('@');
        var domain = at >= 0 ? from.Address[(at + 1)..] : "selfheal.invalid";
        return $"selfheal.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}@{domain}";
    }

    private static async Task SendOnceAsync(MimeMessage message, EmailNotifierOptions settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, settings.AttemptTimeout.TotalMilliseconds) };
        var security = settings.Tls switch
        {
            SmtpTlsMode.None => SecureSocketOptions.None,
            SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken).ConfigureAwait(false);
        }
        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    private static List<MailboxAddress> Recipients(Notification notification, EmailNotifierOptions settings)
    {
        var sourceAllowed = settings.ReporterSources.Count == 0
            || settings.ReporterSources.Contains(notification.Report.Source, StringComparer.OrdinalIgnoreCase);
        if (sourceAllowed && ReporterAddress(notification.Report.Reporter) is { } reporter)
        {
            return [reporter];
        }
        return [.. settings.To.Select(MailboxAddress.Parse)];
    }

    /// <summary>The reporter as one plain mailbox (<c>name@domain</c>), or <see langword="null"/>: a login or user id is not mailed.</summary>
    private static MailboxAddress? ReporterAddress(string? reporter) =>
        reporter is { Length: > 0 and <= 320 }
        && MailboxAddress.TryParse(reporter, out var mailbox)
        && mailbox.Address.Count(c => c == '@') == 1
        && !mailbox.Address.StartsWith('@') && !mailbox.Address.EndsWith('@')
            ? mailbox
            : null;
}
