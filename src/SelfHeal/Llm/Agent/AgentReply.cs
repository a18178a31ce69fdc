using System.Text.RegularExpressions;

namespace SelfHeal.Llm.Agent;

/// <summary>
/// A model's turn in the agent protocol (mini-swe-agent's): a thought and exactly one fenced <c>bash</c> block, whose
/// first line <c>echo SELFHEAL_SUBMIT</c> submits the work. Anything else is a format error that goes back to the model.
/// </summary>
/// <param name="Thought">The text outside the command block.</param>
/// <param name="Command">The one command, or <see langword="null"/> for a format error.</param>
/// <param name="Problem">What was wrong with the format, or <see langword="null"/>.</param>
internal sealed partial record AgentReply(string Thought, string? Command, string? Problem)
{
    /// <summary>The first line of a command that submits the work instead of running.</summary>
    public const string SubmitMarker = "echo SELFHEAL_SUBMIT";

    /// <summary>
    /// Whether the command submits the work: its first line is <see cref="SubmitMarker"/>, alone or chained
    /// (<c>echo SELFHEAL_SUBMIT &amp;&amp; git diff</c>, as mini-swe-agent's models write it). Nothing of it is run.
    /// </summary>
    public bool IsSubmit => Command?.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() is { } first
        && first.StartsWith(SubmitMarker, StringComparison.Ordinal)
        && (first.Length == SubmitMarker.Length || first[SubmitMarker.Length] is ' ' or '\t' or '&' or ';' or '|');

    public static AgentReply Parse(string? answer)
    {
        var text = (answer ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = CommandBlock().Matches(text);
        var thought = CommandBlock().Replace(text, " ").Trim();
        if (blocks.Count == 1)
        {
            var command = blocks[0].Groups["command"].Value.Trim('\n');
            return command.Trim().Length == 0
                ? new AgentReply(thought, null, "the ```bash block is empty")
                : new AgentReply(thought, command, null);
        }
        var problem = blocks.Count == 0
            ? "it holds no ```bash block"
            : $"it holds {blocks.Count} ```bash blocks; only one command is run per answer";
        return new AgentReply(text.Trim(), null, problem);
    }

    [GeneratedRegex(@"```(?:bash|sh)[ \t]*\n(?<command>.*?)\n?```", RegexOptions.Singleline, 1000)]
    private static partial Regex CommandBlock();
}
