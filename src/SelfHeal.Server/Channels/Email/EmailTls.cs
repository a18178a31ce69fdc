namespace SelfHeal.Server.Channels.Email;

/// <summary>How the IMAP connection is secured.</summary>
public enum EmailTls
{
    /// <summary>TLS from the first byte (IMAPS, port 993). The default.</summary>
    SslOnConnect,

    /// <summary>Plain connection upgraded with <c>STARTTLS</c>, which must succeed (port 143).</summary>
    StartTls,

    /// <summary>No encryption: only for a server on the same machine or a trusted network.</summary>
    None,
}
