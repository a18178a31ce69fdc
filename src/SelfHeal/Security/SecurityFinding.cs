namespace SelfHeal.Security;

/// <summary>One risky addition in a patch.</summary>
/// <param name="RuleId">A <see cref="SecurityRuleIds"/> value; secret rules start with <c>secret-</c>.</param>
/// <param name="File">The path the line is added to.</param>
/// <param name="Line">The line number on the new side of the file.</param>
/// <param name="Message">What was found; a secret's value is never repeated here.</param>
public sealed record SecurityFinding(string RuleId, SecuritySeverity Severity, string File, int Line, string Message)
{
    public bool IsSecret => RuleId.StartsWith(SecurityRuleIds.SecretPrefix, StringComparison.Ordinal);

    public override string ToString() => $"{RuleId} ({Severity.ToString().ToLowerInvariant()}) {File}:{Line}: {Message}";
}
