using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SelfHeal.Auditing;
using SelfHeal.Repair;
using SelfHeal.Runs;
using SelfHeal.Testing;

namespace SelfHeal.Validation;

/// <summary>
/// Proves a candidate, cheapest layer first: apply it to the worktree, run the previously failing tests
/// (which builds or syntax-checks the code on the way), then the whole suite, where every previously
/// passing test must still pass. The worktree is restored afterwards, whatever happened.
/// With <see cref="RepairOptions.FastCSharpValidation"/> and an <see cref="ICandidateBuilder"/> that builds the
/// candidate, the targeted tests run without a rebuild, against the builder's outputs, which are put back afterwards.
/// Applying and reverting a candidate are recorded in the run's audit log when a <see cref="RunAudit"/> is given.
/// Not thread-safe: one worktree, one candidate at a time.
/// </summary>
internal sealed class CandidateValidator
{
    private readonly IReadOnlyList<ICandidateBuilder> _builders;
    private readonly RunAudit? _audit;

    /// <summary>A validator that always lets the test runner build.</summary>
    public CandidateValidator()
    {
        _builders = [];
    }

    /// <summary>A validator that tries <paramref name="builders"/> first when the options allow it.</summary>
    public CandidateValidator(IEnumerable<ICandidateBuilder> builders, IOptions<RepairOptions> options, RunAudit? audit = null)
    {
        ArgumentNullException.ThrowIfNull(builders);
        ArgumentNullException.ThrowIfNull(options);
        _builders = options.Value.FastCSharpValidation ? [.. builders] : [];
        _audit = audit;
    }

