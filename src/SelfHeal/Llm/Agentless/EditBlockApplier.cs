using SelfHeal.Repair;

namespace SelfHeal.Llm.Agentless;

/// <summary>
/// Turns SEARCH/REPLACE blocks into <see cref="TextEdit"/>s on the worktree's files, read-only. A SEARCH part is
/// found exactly first; failing that line by line ignoring trailing whitespace, then ignoring indentation (the
/// replacement is re-indented to the file's). A block that matches nowhere, or in several places, gets a precise
/// error (the closest lines and the first difference) that goes back to the model. Stateless and thread-safe.
/// </summary>
public static class EditBlockApplier
{
    /// <summary>The edits of <paramref name="blocks"/>, or the errors that kept some from applying (then no edits).</summary>
    public static (IReadOnlyList<TextEdit> Edits, IReadOnlyList<string> Errors) Apply(string workspacePath, IReadOnlyList<EditBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var root = Path.GetFullPath(workspacePath) + Path.DirectorySeparatorChar;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var edits = new List<TextEdit>();
        var errors = new List<string>();
        foreach (var block in blocks)
        {
            var file = block.File.Replace('\\', '/');
            while (file.StartsWith("./", StringComparison.Ordinal))
            {
                file = file[2..];
            }
            var full = Path.GetFullPath(Path.Combine(workspacePath, file));
            if (Path.IsPathRooted(file) || !full.StartsWith(root, StringComparison.Ordinal) || file.Split('/').Contains(".."))
            {
                errors.Add($"{block.File} is outside the repository");
                continue;
            }
            if (!File.Exists(full))
            {
                errors.Add($"{file} is not a file of the repository; edit an existing file");
                continue;
            }
            if (!texts.TryGetValue(file, out var text))
            {
                texts[file] = text = File.ReadAllText(full);
            }
            var (edit, error) = Locate(file, text, block);
            if (edit is null)
            {
                errors.Add(error!);
                continue;
            }
            if (edits.Any(e => e.File == file && e.Start < edit.Start + Math.Max(1, edit.Length) && edit.Start < e.Start + Math.Max(1, e.Length)))
            {
                errors.Add($"two SEARCH blocks for {file} overlap; merge them into one");
                continue;
            }
            edits.Add(edit);
        }
        return errors.Count > 0 ? ([], errors) : (edits, errors);
    }

    internal static (TextEdit? Edit, string? Error) Locate(string file, string text, EditBlock block)
    {
        if (block.Search.Trim().Length == 0)
        {
            return (null, $"the SEARCH part for {file} is empty; new files are not supported, change an existing one");
        }
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var exact = Occurrences(text, block.Search.Replace("\n", newline, StringComparison.Ordinal));
        if (exact.Count == 1)
        {
            return (new TextEdit(file, exact[0], block.Search.Replace("\n", newline, StringComparison.Ordinal).Length, block.Replace.Replace("\n", newline, StringComparison.Ordinal)), null);
        }
        if (exact.Count > 1)
        {
            return (null, $"the SEARCH part for {file} occurs {exact.Count} times; add surrounding lines so it matches one place");
        }

        var lines = Lines(text);
        var search = TrimBlankEnds(block.Search.Split('\n'));
        foreach (var ignoreIndent in new[] { false, true })
        {
            var matches = Enumerable.Range(0, Math.Max(0, lines.Count - search.Count + 1))
                .Where(i => search.Select((s, k) => Same(lines[i + k].Text, s, ignoreIndent)).All(b => b)).ToList();
            if (matches.Count > 1)
            {
                return (null, $"the SEARCH part for {file} matches {matches.Count} places (lines {string.Join(", ", matches.Select(m => m + 1))}); add surrounding lines so it matches one");
            }
            if (matches.Count == 1)
            {
                var first = matches[0];
                var last = first + search.Count - 1;
                var start = lines[first].Start;
                var end = lines[last].Start + lines[last].Text.Length;
                var replacement = Reindent(TrimBlankEnds(block.Replace.Split('\n')), Indent(lines[first].Text), Indent(search.First(s => s.Trim().Length > 0)));
                return (new TextEdit(file, start, end - start, string.Join(newline, replacement)), null);
            }
        }
        return (null, Closest(file, lines, search));
    }

    private static List<int> Occurrences(string text, string value)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0 && found.Count < 10; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }
        return found;
    }

    private static bool Same(string fileLine, string searchLine, bool ignoreIndent) =>
        ignoreIndent ? fileLine.Trim() == searchLine.Trim() : fileLine.TrimEnd() == searchLine.TrimEnd();

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    private static IEnumerable<string> Reindent(List<string> lines, string fileIndent, string searchIndent) =>
        fileIndent == searchIndent ? lines : lines.Select(l =>
            l.Trim().Length == 0 ? "" : l.StartsWith(searchIndent, StringComparison.Ordinal) ? fileIndent + l[searchIndent.Length..] : l);

    private static List<string> TrimBlankEnds(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.TrimEnd('\r')).ToList();
        while (list.Count > 0 && list[0].Trim().Length == 0)
        {
            list.RemoveAt(0);
        }
        while (list.Count > 0 && list[^1].Trim().Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }
        return list;
    }

    private static List<(int Start, string Text)> Lines(string text)
    {
        var lines = new List<(int, string)>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text[start..] : text[start..end];
            lines.Add((start, line.TrimEnd('\r')));
            if (end < 0)
            {
                break;
            }
            start = end + 1;
        }
        return lines;
    }

    private static string Closest(string file, List<(int Start, string Text)> lines, List<string> search)
    {
        var best = -1;
        var bestEqual = -1;
        for (var i = 0; i + search.Count <= lines.Count; i++)
        {
            var equal = search.Where((s, k) => Same(lines[i + k].Text, s, true)).Count();
            if (equal > bestEqual)
            {
                (best, bestEqual) = (i, equal);
            }
        }
        if (best < 0 || bestEqual == 0)
        {
            return $"the SEARCH part for {file} does not match the file anywhere (its first line `{Clip((search.FirstOrDefault() ?? "").Trim())}` is not in the file)";
        }
        var k = Enumerable.Range(0, search.Count).First(k => !Same(lines[best + k].Text, search[k], true));
        return $"the SEARCH part for {file} does not match the file: the closest place, lines {best + 1}-{best + search.Count}, has {bestEqual} of {search.Count} lines equal; "
            + $"line {best + k + 1} of the file is `{Clip(lines[best + k].Text.Trim())}` where the SEARCH part has `{Clip(search[k].Trim())}`";
    }

    private static string Clip(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
