namespace SelfHeal.Server.Channels.Email;

/// <summary>What one pass over the mailbox did.</summary>
/// <param name="Stored">Mails stored as a new bug or an occurrence of one.</param>
/// <param name="Duplicates">Mails whose Message-Id was already stored (handled before, not yet marked).</param>
/// <param name="Ignored">Mails marked without a report: from a sender not allowed, too large, or unusable.</param>
/// <param name="Error">Why the pass failed (connection, login, folder), without secrets; <see langword="null"/> when it ran.</param>
internal sealed record EmailPollResult(int Stored, int Duplicates, int Ignored, string? Error = null)
{
    public static EmailPollResult Failed(string error) => new(0, 0, 0, error);
}
