using System.Text;

namespace SelfHeal.Validation;

/// <summary>
/// A minimal unified diff of one file (the changed region with three lines of context), in the format
/// <c>git apply</c> accepts. Repair candidates change a few adjacent lines, so one hunk over the span
/// between the first and last differing line is exact and small.
/// </summary>
internal static class UnifiedDiff
{
    public static string Create(string path, string before, string after, int context = 3)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }
        if (prefix == a.Count && prefix == b.Count)
        {
            return "";
        }
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }
        var start = Math.Max(0, prefix - context);
        var aEnd = Math.Min(a.Count, a.Count - suffix + context);
        var bEnd = Math.Min(b.Count, b.Count - suffix + context);
        var builder = new StringBuilder();
        builder.Append($"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n");
        builder.Append($"@@ -{Range(start, aEnd - start)} +{Range(start, bEnd - start)} @@\n");
        for (var i = start; i < prefix; i++)
        {
            builder.Append(' ').Append(a[i].Text).Append('\n');
        }
        for (var i = prefix; i < a.Count - suffix; i++)
        {
            AppendLine(builder, '-', a[i]);
        }
        for (var i = prefix; i < b.Count - suffix; i++)
        {
            AppendLine(builder, '+', b[i]);
        }
        for (var i = a.Count - suffix; i < aEnd; i++)
        {
            AppendLine(builder, ' ', a[i]);
        }
        return builder.ToString();
    }

    private static void AppendLine(StringBuilder builder, char marker, Line line)
    {
        builder.Append(marker).Append(line.Text).Append('\n');
        if (!line.HasNewline)
        {
            builder.Append("\\ No newline at end of file\n");
        }
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : $"{start + 1},{count}";

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var position = 0;
        while (position < text.Length)
        {
            var newline = text.IndexOf('\n', position);
            if (newline < 0)
            {
                lines.Add(new Line(text[position..], false));
                break;
            }
            lines.Add(new Line(text[position..newline], true));
            position = newline + 1;
        }
        return lines;
    }

    private readonly record struct Line(string Text, bool HasNewline);
}
