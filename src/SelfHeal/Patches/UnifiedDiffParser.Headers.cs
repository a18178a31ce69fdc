namespace SelfHeal.Patches;

/// <summary>The file-level headers of a diff: git's extended header lines and the paths of <c>diff --git</c>.</summary>
internal sealed partial class UnifiedDiffParser
{
    private PatchParseResult? ReadExtendedHeader(string line, int lineNumber)
    {
        var file = _current!;
        if (TryValue(line, "old mode ", out var value))
        {
            file.OldMode = value;
        }
        else if (TryValue(line, "new mode ", out value))
        {
            file.NewMode = value;
        }
        else if (TryValue(line, "new file mode ", out value))
        {
            file.IsNew = true;
            file.NewMode = value;
        }
        else if (TryValue(line, "deleted file mode ", out value))
        {
            file.IsDeleted = true;
            file.OldMode = value;
        }
        else if (TryValue(line, "rename from ", out value) || TryValue(line, "copy from ", out value))
        {
            file.IsRename |= line.StartsWith('r');
            file.IsCopy |= line.StartsWith('c');
            var token = GitPathQuoting.ReadToken(value);
            if (token is null)
            {
                return PatchParseResult.Failure("malformed quoted path", lineNumber);
            }
            file.OldPath = token.Value.Path;
        }
        else if (TryValue(line, "rename to ", out value) || TryValue(line, "copy to ", out value))
        {
            var token = GitPathQuoting.ReadToken(value);
            if (token is null)
            {
                return PatchParseResult.Failure("malformed quoted path", lineNumber);
            }
            file.NewPath = token.Value.Path;
        }
        else if (line.StartsWith("Binary files ", StringComparison.Ordinal))
        {
            file.IsBinary = true;
        }
        else if (line == "GIT binary patch")
        {
            file.IsBinary = true;
            while (_index < _lines.Length && !_lines[_index].StartsWith("diff --git ", StringComparison.Ordinal))
            {
                _index++;
            }
        }
        else if (TryValue(line, "index ", out value))
        {
            var mode = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
            if (mode is not null)
            {
                file.OldMode ??= mode;
                file.NewMode ??= mode;
            }
        }
        return null;
    }

    /// <summary>Splits <c>a/x b/y</c>, quoted or not. Unquoted names may hold spaces: prefer the split where both sides agree.</summary>
    private static (string Old, string New)? SplitGitHeader(string rest)
    {
        if (rest.StartsWith('"'))
        {
            var first = GitPathQuoting.ReadToken(rest);
            if (first is null || first.Value.Consumed >= rest.Length || rest[first.Value.Consumed] != ' ')
            {
                return null;
            }
            var second = GitPathQuoting.ReadToken(rest[(first.Value.Consumed + 1)..]);
            return second is null ? null : (StripPrefix(first.Value.Path, "a/"), StripPrefix(second.Value.Path, "b/"));
        }
        var quoted = rest.IndexOf(" \"", StringComparison.Ordinal);
        if (quoted > 0)
        {
            var second = GitPathQuoting.ReadToken(rest[(quoted + 1)..]);
            return second is null ? null : (StripPrefix(rest[..quoted], "a/"), StripPrefix(second.Value.Path, "b/"));
        }
        var candidates = new List<int>();
        for (var at = rest.IndexOf(" b/", StringComparison.Ordinal); at >= 0; at = rest.IndexOf(" b/", at + 1, StringComparison.Ordinal))
        {
            candidates.Add(at);
        }
        if (candidates.Count == 0)
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? null : (rest[..space], rest[(space + 1)..]);
        }
        var split = candidates.FirstOrDefault(at => StripPrefix(rest[..at], "a/") == rest[(at + 3)..], candidates[^1]);
        return (StripPrefix(rest[..split], "a/"), StripPrefix(rest[(split + 1)..], "b/"));
    }

    private static string StripPrefix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    private static bool TryValue(string line, string key, out string value)
    {
        var matched = line.StartsWith(key, StringComparison.Ordinal);
        value = matched ? line[key.Length..].Trim() : "";
        return matched;
    }
}
