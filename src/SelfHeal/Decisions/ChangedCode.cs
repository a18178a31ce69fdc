using SelfHeal.Patches;
using SelfHeal.Security;

namespace SelfHeal.Decisions;

/// <summary>What the security scan finds in the lines a patch removes or replaces: the security-relevant code it changes.</summary>
public static class ChangedCode
{
    /// <summary>
    /// Scans <paramref name="patch"/> reversed, so its removed lines are read as added ones. Secrets and network endpoints
    /// are left out: removing them is not a change to security-relevant logic.
    /// </summary>
    public static IReadOnlyList<SecurityFinding> SecurityFindings(DiffSecurityScanner scanner, PatchDocument patch)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentNullException.ThrowIfNull(patch);
        var reversed = new PatchDocument([.. patch.Files.Select(f => f with
        {
            OldPath = f.NewPath,
            NewPath = f.OldPath,
            Hunks = [.. f.Hunks.Select(h => h with
            {
                Lines = [.. h.Lines.Select(l => l with
                {
                    Kind = l.Kind switch { PatchLineKind.Added => PatchLineKind.Removed, PatchLineKind.Removed => PatchLineKind.Added, _ => l.Kind },
                    OldLineNumber = l.NewLineNumber,
                    NewLineNumber = l.OldLineNumber,
                })],
            })],
        })]);
        return [.. scanner.Scan(reversed).Findings.Where(f => !f.IsSecret && f.RuleId is not (SecurityRuleIds.NewNetworkEndpoint or SecurityRuleIds.NewNetworkClient))];
    }
}
