using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests.Channels.Email;

/// <summary>The test user's mailbox on a <see cref="DovecotServer"/>, reached with MailKit as any mail client would.</summary>
public sealed class TestMailbox(DovecotServer server)
{
    /// <summary>Delivers <paramref name="message"/> to <paramref name="folder"/> (created when missing) by IMAP APPEND.</summary>
    public async Task AppendAsync(MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = await FolderAsync(client, folder, create: true);
        await target.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
    }

    /// <summary>Creates <paramref name="folder"/>.</summary>
    public async Task CreateFolderAsync(string folder)
    {
        using var client = await ConnectAsync();
        await FolderAsync(client, folder, create: true);
        await client.DisconnectAsync(true);
    }

    /// <summary>The flags and keywords of the mail with <paramref name="messageId"/> in <paramref name="folder"/>, or <see langword="null"/> when it is not there.</summary>
    public async Task<(MessageFlags Flags, IReadOnlySet<string> Keywords)?> FlagsAsync(string messageId, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = await FolderAsync(client, folder, create: false);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var uids = await target.SearchAsync(SearchQuery.HeaderContains("Message-Id", messageId));
        if (uids.Count == 0)
        {
            return null;
        }
        var summary = (await target.FetchAsync(uids, new FetchRequest(MessageSummaryItems.Flags))).Single();
        await client.DisconnectAsync(true);
        return (summary.Flags ?? MessageFlags.None, summary.Keywords.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Takes <paramref name="keyword"/> off every mail in the inbox, as if it had never been set.</summary>
    public async Task RemoveKeywordAsync(string keyword)
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uids = await client.Inbox.SearchAsync(SearchQuery.All);
        await client.Inbox.RemoveFlagsAsync(uids, MessageFlags.Seen, new HashSet<string>(StringComparer.Ordinal) { keyword }, silent: true);
        await client.DisconnectAsync(true);
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string folder, bool create)
    {
        if (string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }
        try
        {
            return await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException) when (create)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return (await root.CreateAsync(folder, isMessageFolder: true))!;
        }
    }
}
