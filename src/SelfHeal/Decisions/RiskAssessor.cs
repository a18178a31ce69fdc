using SelfHeal.Code;
using SelfHeal.Patches;
using SelfHeal.Policy;
using SelfHeal.Security;
using SelfHeal.Validation.Layers;

namespace SelfHeal.Decisions;

/// <summary>
/// The risk of a patch from what it touches: documentation and comment-only changes (wherever they are) and tests
/// are low; ordinary code medium; the
/// policy's core paths high; security-relevant code critical, by path glob (authentication, cryptography,
/// permissions, SQL, serialization) and by the security scan (a dangerous-code finding in the lines it adds, or in
/// the lines it changes). The level is the highest of the factors. Pure.
/// </summary>
public static class RiskAssessor
{
    private static readonly HashSet<string> CriticalRules = new(StringComparer.Ordinal)
    {
        SecurityRuleIds.SqlInjection, SecurityRuleIds.UnsafeDeserialization, SecurityRuleIds.TlsValidationDisabled,
        SecurityRuleIds.DynamicCode, SecurityRuleIds.ProcessExecution,
    };

    private static readonly HashSet<string> HashCommentExtensions = new(StringComparer.OrdinalIgnoreCase) { ".py", ".sh", ".bash", ".rb", ".yml", ".yaml", ".toml", ".r", ".pl" };

    private static readonly HashSet<string> DocExtensions = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".rst", ".txt", ".adoc" };

    public static RiskAssessment Assess(DecisionInput input, DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        var factors = input.Patch.Files.Select(f => OfFile(f, policy)).ToList();
        var added = input.Verdict.Layer(SecurityScanLayer.LayerName)?.Findings ?? [];
        factors.AddRange(added.Select(f => new RiskFactor(
            CriticalRules.Contains(f.RuleId) ? RiskLevel.Critical : RiskLevel.High, f.File, $"the scan flags an added line {f.Line}: {f.RuleId}")));
        factors.AddRange(input.ChangedSecurityFindings.DistinctBy(f => (f.RuleId, f.File)).Select(f => new RiskFactor(
            CriticalRules.Contains(f.RuleId) || f.IsSecret ? RiskLevel.Critical : RiskLevel.High, f.File, $"the patch changes code the scan flags as {f.RuleId} (line {f.Line})")));
        var level = factors.Count == 0 ? RiskLevel.Low : factors.Max(f => f.Level);
        return new RiskAssessment(level, [.. factors.OrderByDescending(f => f.Level)]);
    }

    private static RiskFactor OfFile(FilePatch file, DecisionPolicy policy)
    {
        var path = file.Path;
        if (DocExtensions.Contains(Path.GetExtension(path)) || path.StartsWith("docs/", StringComparison.OrdinalIgnoreCase))
        {
            return new RiskFactor(RiskLevel.Low, path, "documentation");
        }
        // Only comments change: nothing runs differently, wherever the file is.
        if (file.Hunks.Count > 0 && file.Hunks.SelectMany(h => h.Lines).Where(l => l.Kind != PatchLineKind.Context).All(l => IsCommentOrBlank(path, l.Text)))
        {
            return new RiskFactor(RiskLevel.Low, path, "only comments and blank lines change");
        }
        if (policy.SecurityPaths.FirstOrDefault(glob => file.Paths.Any(p => PathGlob.IsMatch(glob, p, ignoreCase: true))) is { } security)
        {
            return new RiskFactor(RiskLevel.Critical, path, $"security-relevant code (path matches '{security}')");
        }
        if (policy.CorePaths.FirstOrDefault(glob => file.Paths.Any(p => PathGlob.IsMatch(glob, p, ignoreCase: false))) is { } core)
        {
            return new RiskFactor(RiskLevel.High, path, $"core code (path matches '{core}')");
        }
        if (TestFiles.IsTestFile(path))
        {
            return new RiskFactor(RiskLevel.Low, path, "test code");
        }
        return new RiskFactor(RiskLevel.Medium, path, "application code");
    }

    /// <summary>
    /// Whether <paramref name="line"/> is blank or a whole-line comment in the language of <paramref name="path"/>:
    /// <c>#</c> for Python, shell, Ruby and YAML; <c>//</c>, <c>/*</c>, <c>* </c> and <c>*/</c> elsewhere (a C
    /// <c>#define</c> or a C# <c>#if</c> is code).
    /// </summary>
    internal static bool IsCommentOrBlank(string path, string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }
        if (HashCommentExtensions.Contains(Path.GetExtension(path)))
        {
            return trimmed.StartsWith('#');
        }
        return trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/*", StringComparison.Ordinal)
            || trimmed.StartsWith("* ", StringComparison.Ordinal) || trimmed == "*" || trimmed.StartsWith("*/", StringComparison.Ordinal);
    }
}
