using SelfHeal.Reports;

namespace SelfHeal.Triage;

/// <summary>
/// Severity and priority from labels and tags, as teams write them: <c>severity:critical</c>, <c>severity/high</c>,
/// <c>sev1</c>, <c>S2</c>, <c>critical</c>, <c>blocker</c>; <c>priority:high</c>, <c>P0</c>…<c>P4</c>, <c>urgent</c>.
/// Alert labels arrive as <c>severity=critical</c>. The strongest label wins; none gives <c>Unknown</c>.
/// </summary>
public static class LabelClassifier
{
    public static BugSeverity Severity(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var best = BugSeverity.Unknown;
        foreach (var label in labels)
        {
            var value = Normalize(label, "severity", "sev");
            var severity = value switch
            {
                "critical" or "crit" or "blocker" or "fatal" or "emergency" or "sev0" or "sev1" or "s0" or "s1" or "0" or "1" or "page" => BugSeverity.Critical,
                "high" or "major" or "error" or "sev2" or "s2" or "2" => BugSeverity.High,
                "medium" or "moderate" or "warning" or "warn" or "sev3" or "s3" or "3" => BugSeverity.Medium,
                "low" or "minor" or "trivial" or "info" or "sev4" or "s4" or "4" => BugSeverity.Low,
                _ => BugSeverity.Unknown,
            };
            // A bare digit only counts after a severity prefix.
            if (severity > best && (value.Length > 1 || HasPrefix(label, "severity", "sev")))
            {
                best = severity;
            }
        }
        return best;
    }

    public static BugPriority Priority(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var best = BugPriority.Unknown;
        foreach (var label in labels)
        {
            var value = Normalize(label, "priority", "prio");
            var priority = value switch
            {
                "urgent" or "highest" or "immediate" or "p0" or "p1" => BugPriority.Urgent,
                "high" or "p2" => BugPriority.High,
                "normal" or "medium" or "p3" => BugPriority.Normal,
                "low" or "lowest" or "p4" or "p5" => BugPriority.Low,
                _ => BugPriority.Unknown,
            };
            // "high", "low" and "medium" alone are severities; they set a priority only after a priority prefix.
            var bare = value is "high" or "low" or "medium" or "normal";
            if (priority > best && (!bare || HasPrefix(label, "priority", "prio")))
            {
                best = priority;
            }
        }
        return best;
    }

    private static bool HasPrefix(string label, params string[] prefixes)
    {
        var lower = label.Trim().ToLowerInvariant();
        return prefixes.Any(p => lower.StartsWith(p, StringComparison.Ordinal) && lower.Length > p.Length && lower[p.Length] is ':' or '/' or '=' or '-' or ' ' or '_');
    }

    /// <summary><c>Severity: High</c> → <c>high</c>; <c>sev-1</c> → <c>sev1</c>; other labels lowercased.</summary>
    private static string Normalize(string label, params string[] prefixes)
    {
        var lower = label.Trim().ToLowerInvariant();
        foreach (var prefix in prefixes)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal) && lower.Length > prefix.Length && lower[prefix.Length] is ':' or '/' or '=' or ' ' or '_')
            {
                return lower[(prefix.Length + 1)..].Trim();
            }
        }
        return lower.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
    }
}
