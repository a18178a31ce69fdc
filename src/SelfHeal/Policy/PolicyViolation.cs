namespace SelfHeal.Policy;

/// <summary>One broken rule of a <see cref="PatchPolicy"/>.</summary>
/// <param name="RuleId">A <see cref="PolicyRuleIds"/> value (<c>forbidden-path</c>).</param>
/// <param name="Path">The path as the patch names it; empty for patch-wide rules (limits).</param>
/// <param name="Line">The diff's line number on the file's old side for removed lines, new side for added ones.</param>
/// <param name="Message">What is wrong (<c>.github/workflows/ci.yml matches .github/** (CI and workflow files)</c>).</param>
public sealed record PolicyViolation(string RuleId, string Path, int? Line, string Message)
{
    public override string ToString() => $"{RuleId}: {Message}";
}
