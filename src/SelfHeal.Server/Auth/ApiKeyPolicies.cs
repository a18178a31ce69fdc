namespace SelfHeal.Server.Auth;

/// <summary>Authorization policies of the API, each a set of roles.</summary>
public static class ApiKeyPolicies
{
    /// <summary>Read bugs: viewer, approver, admin.</summary>
    public const string ReadBugs = "bugs:read";

    /// <summary>Submit bugs: reporter, approver, admin.</summary>
    public const string SubmitBugs = "bugs:submit";

    /// <summary>Administer the server: admin.</summary>
    public const string Admin = "admin";

    /// <summary>Approve or reject a fix that awaits review: approvers and admins.</summary>
    public const string ReviewFixes = "fixes:review";
}
