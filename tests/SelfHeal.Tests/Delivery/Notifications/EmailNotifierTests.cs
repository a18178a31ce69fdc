using MimeKit;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Email;
using SelfHeal.Reports;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class EmailNotifierTests
{
    private static INotifier Notifier(SmtpSink smtp, Action<EmailNotifierOptions>? configure = null)
    {
        var (_, notifier) = Notifications.Build(s => s.AddEmailNotifier(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = smtp.Port;
            o.Tls = SmtpTlsMode.None;
            o.From = "SelfHeal <selfheal@example.com>";
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.MaxRetries = 2;
            configure?.Invoke(o);
        }));
        return notifier;
    }

    private static BugReport EmailReport(string reporter = "alice@example.org") => new("Checkout total is wrong") { Source = "email", Reporter = reporter };

    [Fact]
    public async Task SendAsync_FixProposed_MailsTheReporterWithTheReportAttached()
    {
        using var smtp = SmtpSink.Start();
        var notification = Notifications.For(EmailReport()) with { ApproveUrl = "https://selfheal.example.com/approve?sig=1", RejectUrl = "https://selfheal.example.com/reject?sig=2" };

        await Notifier(smtp).SendAsync(notification);

        var (path, envelope) = Assert.Single(smtp.Messages);
        Assert.Equal("selfheal@example.com", envelope["mail_from"]!.GetValue<string>());
        Assert.Equal(["alice@example.org"], envelope["rcpt_tos"]!.AsArray().Select(r => r!.GetValue<string>()));
        var message = await MimeMessage.LoadAsync(path);
        Assert.Equal("[SelfHeal] FixProposed: Checkout total is wrong", message.Subject);
        Assert.Equal(EmailNotifier.MessageId(notification.IdempotencyKey("email"), MailboxAddress.Parse("selfheal@example.com")), message.MessageId);
        Assert.StartsWith("selfheal.", message.MessageId, StringComparison.Ordinal);
        Assert.EndsWith("@example.com", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(notification.IdempotencyKey("email"), message.Headers["X-SelfHeal-Delivery"]);
        Assert.Contains("https://selfheal.example.com/approve?sig=1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://selfheal.example.com/reject?sig=2", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://github.com/octo/shop/pull/42", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("selfheal-report.md", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        // Mail carries text with CRLF line ends.
        Assert.Equal(notification.ReportMarkdown, System.Text.Encoding.UTF8.GetString(content.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_Merged_HasNoAttachment()
    {
        using var smtp = SmtpSink.Start();

        await Notifier(smtp).SendAsync(Notifications.For(EmailReport(), NotificationMoment.Merged));

        var message = await MimeMessage.LoadAsync(Assert.Single(smtp.Messages).Path);
        Assert.Equal("[SelfHeal] Merged: Checkout total is wrong", message.Subject);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public async Task SendAsync_SentTwice_KeepsTheSameMessageId()
    {
        using var smtp = SmtpSink.Start();
        var notifier = Notifier(smtp);
        var notification = Notifications.For(EmailReport());

        await notifier.SendAsync(notification);
        await notifier.SendAsync(notification);

        var ids = new List<string>();
        foreach (var (path, _) in smtp.Messages)
        {
            ids.Add((await MimeMessage.LoadAsync(path)).MessageId ?? "(none)");
        }
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task SendAsync_ReporterIsNoAddress_MailsTheConfiguredAddress()
    {
        using var smtp = SmtpSink.Start();
        var notifier = Notifier(smtp, o => o.To.Add("oncall@example.com"));

        await notifier.SendAsync(Notifications.For(Notifications.JiraReport()));

        Assert.Equal(["oncall@example.com"], Assert.Single(smtp.Messages).Envelope["rcpt_tos"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(Notifier(smtp).AppliesTo(Notifications.For(Notifications.JiraReport())));
    }

    [Fact]
    public async Task SendAsync_TransientRefusal_IsRetried()
    {
        using var smtp = SmtpSink.Start(failFirst: 2);

        await Notifier(smtp).SendAsync(Notifications.For(EmailReport()));

        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_TransientRefusalEveryTime_FailsAfterRetries()
    {
        using var smtp = SmtpSink.Start(failFirst: 3);

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier(smtp).SendAsync(Notifications.For(EmailReport())));

        Assert.Contains("451", error.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_RecipientRefused_FailsAtOnce()
    {
        using var smtp = SmtpSink.Start();

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier(smtp).SendAsync(Notifications.For(EmailReport("nobody@example.org"))));

        Assert.Contains("550", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_StartTlsWithAServerWithoutIt_SaysWhatToConfigure()
    {
        using var smtp = SmtpSink.Start();

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier(smtp, o => o.Tls = SmtpTlsMode.StartTls).SendAsync(Notifications.For(EmailReport())));

        Assert.Contains("does not offer STARTTLS", error.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_NoServer_FailsWithWhereItTried()
    {
        int port;
        using (var smtp = SmtpSink.Start())
        {
            port = smtp.Port;
        }
        var (_, notifier) = Notifications.Build(s => s.AddEmailNotifier(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            o.Tls = SmtpTlsMode.None;
            o.From = "selfheal@example.com";
            o.MaxRetries = 1;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
        }));

        var error = await Assert.ThrowsAsync<NotificationException>(() => notifier.SendAsync(Notifications.For(EmailReport())));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
