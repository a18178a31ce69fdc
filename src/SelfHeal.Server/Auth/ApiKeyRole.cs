namespace SelfHeal.Server.Auth;

/// <summary>What an API key may do.</summary>
public enum ApiKeyRole
{
    /// <summary>Read bugs (and, later, runs).</summary>
    Viewer,

    /// <summary>Only submit bugs: the key an application or the .NET reporter sends reports with.</summary>
    Reporter,

    /// <summary>Read and submit bugs, and approve or reject pending fixes.</summary>
    Approver,

    /// <summary>Everything, including managing keys.</summary>
    Admin,
}
