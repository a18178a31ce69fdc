using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using SelfHeal.Bugs;
using SelfHeal.Server.Api;
using SelfHeal.Server.Channels.Email;
using SelfHeal.StackTraces;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests.Channels.Email;

/// <summary>The email channel against a real IMAP server: a private dovecot on loopback.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private const string Trace = """
        System.NullReferenceException: Object reference not set to an instance of an object.
           at Shop.Checkout.CartTotals.Compute(Cart cart) in /src/Shop/Checkout/CartTotals.cs:line 42
           at Shop.Checkout.CheckoutService.PlaceOrderAsync(Order order) in /src/Shop/Checkout/CheckoutService.cs:line 118
           at Shop.Api.OrdersController.Post(OrderRequest request) in /src/Shop.Api/OrdersController.cs:line 31
        """;

    private readonly ServerFactory _server = new();
    private DovecotServer _dovecot = null!;
    private TestMailbox _mailbox = null!;

    public async Task InitializeAsync()
    {
        _dovecot = await DovecotServer.StartAsync();
        _mailbox = new TestMailbox(_dovecot);
    }

    public async Task DisposeAsync()
    {
        await _dovecot.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task Poll_MailWithDotnetTrace_BecomesABugWithTheTraceAndTitle()
    {
        await _mailbox.AppendAsync(Mail("<crash-1@shop.example>", "Checkout crashes with NullReferenceException", $"Hi,\n\nplacing an order fails every time:\n\n{Trace}\n\nThanks,\nAlice"));

        var result = await Poller().PollOnceAsync();

        Assert.Equal(new EmailPollResult(1, 0, 0), result);
        var bug = Assert.Single(await _server.Bugs.ListAsync(new BugQuery()));
        Assert.Equal("Checkout crashes with NullReferenceException", bug.Title);
        Assert.Equal(["email"], bug.Sources);
        Assert.NotNull(bug.Fingerprint);
        var report = (await _server.Bugs.GetAsync(bug.Id))!.FirstReport;
        Assert.Equal(Trace.ReplaceLineEndings("\n"), report.StackTrace);
        Assert.StartsWith("Hi,\n\nplacing an order fails every time:", report.Description, StringComparison.Ordinal);
        Assert.Equal("alice@shop.example", report.Reporter);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)), report.OccurredAt);
        Assert.Equal("email:crash-1@shop.example", report.ExternalId);
    }

    [Fact]
    public async Task Poll_LogAttachment_LandsInTheLog_OtherFilesByNameAndSize()
    {
        var builder = new BodyBuilder { TextBody = "The nightly import died, log attached." };
        builder.Attachments.Add("import.log", "2026-11-20 02:00:01 INFO start\n2026-11-20 02:00:07 ERROR import failed: disk full\n"u8.ToArray(), new ContentType("application", "octet-stream"));
        builder.Attachments.Add("screen.png", new byte[2048], new ContentType("image", "png"));
        await _mailbox.AppendAsync(Mail("<import-7@shop.example>", "Nightly import failed", builder));

        Assert.Equal(new EmailPollResult(1, 0, 0), await Poller().PollOnceAsync());

        var report = await OnlyReportAsync();
        Assert.Equal("2026-11-20 02:00:01 INFO start\n2026-11-20 02:00:07 ERROR import failed: disk full\n", report.Log);
        var other = Assert.Single(report.Attachments);
        Assert.Equal(("screen.png", (string?)null, "image/png", (long?)2048), (other.Name, other.Url, other.ContentType, other.Size));
    }

    [Fact]
    public async Task Poll_HtmlOnlyMail_IsReadAsTextWithItsTrace()
    {
        var html = $"<html><head><style>p {{ color: red }}</style></head><body><p>Checkout is down &amp; customers complain.</p><pre>{System.Net.WebUtility.HtmlEncode(Trace)}</pre></body></html>";
        await _mailbox.AppendAsync(Mail("<html-1@shop.example>", "Checkout down", new BodyBuilder { HtmlBody = html }));

        await Poller().PollOnceAsync();

        var report = await OnlyReportAsync();
        Assert.StartsWith("Checkout is down & customers complain.\n", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("color", report.Description, StringComparison.Ordinal);
        Assert.Equal(Trace.ReplaceLineEndings("\n"), report.StackTrace);
    }

    [Fact]
    public async Task Poll_Again_ReadsNothing_TheMailIsMarked()
    {
        await _mailbox.AppendAsync(Mail("<once@shop.example>", "Checkout crashes", Trace));
        var poller = Poller();
        await poller.PollOnceAsync();

        var again = await poller.PollOnceAsync();

        Assert.Equal(new EmailPollResult(0, 0, 0), again);
        var (flags, keywords) = (await _mailbox.FlagsAsync("once@shop.example"))!.Value;
        Assert.Contains("$SelfHealDone", keywords);
        Assert.True(flags.HasFlag(MailKit.MessageFlags.Seen));
        Assert.Equal(1, Assert.Single(await _server.Bugs.ListAsync(new BugQuery())).OccurrenceCount);
    }

    [Fact]
    public async Task Poll_NewPollerAfterACrashBeforeMarking_StoresTheMailOnce()
    {
        await _mailbox.AppendAsync(Mail("<crash-twice@shop.example>", "Checkout crashes", Trace));
        await Poller().PollOnceAsync();
        // The process died after storing the report and before marking the mail: the mark is missing.
        await _mailbox.RemoveKeywordAsync("$SelfHealDone");

        var restarted = await Poller().PollOnceAsync();

        Assert.Equal(new EmailPollResult(0, 1, 0), restarted);
        Assert.Equal(1, Assert.Single(await _server.Bugs.ListAsync(new BugQuery())).OccurrenceCount);
        Assert.Contains("$SelfHealDone", (await _mailbox.FlagsAsync("crash-twice@shop.example"))!.Value.Keywords);
        Assert.Equal(new EmailPollResult(0, 0, 0), await Poller().PollOnceAsync());
    }

    [Fact]
    public async Task Poll_SenderNotAllowed_IsMarkedAndIgnoredWithALogLine()
    {
        await _mailbox.AppendAsync(Mail("<spam@elsewhere.example>", "Cheap watches", "Buy now", from: "promo@elsewhere.example"));
        await _mailbox.AppendAsync(Mail("<ok@shop.example>", "Checkout crashes", Trace));
        var logger = new ListLogger<ImapPoller>();

        var result = await Poller(o => o.AllowedSenders.Add("shop.example"), logger).PollOnceAsync();

        Assert.Equal(new EmailPollResult(1, 0, 1), result);
        Assert.Equal("Checkout crashes", Assert.Single(await _server.Bugs.ListAsync(new BugQuery())).Title);
        Assert.Contains(logger.Lines, l => l.Contains("promo@elsewhere.example", StringComparison.Ordinal) && l.Contains("AllowedSenders", StringComparison.Ordinal));
        Assert.Contains("$SelfHealDone", (await _mailbox.FlagsAsync("spam@elsewhere.example"))!.Value.Keywords);
    }

    [Fact]
    public async Task Poll_MailOverTheSizeLimit_IsMarkedNotRead()
    {
        var builder = new BodyBuilder { TextBody = "core dump attached" };
        builder.Attachments.Add("core.bin", new byte[64 * 1024], new ContentType("application", "octet-stream"));
        await _mailbox.AppendAsync(Mail("<big@shop.example>", "Crash with core dump", builder));
        var logger = new ListLogger<ImapPoller>();

        var result = await Poller(o => o.MaxMessageBytes = 16 * 1024, logger).PollOnceAsync();

        Assert.Equal(new EmailPollResult(0, 0, 1), result);
        Assert.Empty(await _server.Bugs.ListAsync(new BugQuery()));
        Assert.Contains(logger.Lines, l => l.Contains("MaxMessageBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_ProcessedFolder_MovesHandledMailThere()
    {
        await _mailbox.CreateFolderAsync("Handled");
        await _mailbox.AppendAsync(Mail("<moved@shop.example>", "Checkout crashes", Trace));

        await Poller(o => o.ProcessedFolder = "Handled").PollOnceAsync();

        Assert.Null(await _mailbox.FlagsAsync("moved@shop.example"));
        Assert.Contains("$SelfHealDone", (await _mailbox.FlagsAsync("moved@shop.example", "Handled"))!.Value.Keywords);
        Assert.Single(await _server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task Poll_WrongPassword_LogsTheErrorWithoutThePassword()
    {
        const string wrong = "not-the-pa55word-xyz";
        await _mailbox.AppendAsync(Mail("<unread@shop.example>", "Checkout crashes", Trace));
        var logger = new ListLogger<ImapPoller>();

        var result = await Poller(o => o.Password = wrong, logger).PollOnceAsync();

        Assert.NotNull(result.Error);
        Assert.Contains("Channels:Email:Password", result.Error, StringComparison.Ordinal);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("refused the login", line, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logger.Text, StringComparison.Ordinal);
        Assert.Empty(await _server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task Server_WrongPassword_KeepsRunningAndRetries()
    {
        const string wrong = "not-the-pa55word-xyz";
        var logger = new ListLogger<ImapPoller>();
        var poller = Poller(o => o.Password = wrong, logger);

        await poller.StartAsync(CancellationToken.None);
        var error = await logger.FirstError.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains("Retrying in", error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error, StringComparison.Ordinal);
        Assert.False(poller.ExecuteTask!.IsCompleted);
        await poller.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Server_WithEmailConfigured_StoresNewMailAsItArrives()
    {
        using var server = new ServerFactory(new Dictionary<string, string?>
        {
            ["Channels:Email:Host"] = _dovecot.Host,
            ["Channels:Email:Port"] = _dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Channels:Email:Tls"] = "None",
            ["Channels:Email:User"] = DovecotServer.User,
            ["Channels:Email:Password"] = DovecotServer.Password,
        });
        _ = server.CreateClient(); // starts the host and its poller

        await _mailbox.AppendAsync(Mail("<live@shop.example>", "Checkout crashes live", Trace));

        var bug = await WaitForBugAsync(server.Bugs);
        Assert.Equal("Checkout crashes live", bug.Title);
        Assert.Equal(["email"], bug.Sources);
    }

    private static async Task<BugSummary> WaitForBugAsync(IBugStore bugs)
    {
        // The poller learns of the mail by IDLE; this waits for that to happen, it does not time it.
        for (var i = 0; i < 600; i++)
        {
            if ((await bugs.ListAsync(new BugQuery())).FirstOrDefault() is { } bug)
            {
                return bug;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("The server stored no bug from the mail within a minute.");
    }

    private async Task<Reports.BugReport> OnlyReportAsync()
    {
        var bug = Assert.Single(await _server.Bugs.ListAsync(new BugQuery()));
        return (await _server.Bugs.GetAsync(bug.Id))!.FirstReport;
    }

    private ImapPoller Poller(Action<EmailChannelOptions>? configure = null, ListLogger<ImapPoller>? logger = null)
    {
        var options = new EmailChannelOptions
        {
            Host = _dovecot.Host,
            Port = _dovecot.Port,
            Tls = EmailTls.None,
            User = DovecotServer.User,
            Password = DovecotServer.Password,
            PollInterval = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);
        var services = _server.Services;
        return new ImapPoller(
            new FixedOptions<EmailChannelOptions>(options),
            services.GetRequiredService<ReportIntake>(),
            new EmailReportReader(services.GetRequiredService<StackTraceReader>()),
            TimeProvider.System,
            logger ?? new ListLogger<ImapPoller>());
    }

    private static MimeMessage Mail(string messageId, string subject, string text, string from = "alice@shop.example") =>
        Mail(messageId, subject, new BodyBuilder { TextBody = text }, from);

    private static MimeMessage Mail(string messageId, string subject, BodyBuilder body, string from = "alice@shop.example")
    {
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody(), Date = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)) };
        message.From.Add(new MailboxAddress("Alice", from));
        message.To.Add(new MailboxAddress("Bugs", "bugs@shop.example"));
        message.MessageId = messageId.Trim('<', '>');
        return message;
    }

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
