namespace SelfHeal.Testing.Running;

/// <summary>Reads a user-given command line just enough to recognise its tool; never runs or expands it.</summary>
internal static class ShellCommand
{
    /// <summary>
    /// Whether <paramref name="command"/> is one plain command (no pipes, lists, redirections or substitutions),
    /// so arguments appended to it reach the tool itself.
    /// </summary>
    public static bool IsSimple(string command) =>
        !string.IsNullOrWhiteSpace(command) && command.IndexOfAny([';', '&', '|', '<', '>', '`', '\n', '#']) < 0
        && !command.Contains("$(", StringComparison.Ordinal);

    /// <summary>The command's words split on whitespace (quotes are not interpreted; recognition only needs the first words).</summary>
    public static IReadOnlyList<string> Words(string command) =>
        command.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Quotes <paramref name="value"/> for <c>/bin/sh</c>.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+%".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary><paramref name="command"/> with <paramref name="arguments"/> appended, each quoted for the shell.</summary>
    public static string Append(string command, IEnumerable<string> arguments) =>
        command.TrimEnd() + string.Concat(arguments.Select(a => " " + Quote(a)));
}
