using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// A stable id for a bug across its occurrences: the root cause's exception type and its top three project
/// frames (repo path, or file name, and normalized function; line numbers, columns, messages, machines and
/// checkout paths left out). Map the trace with <see cref="FrameMapper"/> first so project frames are known;
/// without any, the root cause's top frames are used.
/// </summary>
public static partial class Fingerprint
{
    private const int FramesUsed = 3;

    /// <summary>The first 16 hex digits of the SHA-256 of <see cref="Describe"/>.</summary>
    public static string Compute(ExceptionTrace trace)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Describe(trace)));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>The human-readable key that is hashed: <c>language|type|file:function|...</c>.</summary>
    public static string Describe(ExceptionTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var root = trace.Root;
        var frames = KeyFrames(trace, root).Select(f => FrameKey(f, root.Language));
        return string.Join('|', [root.Language, TypeKey(root), .. Distinct(frames).Take(FramesUsed)]);
    }

    /// <summary>The root's project frames; else those of the nearest enclosing exception that has some; else all the root's frames.</summary>
    private static IEnumerable<StackFrame> KeyFrames(ExceptionTrace trace, ExceptionTrace root)
    {
        var outward = trace.Chain.Reverse();
        var withProjectFrames = outward.FirstOrDefault(e => e.Frames.Any(f => f.IsProjectFrame));
        return withProjectFrames is not null
            ? withProjectFrames.Frames.Where(f => f.IsProjectFrame)
            : root.Frames.Count > 0 ? root.Frames : outward.FirstOrDefault(e => e.Frames.Count > 0)?.Frames ?? [];
    }

    private static string FrameKey(StackFrame frame, string language)
    {
        var location = frame.RepoPath ?? (frame.File is { Length: > 0 } file ? FramePaths.FileName(file) : "");
        return $"{location}:{FunctionNames.Normalize(frame.Function, language)}";
    }

    /// <summary>
    /// The type as printed (<c>builtins.</c> dropped). Go panics add the runtime error's kind with its numbers
    /// taken out (<c>panic: runtime error: index out of range [N] with length N</c>), since every Go panic has the same type.
    /// </summary>
    private static string TypeKey(ExceptionTrace root)
    {
        var type = root.ExceptionType.StartsWith("builtins.", StringComparison.Ordinal) ? root.ExceptionType["builtins.".Length..] : root.ExceptionType;
        if (root.Language == "go" && (type == "fatal error" || root.Message.StartsWith("runtime error: ", StringComparison.Ordinal)))
        {
            var firstLine = root.Message.Split('\n')[0];
            return $"{type}: {RegexGuard.Replace(NumberRegex, firstLine, "N")}";
        }
        return type;
    }

    /// <summary>Consecutive duplicates (recursion, a frame printed twice) count once.</summary>
    private static IEnumerable<string> Distinct(IEnumerable<string> keys)
    {
        string? previous = null;
        foreach (var key in keys)
        {
            if (key != previous)
            {
                yield return key;
            }
            previous = key;
        }
    }

    [GeneratedRegex(@"0x[0-9a-fA-F]+|\d+", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NumberRegex { get; }
}
