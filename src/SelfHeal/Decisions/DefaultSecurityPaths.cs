namespace SelfHeal.Decisions;

/// <summary>
/// Path globs (matched case-insensitively, a glob without <c>/</c> against any path segment) of code where a wrong fix
/// is a security hole: authentication, cryptography, permissions, SQL and serialization.
/// </summary>
public static class DefaultSecurityPaths
{
    public static IReadOnlyList<string> Globs { get; } =
    [
        "*auth*", "*login*", "*password*", "*credential*", "*session*", "*jwt*", "*oauth*",
        "*crypt*", "*cipher*", "*signing*",
        "*permission*", "*authoriz*", "*access*control*", "*rbac*", "*acl", "*acl.*", "*security*",
        "*sql*", "*serializ*", "*deserializ*", "*pickle*",
    ];
}
