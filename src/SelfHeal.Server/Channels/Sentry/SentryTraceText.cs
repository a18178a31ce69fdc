using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SelfHeal.Server.Channels.Sentry;

/// <summary>
/// Writes a Sentry exception (type, value, frames oldest call first) as the trace its platform prints, so the
/// stack-trace parsers read it and its fingerprint matches the same crash reported through any other channel.
/// </summary>
internal static class SentryTraceText
{
    private const int MaxFrames = 200;

    public static string? Write(JsonElement? exception, string? platform)
    {
        var type = exception.Str("type");
        var frames = exception.Get("stacktrace").Array("frames").Take(MaxFrames).Select(f => (JsonElement?)f).ToList();
        if (type is null || frames.Count == 0)
        {
            return null;
        }
        var value = exception.Str("value") ?? "";
        var module = exception.Str("module");
        var text = new StringBuilder();
        switch (platform)
        {
            case "python":
                text.AppendLine("Traceback (most recent call last):");
                foreach (var frame in frames)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  File \"{Path(frame)}\", line {frame.Int("lineno") ?? 0}, in {frame.Str("function") ?? "<module>"}");
                    if (frame.Str("context_line") is { } line)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"    {line.Trim()}");
                    }
                }
                text.Append(CultureInfo.InvariantCulture, $"{type}: {value}");
                break;
            case "java":
                text.AppendLine(CultureInfo.InvariantCulture, $"{(module is null ? type : $"{module}.{type}")}: {value}");
                foreach (var frame in Enumerable.Reverse(frames))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"\tat {frame.Str("module")}.{frame.Str("function")}({frame.Str("filename") ?? "Unknown Source"}:{frame.Int("lineno") ?? 0})");
                }
                break;
            case "csharp":
                text.AppendLine(CultureInfo.InvariantCulture, $"{(module is null || type.Contains('.', StringComparison.Ordinal) ? type : $"{module}.{type}")}: {value}");
                foreach (var frame in Enumerable.Reverse(frames))
                {
                    var function = frame.Str("module") is { } m ? $"{m}.{frame.Str("function")}" : frame.Str("function");
                    text.AppendLine(CultureInfo.InvariantCulture, $"   at {function}() in {Path(frame)}:line {frame.Int("lineno") ?? 0}");
                }
                break;
            default:
                // JavaScript/Node and anything else: V8's format, which the Node parser reads.
                text.AppendLine(CultureInfo.InvariantCulture, $"{type}: {value}");
                foreach (var frame in Enumerable.Reverse(frames))
                {
                    var location = $"{Path(frame)}:{frame.Int("lineno") ?? 0}:{frame.Int("colno") ?? 0}";
                    text.AppendLine(frame.Str("function") is { Length: > 0 } function ? $"    at {function} ({location})" : $"    at {location}");
                }
                break;
        }
        return text.ToString().TrimEnd();
    }

    private static string Path(JsonElement? frame) => frame.Str("abs_path") ?? frame.Str("filename") ?? "<unknown>";
}
