using System.Globalization;
using System.Text.RegularExpressions;
using SelfHeal.Processes;

namespace SelfHeal.Testing.Running;

/// <summary>The sentences a <see cref="TestRunResult.Problem"/> is made of, so every runner words them alike.</summary>
internal static partial class RunProblems
{
    /// <summary>
    /// Why <paramref name="result"/> could not have produced results: a timeout, a program that would not start
    /// (<paramref name="tool"/> is not installed: <paramref name="installHint"/>) or a shell reporting an unknown command.
    /// </summary>
    public static string? OfCommand(CommandSpec spec, CommandResult result, string tool, string installHint)
    {
        if (result.TimedOut)
        {
            return $"the tests did not finish within {Describe(spec.Timeout)} and were stopped";
        }
        if (result.StartError is not null)
        {
            return $"'{tool}' is not installed: {installHint}";
        }
        var isShell = spec.FileName == "/bin/sh";
        if (isShell && result.ExitCode == 127)
        {
            var match = NotFound().Match(result.Output);
            var name = match.Success ? match.Groups["name"].Value : ShellCommand.Words(spec.Arguments[^1]).FirstOrDefault() ?? "";
            return $"the test command '{name}' was not found";
        }
        if (isShell && result.ExitCode == 126)
        {
            return $"the test command '{spec.Display}' could not be executed (permission denied)";
        }
        return null;
    }

    public static string NoTests(string command) => $"no tests were found by '{command}'";

    public static string NoResults(CommandResult result, string command) =>
        $"'{command}' exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)} without reporting any test result: {Tail(result.Output, 5)}";

    public static string BuildFailed(IEnumerable<string> errors) => "the build failed: " + string.Join("; ", errors.Take(3));

    /// <summary>The last <paramref name="lines"/> non-empty lines of <paramref name="output"/>.</summary>
    public static string Tail(string output, int lines = 20)
    {
        var all = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        var tail = string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        return tail.Length > 4000 ? tail[^4000..] : tail;
    }

    public static string Describe(TimeSpan timeout) =>
        timeout.TotalMinutes >= 1 && timeout.Seconds == 0
            ? $"{timeout.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minute{(timeout.TotalMinutes >= 2 ? "s" : "")}"
            : $"{timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    [GeneratedRegex(@"(?<name>[^\s:]+): (?:command )?not found", RegexOptions.CultureInvariant)]
    private static partial Regex NotFound();
}
