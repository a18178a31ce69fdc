using System.Globalization;
using SelfHeal.Code;
using SelfHeal.Git;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// Recent history: <c>git blame --line-porcelain</c> of the files already among the suspects. Commit times are ranked
/// across every blamed file (0 = oldest, 1 = newest); a statement scores how far its newest line's rank lies above its
/// file's median rank, so a file committed at once contributes nothing and a line changed after the rest of its file
/// stands out. Uncommitted lines count as the newest. Costs one git call per file.
/// </summary>
internal sealed class HistorySignal(GitClient git)
{
    public const string Name = "history";

    public async Task<SignalScores> ScoreAsync(SourceTree tree, IEnumerable<string> files, CancellationToken cancellationToken = default)
    {
        var scores = new SignalScores(Name);
        var blamed = new List<(SourceFile File, BlameLine?[] Lines)>();
        foreach (var path in files.Distinct(StringComparer.Ordinal))
        {
            if (tree.Get(path) is not { } file)
            {
                continue;
            }
            var result = await git.RunAsync(tree.Root, ["blame", "--line-porcelain", "--", file.Path], cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                blamed.Add((file, Parse(result.Output, file.Outline.LineCount)));
            }
        }
        var times = blamed.SelectMany(b => b.Lines).OfType<BlameLine>().Select(l => l.Time).Distinct().Order().ToArray();
        if (times.Length < 2)
        {
            return scores;
        }
        double Rank(long time) => (double)Array.BinarySearch(times, time) / (times.Length - 1);

        foreach (var (file, lines) in blamed)
        {
            var ranks = lines.OfType<BlameLine>().Select(l => Rank(l.Time)).Order().ToList();
            if (ranks.Count == 0)
            {
                continue;
            }
            var median = ranks[ranks.Count / 2];
            foreach (var statement in file.Outline.Statements)
            {
                var newest = Enumerable.Range(statement.StartLine, statement.EndLine - statement.StartLine + 1)
                    .Where(l => l <= lines.Length)
                    .Select(l => lines[l - 1])
                    .OfType<BlameLine>()
                    .MaxBy(l => l.Time);
                if (newest is null)
                {
                    continue;
                }
                var value = Rank(newest.Time) - median;
                var when = DateTimeOffset.FromUnixTimeSeconds(newest.Time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var commit = newest.Commit.Trim('0').Length == 0 ? "uncommitted" : newest.Commit[..Math.Min(8, newest.Commit.Length)];
                scores.Add(new SuspectSpan(file.Path, statement.StartLine, statement.EndLine), value,
                    $"changed {when} ({commit}), after most of {Path.GetFileName(file.Path)}");
            }
        }
        return scores;
    }

    /// <summary>Reads <c>git blame --line-porcelain</c> output into one entry per final line (1-based, index = line − 1).</summary>
    public static BlameLine?[] Parse(string porcelain, int lineCount)
    {
        var lines = new BlameLine?[Math.Max(0, lineCount)];
        string? commit = null;
        var finalLine = 0;
        long time = 0;
        foreach (var raw in porcelain.Split('\n'))
        {
            if (raw.StartsWith('\t'))
            {
                if (commit is not null && finalLine >= 1 && finalLine <= lines.Length)
                {
                    lines[finalLine - 1] = new BlameLine(commit, time);
                }
                commit = null;
                continue;
            }
            var parts = raw.Split(' ');
            if (commit is null && parts.Length >= 3 && parts[0].Length == 40 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var final))
            {
                commit = parts[0];
                finalLine = final;
                time = 0;
            }
            else if (parts.Length == 2 && parts[0] == "committer-time" && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var t))
            {
                time = t;
            }
        }
        return lines;
    }
}

/// <summary>Who last touched a line: the commit and its committer time (Unix seconds).</summary>
internal sealed record BlameLine(string Commit, long Time);