    /// <summary>Validates <paramref name="candidate"/> in <paramref name="workspacePath"/>.</summary>
    /// <param name="failingTests">The reproduced failures: each must pass.</param>
    /// <param name="flakyTests">Tests known to be flaky: their failures are not held against the candidate.</param>
    /// <param name="baselineTestCount">How many tests the suite ran before: fewer now means tests were lost.</param>
    public async Task<ValidationResult> ValidateAsync(
        ITestRunner runner, string workspacePath, string? testCommand, CandidatePatch candidate,
        IReadOnlyList<string> failingTests, IReadOnlySet<string> flakyTests, int baselineTestCount, TimeSpan testTimeout,
        CancellationToken cancellationToken = default)
    {
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        (ICandidateBuilder Builder, CandidateBuild Build)? built = null;
        try
        {
            built = await BuildAsync(workspacePath, candidate, cancellationToken).ConfigureAwait(false);
            var applied = Apply(workspacePath, candidate, originals, out var applyError);
            await RecordEditAsync("applied", workspacePath, candidate, originals, cancellationToken).ConfigureAwait(false);
            if (!applied)
            {
                return new ValidationResult(CandidateVerdict.NotApplied, 0, applyError, null);
            }

            var targeted = await runner.RunAsync(new TestRunRequest(workspacePath) { Command = testCommand, Only = failingTests, NoBuild = built is not null, Timeout = testTimeout }, cancellationToken).ConfigureAwait(false);
            if (targeted.Problem is not null && !targeted.Tests.Any())
            {
                return new ValidationResult(CandidateVerdict.BuildFailed, 0, FirstLine(targeted.Problem), null);
            }
            var fixedTests = failingTests.Where(id => targeted.Tests.Any(t => t.Id == id && t.Status == TestStatus.Passed)).ToList();
            if (fixedTests.Count < failingTests.Count)
            {
                var still = failingTests.Except(fixedTests).First();
                return new ValidationResult(CandidateVerdict.StillFailing, fixedTests.Count, $"{still} still fails" + Why(targeted.Tests.FirstOrDefault(t => t.Id == still)), null);
            }

            var full = await runner.RunAsync(new TestRunRequest(workspacePath) { Command = testCommand, NoBuild = true, Timeout = testTimeout }, cancellationToken).ConfigureAwait(false);
            var broken = full.Tests.Where(t => t.IsFailure && !flakyTests.Contains(t.Id)).Select(t => t.Id).ToList();
            if (full.Problem is not null && !full.Tests.Any())
            {
                return new ValidationResult(CandidateVerdict.Regression, fixedTests.Count, "the full suite could not run: " + FirstLine(full.Problem), null);
            }
            if (broken.Count > 0)
            {
                return new ValidationResult(CandidateVerdict.Regression, fixedTests.Count, $"{broken[0]} now fails" + (broken.Count > 1 ? $" (+{broken.Count - 1} more)" : "") + Why(full.Tests.FirstOrDefault(t => t.Id == broken[0])), null);
            }
            if (full.Tests.Count < baselineTestCount)
            {
                return new ValidationResult(CandidateVerdict.Regression, fixedTests.Count, $"{baselineTestCount - full.Tests.Count} test(s) no longer run", null);
            }
            return new ValidationResult(CandidateVerdict.Plausible, fixedTests.Count, $"{full.Passed} tests pass", Diff(workspacePath, originals));
        }
        finally
        {
            var restoreToken = cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken;
            foreach (var (path, text) in originals)
            {
                await File.WriteAllTextAsync(path, text, restoreToken).ConfigureAwait(false);
            }
            await RecordEditAsync("reverted", workspacePath, candidate, originals, restoreToken).ConfigureAwait(false);
            if (built is { } done)
            {
                await done.Builder.RestoreAsync(done.Build, restoreToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordEditAsync(string action, string workspacePath, CandidatePatch candidate, Dictionary<string, string> originals, CancellationToken cancellationToken)
    {
        if (_audit is null || originals.Count == 0)
        {
            return;
        }
        var files = originals.Keys.Select(p => Path.GetRelativePath(workspacePath, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var detail = new JsonObject
        {
            ["action"] = action,
            ["files"] = new JsonArray([.. files.Select(f => JsonValue.Create(f))]),
            ["engine"] = candidate.Engine,
            ["template"] = candidate.Template,
            ["description"] = candidate.Description,
        };
        await _audit.RecordAsync(AuditEntryKind.FileEdit, "repair", $"{action} candidate ({candidate.Template}) in {string.Join(", ", files)}", detail, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(ICandidateBuilder Builder, CandidateBuild Build)?> BuildAsync(string workspacePath, CandidatePatch candidate, CancellationToken cancellationToken)
    {
        foreach (var builder in _builders)
        {
            if (await builder.TryBuildAsync(workspacePath, candidate, cancellationToken).ConfigureAwait(false) is { } build)
            {
                return (builder, build);
            }
        }
        return null;
    }

    /// <summary>Applies every edit (offsets refer to the unedited files), remembering the original texts.</summary>
    internal static bool Apply(string workspacePath, CandidatePatch candidate, Dictionary<string, string> originals, out string? error)
    {
        error = null;
        var root = Path.GetFullPath(workspacePath) + Path.DirectorySeparatorChar;
        foreach (var group in candidate.Edits.GroupBy(e => e.File))
        {
            var path = Path.GetFullPath(Path.Combine(workspacePath, group.Key));
            if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            {
                error = $"'{group.Key}' is not a file of the repository";
                return false;
            }
            var text = originals.TryGetValue(path, out var original) ? original : File.ReadAllText(path);
            originals[path] = text;
            var builder = new StringBuilder(text);
            var last = int.MaxValue;
            foreach (var edit in group.OrderByDescending(e => e.Start))
            {
                if (edit.Start < 0 || edit.Length < 0 || edit.Start + edit.Length > text.Length || edit.Start + edit.Length > last)
                {
                    error = $"an edit of '{group.Key}' is out of range or overlaps another";
                    return false;
                }
                builder.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Replacement);
                last = edit.Start;
            }
            File.WriteAllText(path, builder.ToString());
        }
        return true;
    }

    private static string Diff(string workspacePath, Dictionary<string, string> originals)
    {
        var builder = new StringBuilder();
        foreach (var (path, original) in originals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(workspacePath, path).Replace('\\', '/');
            builder.Append(UnifiedDiff.Create(relative, original, File.ReadAllText(path)));
        }
        return builder.ToString();
    }

    /// <summary>": the failure's first message line", which the LLM engines feed back to the model; empty when there is none.</summary>
    private static string Why(TestOutcome? test) =>
        test?.Message is { } message && FirstLine(message) is { Length: > 0 } line ? ": " + (line.Length > 200 ? line[..200] + "…" : line) : "";

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? text;
}

/// <summary>What validation found.</summary>
/// <param name="Diff">The candidate's unified diff, for a plausible one.</param>
internal sealed record ValidationResult(CandidateVerdict Verdict, int FixedTests, string? Detail, string? Diff);
