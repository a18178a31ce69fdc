using System.Globalization;
using System.Text.RegularExpressions;
using SelfHeal.Policy;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Security;

namespace SelfHeal.Validation;

/// <summary>
/// Runs a repository's validation command (performance, end-to-end) at the worktree's root, in the sandbox like its
/// tests, and reads a performance figure from its output. Thread-safe.
/// </summary>
public sealed class CommandProbe(SandboxedCommandRunner commands)
{
    private const int KeptOutputChars = 256 * 1024;

    /// <summary>Runs <paramref name="command"/> in <paramref name="workspacePath"/>; a failing command is a value.</summary>
    public Task<CommandResult> RunAsync(string command, string workspacePath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var spec = CommandSpec.Shell(command, workspacePath) with
        {
            Timeout = timeout,
            MaxOutputChars = KeptOutputChars,
            Environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CI"] = "true", ["NO_COLOR"] = "1", ["TERM"] = "dumb" },
        };
        return commands.RunAsync(spec, workspacePath, cancellationToken: cancellationToken);
    }

    /// <summary>Runs the check's command and reads its figure.</summary>
    public async Task<PerformanceMeasurement> MeasureAsync(PerformanceCheck check, string workspacePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var result = await RunAsync(check.Command, workspacePath, check.Timeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var why = result.TimedOut ? $"timed out after {check.Timeout.TotalSeconds:0} s"
                : result.StartError ?? $"exited with code {result.ExitCode}: {Tail(result.Output, 1).FirstOrDefault() ?? "no output"}";
            return new PerformanceMeasurement(null, check.Command, result.Duration, $"the performance command {why}");
        }
        var figure = ReadFigure(check.Metric, result.Output);
        return figure is null
            ? new PerformanceMeasurement(null, check.Command, result.Duration, $"the performance command's output has no match for the metric /{check.Metric}/")
            : new PerformanceMeasurement(figure, check.Command, result.Duration, null);
    }

    /// <summary>The last match's captured figure (group <c>value</c>, else group 1), or <see langword="null"/>.</summary>
    public static double? ReadFigure(string metric, string output)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(output);
        var regex = new Regex(metric, RegexOptions.CultureInvariant | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        try
        {
            var last = regex.Matches(output).LastOrDefault();
            if (last is null)
            {
                return null;
            }
            var group = last.Groups["value"].Success ? last.Groups["value"] : last.Groups.Count > 1 ? last.Groups[1] : last.Groups[0];
            return double.TryParse(group.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var figure) && double.IsFinite(figure) ? figure : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The last <paramref name="lines"/> non-blank lines of <paramref name="output"/>, with secrets redacted.</summary>
    public static IReadOnlyList<string> Tail(string output, int lines) =>
        [.. SecretRedactor.Instance.Redact(output ?? "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).TakeLast(lines)];
}
