namespace SelfHeal.Server.Channels.Email;

/// <summary>The mailbox cannot be used as configured (it cannot keep the processed mark); the message says what to change.</summary>
internal sealed class EmailChannelException(string message) : Exception(message);
