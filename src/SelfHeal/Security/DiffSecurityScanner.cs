using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SelfHeal.Patches;

namespace SelfHeal.Security;

/// <summary>
/// Scans the added lines of a patch for secrets and risky code. Removed and context lines are read only to
/// know which network endpoints the file already used. Stateless apart from its options; thread-safe.
/// </summary>
/// <remarks>
/// Evasions handled: look-alike letters and invisible characters (text is NFKC-normalized, stripped and folded
/// to ASCII before matching), base64-encoded secrets (base64-looking tokens of 20+ characters are decoded and
/// rescanned), and secrets split across string literals (the literals of each line, and of each run of
/// consecutive added lines, are joined and rescanned).
/// </remarks>
public sealed class DiffSecurityScanner(IOptions<SecurityScanOptions> options)
{
    private const long MaxContextFileBytes = 2 * 1024 * 1024;

    public DiffSecurityScanner()
        : this(Options.Create(new SecurityScanOptions()))
    {
    }

    /// <summary>Every finding in <paramref name="patch"/>, classified by the options into blocking and advisory.</summary>
    public SecurityScanResult Scan(PatchDocument patch) => Scan(patch, new Dictionary<string, string>());

    /// <summary>
    /// Like <see cref="Scan(PatchDocument)"/>, but an endpoint counts as new only when the file's current text in
    /// <paramref name="repoRoot"/> (the checkout before the patch) does not already use it anywhere.
    /// </summary>
    public async Task<SecurityScanResult> ScanAsync(PatchDocument patch, string repoRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentException.ThrowIfNullOrEmpty(repoRoot);
        var root = Path.GetFullPath(repoRoot);
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var oldPath in patch.Files.Select(f => f.OldPath).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var full = ReadableFileInside(root, oldPath);
            if (full is not null)
            {
                existing[oldPath] = await File.ReadAllTextAsync(full, cancellationToken);
            }
        }
        return Scan(patch, existing);
    }

    /// <summary>The full path of a regular file under <paramref name="root"/> reached without symlinks, or <see langword="null"/>: the patch's paths are untrusted.</summary>
    private static string? ReadableFileInside(string root, string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        var relative = Path.GetRelativePath(root, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }
        var current = root;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            if (new FileInfo(current).LinkTarget is not null)
            {
                return null;
            }
        }
        var info = new FileInfo(full);
        return info.Exists && info.Length <= MaxContextFileBytes ? full : null;
    }

    private SecurityScanResult Scan(PatchDocument patch, Dictionary<string, string> existing)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var findings = new List<SecurityFinding>();
        foreach (var file in patch.Files.Where(f => f.NewPath is not null))
        {
            var current = file.OldPath is null ? "" : existing.GetValueOrDefault(file.OldPath, "");
            findings.AddRange(ScanFile(file, current));
        }
        var unique = findings.DistinctBy(f => (f.RuleId, f.File, f.Line)).ToList();
        var settings = options.Value;
        var blocking = unique.Where(settings.Blocks).ToList();
        var advisory = unique.Where(f => !settings.Blocks(f)).ToList();
        var confidence = advisory.Aggregate(1.0, (c, f) => c * settings.ConfidenceFactors.GetValueOrDefault(f.Severity, 1.0));
        return new SecurityScanResult(blocking, advisory, confidence);
    }

    private static IEnumerable<SecurityFinding> ScanFile(FilePatch file, string currentText)
    {
        var path = file.Path;
        var language = SourceLanguages.FromPath(path);
        var known = file.Hunks.SelectMany(h => h.Lines)
            .Where(l => l.Kind != PatchLineKind.Added)
            .SelectMany(l => NetworkEndpoints.In(l.Text))
            .Concat(NetworkEndpoints.In(currentText))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var hunk in file.Hunks)
        {
            var run = new List<PatchLine>();
            foreach (var line in hunk.Lines.Append(null))
            {
                if (line?.Kind == PatchLineKind.Added)
                {
                    run.Add(line);
                    foreach (var finding in ScanLine(path, language, line, known))
                    {
                        yield return finding;
                    }
                    continue;
                }
                foreach (var finding in ScanRun(path, run))
                {
                    yield return finding;
                }
                run.Clear();
            }
        }
    }

    private static IEnumerable<SecurityFinding> ScanLine(string path, SourceLanguage language, PatchLine line, HashSet<string> known)
    {
        var number = line.NewLineNumber ?? 0;
        var secrets = SecretDetector.Find(line.Text).ToList();
        foreach (var match in secrets)
        {
            yield return Secret(match, path, number, match.Evasion);
        }
        var literals = SecretDetector.JoinLiterals(line.Text);
        foreach (var match in SecretDetector.Find(literals).Where(m => secrets.TrueForAll(s => s.Rule.Id != m.Rule.Id)))
        {
            yield return Secret(match, path, number, "split into concatenated string literals");
        }
        var code = UnicodeFolding.Fold(line.Text);
        if (!IsComment(code))
        {
            foreach (var rule in DangerousCodeRules.All.Where(r => (r.Languages & language) != 0 && IsMatch(r, code)))
            {
                yield return new SecurityFinding(rule.Id, rule.Severity, path, number, $"the added line {rule.Message}: {Excerpt(code)}");
            }
        }
        foreach (var endpoint in NetworkEndpoints.In(code).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (known.Add(endpoint))
            {
                yield return new SecurityFinding(SecurityRuleIds.NewNetworkEndpoint, SecuritySeverity.Medium, path, number,
                    $"the patch introduces the network endpoint {endpoint}, not used elsewhere in the file");
            }
        }
    }

    /// <summary>Secrets that only appear when the string literals of consecutive added lines are joined.</summary>
    private static IEnumerable<SecurityFinding> ScanRun(string path, List<PatchLine> run)
    {
        if (run.Count < 2)
        {
            yield break;
        }
        var perLine = run.SelectMany(l => SecretDetector.Find(l.Text).Concat(SecretDetector.Find(SecretDetector.JoinLiterals(l.Text))))
            .Select(m => m.Rule.Id).ToHashSet(StringComparer.Ordinal);
        var joined = string.Concat(run.Select(l => SecretDetector.JoinLiterals(l.Text)));
        var first = run[0].NewLineNumber ?? 0;
        var last = run[^1].NewLineNumber ?? 0;
        foreach (var match in SecretDetector.Find(joined).Where(m => !perLine.Contains(m.Rule.Id)))
        {
            yield return Secret(match, path, first, $"split across lines {first}-{last}");
        }
    }

    private static SecurityFinding Secret(SecretMatch match, string path, int line, string? evasion) =>
        new(match.Rule.Id, match.Rule.Severity, path, line,
            $"the added line holds {match.Rule.Description}" + (evasion is null ? "" : $" ({evasion})"));

    private static bool IsMatch(DangerousCodeRule rule, string code)
    {
        try
        {
            return rule.Pattern.IsMatch(code);
        }
        catch (RegexMatchTimeoutException)
        {
            return true; // Fail closed: a line too convoluted to check in time is treated as a match.
        }
    }

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('#') || trimmed.StartsWith("/*", StringComparison.Ordinal)
            || trimmed.StartsWith("* ", StringComparison.Ordinal) || trimmed == "*";
    }

    private static string Excerpt(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length <= 100 ? trimmed : trimmed[..97] + "...";
    }
}
