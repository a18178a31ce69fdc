using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Server.Channels.Email;

/// <summary>
/// The email channel (configuration section <c>Channels:Email</c>): an IMAP mailbox polled for bug reports. Off until
/// <see cref="Host"/> is set. The <see cref="Password"/> is never logged.
/// </summary>
public sealed class EmailChannelOptions
{
    /// <summary>The IMAP server's host name; the channel is off while it is unset.</summary>
    public string? Host { get; set; }

    /// <summary>The IMAP port; 0 (the default) means 993 with <see cref="EmailTls.SslOnConnect"/>, else 143.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>How the connection is secured. Default <see cref="EmailTls.SslOnConnect"/>.</summary>
    public EmailTls Tls { get; set; } = EmailTls.SslOnConnect;

    /// <summary>The login name.</summary>
    public string? User { get; set; }

    /// <summary>The password (or app password). Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The folder that receives bug reports. Default <c>INBOX</c>.</summary>
    [Required]
    public string Mailbox { get; set; } = "INBOX";

    /// <summary>
    /// The keyword set on every handled mail, so none is read twice; mails that carry it are passed over. Default
    /// <c>$SelfHealDone</c>.
    /// </summary>
    [Required]
    [RegularExpression(@"^[^\s()\{%*""\\\]]{1,64}$", ErrorMessage = "The keyword must be one IMAP atom: up to 64 characters without spaces, parentheses, braces, quotes or wildcards.")]
    public string ProcessedKeyword { get; set; } = "$SelfHealDone";

    /// <summary>
    /// A folder handled mails are moved to after they are marked; none (the default) leaves them in <see cref="Mailbox"/>.
    /// Needed when the server does not keep custom keywords.
    /// </summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>How often the mailbox is checked when the server has no IDLE (and the longest IDLE). Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether to wait for new mail with IMAP IDLE when the server offers it. Default on.</summary>
    public bool UseIdle { get; set; } = true;

    /// <summary>Mails larger than this (bytes) are marked and not read. Default 10 MiB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// A text attachment (<c>text/plain</c>, <c>*.log</c>, <c>*.txt</c>) up to this size (bytes) becomes the report's
    /// log; larger ones and other files are listed by name and size only. Default 1 MiB.
    /// </summary>
    [Range(0, 1024 * 1024)]
    public int MaxLogBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Senders whose mail is read: addresses (<c>ops@example.com</c>) or domains (<c>example.com</c>, <c>@example.com</c>).
    /// Empty (the default): everyone. The From header is not authenticated; let the mail server enforce DMARC.
    /// </summary>
    public List<string> AllowedSenders { get; set; } = [];

    /// <summary>The port to connect to: <see cref="Port"/>, or the default for <see cref="Tls"/>.</summary>
    public int EffectivePort => Port != 0 ? Port : Tls == EmailTls.SslOnConnect ? 993 : 143;

    /// <summary>Whether mail from <paramref name="address"/> is read.</summary>
    public bool Allows(string? address)
    {
        if (AllowedSenders.Count == 0)
        {
            return true;
        }
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at <= 0 || at == address.Length - 1)
        {
            return false;
        }
        var domain = address[(at + 1)..];
        return AllowedSenders.Select(s => s.Trim()).Any(allowed => allowed.Contains('@', StringComparison.Ordinal) && !allowed.StartsWith('@')
            ? string.Equals(allowed, address, StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed.TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }
}
