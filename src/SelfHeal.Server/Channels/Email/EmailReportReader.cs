using System.Text;
using MimeKit;
using SelfHeal.Reports;
using SelfHeal.StackTraces;

namespace SelfHeal.Server.Channels.Email;

/// <summary>
/// Reads a bug report from a mail: the subject is the title; the plain-text body (or the HTML body as text) the
/// description; stack traces in the body the stack trace; text attachments (<c>text/plain</c>, <c>*.log</c>,
/// <c>*.txt</c>) up to the size limit the log, other attachments are listed by name and size; From is the
/// reporter, Date the time it happened, and Message-Id the delivery id. Thread-safe.
/// </summary>
internal sealed class EmailReportReader(StackTraceReader traces)
{
    private const int MaxDeliveryIdLength = 200;

    /// <summary>The report in <paramref name="message"/>; attachments of over <paramref name="maxLogBytes"/> are not read as logs.</summary>
    public ChannelReport Read(MimeMessage message, int maxLogBytes)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Body(message);
        var excerpts = traces.Excerpts(body);
        var (log, attachments) = Attachments(message, maxLogBytes);
        var sender = Sender(message);
        var report = new BugReport(ChannelText.Title(message.Subject, "(no subject)"))
        {
            Description = ChannelText.Clip(body, BugReportValidator.MaxDescriptionLength),
            StackTrace = ChannelText.Clip(excerpts.Count == 0 ? null : string.Join("\n\n", excerpts), BugReportValidator.MaxStackTraceLength),
            Log = ChannelText.Clip(log, BugReportValidator.MaxLogLength),
            Reporter = sender is { Length: <= BugReportValidator.MaxShortFieldLength } ? sender : null,
            Attachments = [.. attachments.Take(BugReportValidator.MaxAttachments)],
            ExternalId = message.MessageId is { Length: > 0 and <= BugReportValidator.MaxShortFieldLength - 6 } id ? $"email:{id}" : null,
            OccurredAt = message.Date == DateTimeOffset.MinValue ? null : message.Date,
        };
        return new ChannelReport(report, DeliveryId(message, body));
    }

    /// <summary>The sender's address (From, else Sender), lowercased; <see langword="null"/> when there is none.</summary>
    public static string? Sender(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mailbox = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        return mailbox?.Address is { Length: > 0 } address ? address.ToLowerInvariant() : null;
    }

    // The Message-Id, which every mail client sets; a digest of the headers and body for a mail without one.
    private static string DeliveryId(MimeMessage message, string? body) =>
        message.MessageId is { Length: > 0 and <= MaxDeliveryIdLength } id
            ? id
            : "digest:" + Signatures.DigestId(message.MessageId ?? "", Sender(message) ?? "", message.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture), message.Subject ?? "", body ?? "");

    private static string? Body(MimeMessage message)
    {
        if (message.TextBody is { } text && !string.IsNullOrWhiteSpace(text))
        {
            return text.ReplaceLineEndings("\n").Trim();
        }
        return message.HtmlBody is { } html ? HtmlText.Convert(html) : null;
    }

    private static (string? Log, List<BugAttachment> Others) Attachments(MimeMessage message, int maxLogBytes)
    {
        var logs = new List<(string Name, string Text)>();
        var others = new List<BugAttachment>();
        var index = 0;
        foreach (var entity in message.Attachments)
        {
            index++;
            var name = Name(entity, index);
            if (entity is MessagePart forwarded)
            {
                others.Add(new BugAttachment(name, null, "message/rfc822", null));
                continue;
            }
            if (entity is not MimePart part)
            {
                continue;
            }
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            var contentType = part.ContentType.MimeType.ToLowerInvariant();
            var isText = contentType == "text/plain"
                || name.EndsWith(".log", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
            if (isText && content.Length <= maxLogBytes)
            {
                logs.Add((name, Decode(part, content.ToArray())));
            }
            else
            {
                others.Add(new BugAttachment(name, null, contentType, content.Length));
            }
        }
        if (logs.Count == 0)
        {
            return (null, others);
        }
        // One log keeps its text as sent; several are joined under a header each, as `tail` shows them.
        var log = logs.Count == 1 ? logs[0].Text : string.Join("\n\n", logs.Select(l => $"==> {l.Name} <==\n{l.Text}"));
        return (log, others);
    }

    private static string Name(MimeEntity entity, int index)
    {
        var name = entity switch
        {
            MimePart part => part.FileName,
            _ => entity.ContentDisposition?.FileName ?? entity.ContentType.Name,
        };
        var file = Path.GetFileName((name ?? "").Trim().Replace('\\', '/'));
        name = file.Length == 0 ? $"attachment-{index}" : file;
        return name.Length <= BugReportValidator.MaxShortFieldLength ? name : name[..BugReportValidator.MaxShortFieldLength];
    }

    private static string Decode(MimePart part, byte[] bytes)
    {
        Encoding encoding;
        try
        {
            encoding = part.ContentType.CharsetEncoding ?? Encoding.UTF8;
        }
        catch (NotSupportedException)
        {
            encoding = Encoding.UTF8;
        }
        return encoding.GetString(bytes).ReplaceLineEndings("\n");
    }
}
