namespace SelfHeal.Processes;

/// <summary>A command to run: a program and its arguments, never a shell string unless the program is a shell.</summary>
/// <param name="FileName">The program to start, looked up on PATH when not rooted.</param>
/// <param name="Arguments">Arguments passed as-is (no shell quoting involved).</param>
/// <param name="WorkingDirectory">Directory the command runs in.</param>
public sealed record CommandSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>Extra environment variables; a <see langword="null"/> value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Wall-clock limit after which the whole process tree is killed. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Characters of combined output kept; the rest is dropped and <see cref="CommandResult.OutputTruncated"/> set. Default 4 MiB.</summary>
    public int MaxOutputChars { get; init; } = 4 * 1024 * 1024;

    /// <summary>Runs <paramref name="commandLine"/> through <c>/bin/sh -c</c>, for user-given commands such as <c>--test "CMD"</c>.</summary>
    public static CommandSpec Shell(string commandLine, string workingDirectory) =>
        new("/bin/sh", ["-c", commandLine], workingDirectory);

    /// <summary>The command as a person would type it, for logs and reports.</summary>
    public string Display => FileName == "/bin/sh" && Arguments.Count == 2 && Arguments[0] == "-c"
        ? Arguments[1]
        : string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
