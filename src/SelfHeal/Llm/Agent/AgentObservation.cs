using System.Globalization;
using SelfHeal.Llm.Safety;
using SelfHeal.Processes;

namespace SelfHeal.Llm.Agent;

/// <summary>
/// What a command left behind, as the model is shown it: the exit code, a note on any limit hit, and the output sanitized
/// (layout kept) and delimited as untrusted data; output longer than the limit keeps its head and tail.
/// </summary>
/// <param name="Output">The sanitized, possibly shortened output (without delimiters), as recorded in the run.</param>
/// <param name="Note">Limits hit and shortening, or <see langword="null"/>.</param>
internal sealed record AgentObservation(int ExitCode, string Output, string? Note)
{
    public static AgentObservation Create(CommandResult result, TimeSpan timeout, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(result);
        var notes = new List<string>();
        if (result.TimedOut)
        {
            notes.Add($"killed after {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s, the time limit of a command");
        }
        if (result.Containment is { } containment && !result.TimedOut)
        {
            notes.Add($"stopped by the sandbox's {containment} limit");
        }
        if (result.OutputTruncated)
        {
            notes.Add("the output was cut at 1 MiB");
        }
        var output = UntrustedText.SanitizeVerbatim(result.StartError ?? result.Output);
        if (output.Length > maxChars)
        {
            var half = maxChars / 2;
            notes.Add($"{output.Length - (2 * half)} characters of output elided; showing the first and last {half}. Narrow the command (grep, head, sed -n) to see the rest");
            output = output[..half] + $"\n[… {output.Length - (2 * half)} characters elided …]\n" + output[^half..];
        }
        return new AgentObservation(result.ExitCode, output, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    /// <summary>The next user message.</summary>
    public string Render() => PromptLibrary.Get("agent.observation").Render(new Dictionary<string, string>
    {
        ["exit_code"] = ExitCode.ToString(CultureInfo.InvariantCulture),
        ["note"] = Note is null ? "" : $" ({Note})",
        ["output"] = Spotlight.Delimit("command-output", Output.Length == 0 ? "(no output)" : Output),
    });
}
