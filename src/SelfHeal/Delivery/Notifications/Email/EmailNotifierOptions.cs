using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace SelfHeal.Delivery.Notifications.Email;

/// <summary>The email notifier (<c>Notifications:Email</c>): mail over SMTP to the reporter, or to configured addresses.</summary>
public sealed class EmailNotifierOptions : NotifierOptions, IValidatableObject
{
    /// <summary>The SMTP server's host name. Required.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port. Default 587 (submission with STARTTLS).</summary>
    [Range(1, 65535, ErrorMessage = "Notifications:Email:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpTlsMode.StartTls"/>.</summary>
    public SmtpTlsMode Tls { get; set; } = SmtpTlsMode.StartTls;

    /// <summary>The SMTP user; none: no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The SMTP password (a secret: set it through the environment).</summary>
    public string? Password { get; set; }

    /// <summary>The sender, for example <c>SelfHeal &lt;selfheal@example.com&gt;</c>. Required.</summary>
    public string? From { get; set; }

    /// <summary>Where mail goes when the report's reporter is not an email address. Default: none (such reports get no mail).</summary>
    public IList<string> To { get; set; } = [];

    /// <summary>
    /// Report sources whose reporter is mailed (for example <c>email</c>): the reporter of a report from any other
    /// source is not. Empty (the default): every source.
    /// </summary>
    public IList<string> ReporterSources { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Notifications:Email:Host must name the SMTP server.", [nameof(Host)]);
        }
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("Notifications:Email:From must be the sender's address, for example 'SelfHeal <selfheal@example.com>'.", [nameof(From)]);
        }
        foreach (var to in To)
        {
            if (!MailboxAddress.TryParse(to, out _))
            {
                yield return new ValidationResult($"Notifications:Email:To holds '{to}', which is not an email address.", [nameof(To)]);
            }
        }
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Notifications:Email:Password must be set when UserName is (environment: Notifications__Email__Password).", [nameof(Password)]);
        }
    }
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,

    /// <summary>Plain connect, then <c>STARTTLS</c>, required (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
