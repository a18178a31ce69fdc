using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Server.Api;

namespace SelfHeal.Server.Channels.Email;

/// <summary>
/// The email channel: reads new mail from an IMAP mailbox into bug reports. Each pass searches the mailbox for mails
/// without the processed keyword, stores each one's report with its Message-Id as the delivery id, then marks it
/// (seen, the keyword, and a move to <see cref="EmailChannelOptions.ProcessedFolder"/> when set). A crash between
/// storing and marking only replays the mail, which the store recognizes by its Message-Id. Between passes it waits
/// with IDLE when the server offers it, else for the poll interval. Connection and login failures are logged
/// (never with the password) and retried with a growing delay; the server stays up.
/// </summary>
internal sealed partial class ImapPoller(
    IOptionsMonitor<EmailChannelOptions> options,
    ReportIntake intake,
    EmailReportReader reader,
    TimeProvider timeProvider,
    ILogger<ImapPoller> logger) : BackgroundService
{
    /// <summary>The channel's name: the reports' source and the delivery keys' channel.</summary>
    public const string ChannelName = "email";

    // RFC 2177 asks clients to re-issue IDLE at least every 29 minutes; some servers drop idle clients after 10.
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    /// <summary>One pass on a connection of its own: connect, read and mark new mail, disconnect. Never throws but for cancellation.</summary>
    public async Task<EmailPollResult> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return EmailPollResult.Failed("The email channel is off: set Channels:Email:Host.");
        }
        using var client = new ImapClient();
        try
        {
            var mailbox = await OpenAsync(client, settings, cancellationToken).ConfigureAwait(false);
            var result = await ProcessAsync(mailbox, settings, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = Describe(e, settings);
            LogPassFailed(settings.Host, settings.EffectivePort, settings.User ?? "", error);
            return EmailPollResult.Failed(error);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return;
        }
        LogStarting(settings.Host, settings.EffectivePort, settings.Mailbox, settings.User ?? "");
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var client = new ImapClient();
            try
            {
                var mailbox = await OpenAsync(client, settings, stoppingToken).ConfigureAwait(false);
                while (client.IsConnected)
                {
                    await ProcessAsync(mailbox, settings, stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    await WaitForMailAsync(client, mailbox.Inbox, settings, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Anything a pass meets (network, server, store) is logged and retried: the poller must outlive it.
            catch (Exception e)
            {
                failures++;
                var delay = RetryDelay(failures, settings.PollInterval);
                LogFailedRetrying(settings.Host, settings.EffectivePort, settings.User ?? "", Describe(e, settings), delay);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>5 s, doubling per failure in a row, up to the larger of 5 minutes and the poll interval.</summary>
    internal static TimeSpan RetryDelay(int failures, TimeSpan pollInterval)
    {
        var cap = pollInterval > MaxRetry ? pollInterval : MaxRetry;
        var delay = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 20));
        return delay < cap ? delay : cap;
    }

    private static async Task<Mailbox> OpenAsync(ImapClient client, EmailChannelOptions settings, CancellationToken cancellationToken)
    {
        var security = settings.Tls switch
        {
            EmailTls.None => SecureSocketOptions.None,
            EmailTls.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.SslOnConnect,
        };
        await client.ConnectAsync(settings.Host!, settings.EffectivePort, security, cancellationToken).ConfigureAwait(false);
        await client.AuthenticateAsync(settings.User ?? "", settings.Password ?? "", cancellationToken).ConfigureAwait(false);
        var inbox = string.Equals(settings.Mailbox, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(settings.Mailbox, cancellationToken).ConfigureAwait(false);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        var processed = settings.ProcessedFolder is { Length: > 0 } name
            ? await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false)
            : null;
        if (!inbox.PermanentFlags.HasFlag(MessageFlags.UserDefined) && !inbox.PermanentKeywords.Contains(settings.ProcessedKeyword))
        {
            throw new EmailChannelException(processed is null
                ? $"The mailbox '{settings.Mailbox}' does not keep custom keywords, so handled mails cannot be marked with '{settings.ProcessedKeyword}'. Set Channels:Email:ProcessedFolder to a folder they are moved to."
                : $"The mailbox '{settings.Mailbox}' does not keep custom keywords ('{settings.ProcessedKeyword}'); handled mails are moved to '{processed.FullName}', but one that cannot be moved would be read again.");
        }
        return new Mailbox(inbox, processed);
    }

    private async Task<EmailPollResult> ProcessAsync(Mailbox mailbox, EmailChannelOptions settings, CancellationToken cancellationToken)
    {
        var inbox = mailbox.Inbox;
        var uids = await inbox.SearchAsync(SearchQuery.NotKeyword(settings.ProcessedKeyword), cancellationToken).ConfigureAwait(false);
        if (uids.Count == 0)
        {
            return new EmailPollResult(0, 0, 0);
        }
        var summaries = await inbox.FetchAsync(uids, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size), cancellationToken).ConfigureAwait(false);
        var (stored, duplicates, ignored) = (0, 0, 0);
        foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
        {
            var uid = summary.UniqueId;
            if (summary.Size is { } size && size > settings.MaxMessageBytes)
            {
                LogTooLarge(uid.Id, size, settings.MaxMessageBytes);
                ignored++;
            }
            else
            {
                var message = await inbox.GetMessageAsync(uid, cancellationToken).ConfigureAwait(false);
                var sender = EmailReportReader.Sender(message);
                if (!settings.Allows(sender))
                {
                    LogSenderNotAllowed(sender ?? "(no sender)", message.MessageId ?? "(no Message-Id)");
                    ignored++;
                }
                else
                {
                    var read = reader.Read(message, settings.MaxLogBytes);
                    var outcome = await intake.RecordAsync(
                        [(read.Report with { Source = ChannelName }, new DeliveryKey(ChannelName, read.DeliveryId))], cancellationToken).ConfigureAwait(false);
                    if (outcome.Problems is { } problems)
                    {
                        LogUnusable(read.DeliveryId, problems);
                        ignored++;
                    }
                    else if (outcome.Results[0] is { Outcome: BugIntakeOutcome.Duplicate } duplicate)
                    {
                        LogDuplicate(read.DeliveryId, duplicate.BugId);
                        duplicates++;
                    }
                    else
                    {
                        LogStored(read.DeliveryId, outcome.Results[0].BugId, outcome.Results[0].Outcome);
                        stored++;
                    }
                }
            }
            await MarkAsync(mailbox, uid, settings.ProcessedKeyword, cancellationToken).ConfigureAwait(false);
        }
        return new EmailPollResult(stored, duplicates, ignored);
    }

    private static async Task MarkAsync(Mailbox mailbox, UniqueId uid, string keyword, CancellationToken cancellationToken)
    {
        await mailbox.Inbox.AddFlagsAsync(uid, MessageFlags.Seen, new HashSet<string>(StringComparer.Ordinal) { keyword }, silent: true, cancellationToken).ConfigureAwait(false);
        if (mailbox.Processed is { } processed)
        {
            await mailbox.Inbox.MoveToAsync(uid, processed, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForMailAsync(ImapClient client, IMailFolder inbox, EmailChannelOptions settings, CancellationToken cancellationToken)
    {
        if (!settings.UseIdle || !client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(settings.PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var done = new CancellationTokenSource(settings.PollInterval < MaxIdle ? settings.PollInterval : MaxIdle, timeProvider);
        void OnCountChanged(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += OnCountChanged;
        try
        {
            await client.IdleAsync(done.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inbox.CountChanged -= OnCountChanged;
        }
    }

    // Exception messages from the network or server are kept, with the password cut out should one ever echo it.
    private static string Describe(Exception e, EmailChannelOptions settings)
    {
        var message = e switch
        {
            AuthenticationException => $"The server refused the login ({e.Message.TrimEnd('.')}). Check Channels:Email:User and Channels:Email:Password.",
            EmailChannelException => e.Message,
            FolderNotFoundException notFound => $"There is no folder '{notFound.FolderName}'. Check Channels:Email:Mailbox and Channels:Email:ProcessedFolder.",
            SslHandshakeException => $"The TLS handshake failed ({e.Message.Split('\n')[0].TrimEnd('.')}). Check Channels:Email:Tls and Channels:Email:Port.",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        return settings.Password is { Length: > 0 } password ? message.Replace(password, "***", StringComparison.Ordinal) : message;
    }

    private sealed record Mailbox(IMailFolder Inbox, IMailFolder? Processed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email channel: reading {Mailbox} on {Host}:{Port} as {User}")]
    private partial void LogStarting(string host, int port, string mailbox, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email channel: {Host}:{Port} as {User} failed: {Error} Retrying in {Delay}.")]
    private partial void LogFailedRetrying(string host, int port, string user, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email channel: {Host}:{Port} as {User} failed: {Error}")]
    private partial void LogPassFailed(string host, int port, string user, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email channel: mail {Uid} is {Size} bytes, over the limit of {Max} (Channels:Email:MaxMessageBytes); marked and not read")]
    private partial void LogTooLarge(uint uid, ulong size, long max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email channel: mail {MessageId} from {Sender} ignored: the sender is not in Channels:Email:AllowedSenders")]
    private partial void LogSenderNotAllowed(string sender, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email channel: mail {DeliveryId} gives no usable report ({Problems}); marked and not stored")]
    private partial void LogUnusable(string deliveryId, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email channel: mail {DeliveryId} was stored before as bug {BugId}; marked")]
    private partial void LogDuplicate(string deliveryId, string bugId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email channel: mail {DeliveryId} stored in bug {BugId} ({Outcome})")]
    private partial void LogStored(string deliveryId, string bugId, BugIntakeOutcome outcome);
}
