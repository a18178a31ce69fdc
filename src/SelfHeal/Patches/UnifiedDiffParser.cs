using System.Globalization;
using System.Text.RegularExpressions;

namespace SelfHeal.Patches;

/// <summary>A single-use reader of one unified diff. Not thread-safe.</summary>
internal sealed partial class UnifiedDiffParser
{
    private const string DevNull = "/dev/null";

    private readonly string[] _lines;
    private readonly List<FilePatch> _files = [];
    private FilePatchBuilder? _current;
    private int _index;

    public UnifiedDiffParser(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }
        _lines = [.. lines.Select(l => l.EndsWith('\r') ? l[..^1] : l)];
    }

    public PatchParseResult Parse()
    {
        while (_index < _lines.Length)
        {
            var line = _lines[_index];
            var error = line switch
            {
                _ when line.StartsWith("diff --git ", StringComparison.Ordinal) => StartGitFile(line),
                _ when IsFileLinePair() => ReadFileLines(),
                _ when line.StartsWith("@@", StringComparison.Ordinal) => ReadHunk(),
                _ => ReadOther(line),
            };
            if (error is not null)
            {
                return error;
            }
        }
        Finish();
        return _files.Count == 0
            ? PatchParseResult.Failure("the text holds no file header ('diff --git' or a '---'/'+++' pair); is it a unified diff?")
            : PatchParseResult.Success(new PatchDocument(_files));
    }

    private int LineNumber => _index + 1;

    private bool IsFileLinePair() =>
        _lines[_index].StartsWith("--- ", StringComparison.Ordinal)
        && _index + 1 < _lines.Length
        && _lines[_index + 1].StartsWith("+++ ", StringComparison.Ordinal);

    private PatchParseResult? StartGitFile(string line)
    {
        Finish();
        var names = SplitGitHeader(line["diff --git ".Length..]);
        if (names is null)
        {
            return PatchParseResult.Failure($"cannot read the two paths of '{line}'", LineNumber);
        }
        _current = new FilePatchBuilder { FromGitHeader = true, OldPath = names.Value.Old, NewPath = names.Value.New };
        _index++;
        return null;
    }

    private PatchParseResult? ReadFileLines()
    {
        if (_current is null || _current.SawFileLines || _current.Hunks.Count > 0 || !_current.FromGitHeader)
        {
            Finish();
            _current = new FilePatchBuilder();
        }
        var oldToken = GitPathQuoting.ReadToken(_lines[_index][4..]);
        var newToken = GitPathQuoting.ReadToken(_lines[_index + 1][4..]);
        if (oldToken is null || newToken is null)
        {
            return PatchParseResult.Failure("malformed quoted path", oldToken is null ? LineNumber : LineNumber + 1);
        }
        var oldPath = oldToken.Value.Path;
        var newPath = newToken.Value.Path;
        _current.SawFileLines = true;
        if (oldPath == DevNull)
        {
            _current.IsNew = true;
        }
        else
        {
            _current.OldPath = StripPrefix(oldPath, "a/");
        }
        if (newPath == DevNull)
        {
            _current.IsDeleted = true;
        }
        else
        {
            _current.NewPath = StripPrefix(newPath, "b/");
        }
        _index += 2;
        return null;
    }

    private PatchParseResult? ReadOther(string line)
    {
        var lineNumber = LineNumber;
        _index++;
        if (_current is null)
        {
            return null; // Text before the first file: a commit message or an e-mail header.
        }
        if (_current.Hunks.Count > 0)
        {
            // Only a format-patch signature ("-- ") or free text may follow a complete hunk; a diff line means
            // the hunk is longer than its header says, and silently dropping it would hide part of the change.
            return line.Length > 0 && line[0] is '+' or '-' or ' ' && line != "-- "
                ? PatchParseResult.Failure($"'{Shorten(line)}' follows a complete hunk: the hunk has more lines than its @@ header says", lineNumber)
                : null;
        }
        return ReadExtendedHeader(line, lineNumber);
    }

    private PatchParseResult? ReadHunk()
    {
        var headerLine = LineNumber;
        var header = _lines[_index];
        if (_current is null)
        {
            return PatchParseResult.Failure("hunk header before any file header", headerLine);
        }
        var match = HunkHeader().Match(header);
        if (!match.Success)
        {
            return PatchParseResult.Failure($"malformed hunk header '{Shorten(header)}' (expected '@@ -start,count +start,count @@')", headerLine);
        }
        var oldStart = Number(match.Groups[1], 0);
        var oldRemaining = Number(match.Groups[2], 1);
        var newStart = Number(match.Groups[3], 0);
        var newRemaining = Number(match.Groups[4], 1);
        var hunkLines = new List<PatchLine>();
        var (oldCount, newCount) = (oldRemaining, newRemaining);
        var (oldLine, newLine) = (oldStart, newStart);
        _index++;
        while (oldRemaining > 0 || newRemaining > 0)
        {
            if (_index >= _lines.Length)
            {
                return PatchParseResult.Failure(
                    $"the hunk '{Shorten(header)}' ends early: {oldRemaining} old and {newRemaining} new line(s) missing", headerLine);
            }
            var line = _lines[_index];
            var kind = line.Length == 0 ? PatchLineKind.Context : line[0] switch
            {
                ' ' => PatchLineKind.Context,
                '+' => PatchLineKind.Added,
                '-' => PatchLineKind.Removed,
                '\\' => (PatchLineKind?)null,
                _ => (PatchLineKind)(-1),
            };
            if (kind is null)
            {
                MarkNoNewline(hunkLines);
                _index++;
                continue;
            }
            var takesOld = kind != PatchLineKind.Added;
            var takesNew = kind != PatchLineKind.Removed;
            if (!Enum.IsDefined(kind.Value) || (takesOld && oldRemaining == 0) || (takesNew && newRemaining == 0))
            {
                return PatchParseResult.Failure(
                    $"'{Shorten(line)}' does not fit the hunk '{Shorten(header)}' started at line {headerLine}: " +
                    $"{oldRemaining} old and {newRemaining} new line(s) were still expected", LineNumber);
            }
            var text = line.Length == 0 ? "" : line[1..];
            hunkLines.Add(new PatchLine(kind.Value, text, takesOld ? oldLine++ : null, takesNew ? newLine++ : null));
            oldRemaining -= takesOld ? 1 : 0;
            newRemaining -= takesNew ? 1 : 0;
            _index++;
        }
        while (_index < _lines.Length && _lines[_index].StartsWith('\\'))
        {
            MarkNoNewline(hunkLines);
            _index++;
        }
        _current.Hunks.Add(new PatchHunk(oldStart, oldCount, newStart, newCount, match.Groups[5].Value.Trim(), hunkLines));
        return null;
    }

    private static void MarkNoNewline(List<PatchLine> hunkLines)
    {
        if (hunkLines.Count > 0)
        {
            hunkLines[^1] = hunkLines[^1] with { NoNewlineAtEnd = true };
        }
    }

    private void Finish()
    {
        if (_current is not null)
        {
            _files.Add(_current.Build());
            _current = null;
        }
    }

    private static int Number(Group group, int fallback) =>
        group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";

    [GeneratedRegex(@"^@@ -(\d{1,9})(?:,(\d{1,9}))? \+(\d{1,9})(?:,(\d{1,9}))? @@(.*)$")]
    private static partial Regex HunkHeader();
}
