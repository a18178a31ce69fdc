using System.Globalization;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Rendering;

/// <summary><c>selfheal runs show ID --transcript</c>: every model call of a run, message by message.</summary>
internal static class TranscriptView
{
    public static void WriteText(TextWriter writer, RunState state)
    {
        if (state.ModelCalls.Count == 0)
        {
            writer.WriteLine();
            writer.WriteLine("No model calls in this run.");
            return;
        }
        foreach (var (call, index) in state.ModelCalls.Select((c, i) => (c, i + 1)))
        {
            writer.WriteLine();
            writer.WriteLine($"=== model call {index}: {call.Model} — {SafeText.FirstLine(call.Purpose)} — {call.InputTokens} in, {call.OutputTokens} out, ${call.Cost.ToString("0.0000", CultureInfo.InvariantCulture)}, {EventText.Seconds(call.Duration)}");
            foreach (var message in call.Request)
            {
                writer.WriteLine($"--- {SafeText.FirstLine(message.Role)}");
                writer.WriteLine(SafeText.Clean(message.Text, 200_000).TrimEnd());
            }
            writer.WriteLine(call.Error is null ? "--- assistant (answer)" : "--- failed");
            writer.WriteLine(SafeText.Clean(call.Error ?? call.Response ?? "", 200_000).TrimEnd());
        }
    }
}
