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
        WriteTrajectories(writer, state);
    }

    /// <summary>The agent engine's trajectories, step by step: thought, command, exit code and the output the model saw.</summary>
    private static void WriteTrajectories(TextWriter writer, RunState state)
    {
        foreach (var trajectory in state.AgentSteps.GroupBy(s => (s.Engine, s.Trajectory)))
        {
            var first = trajectory.First();
            var stop = state.AgentStops.FirstOrDefault(s => s.Engine == first.Engine && s.Trajectory == first.Trajectory);
            writer.WriteLine();
            writer.WriteLine($"=== agent trajectory {first.Trajectory}: {SafeText.FirstLine(first.Model)} — "
                + (stop is null ? "did not finish" : $"{stop.Reason} after {stop.Steps} steps in {EventText.Seconds(stop.Duration)}: {SafeText.FirstLine(stop.Detail, 300)}"));
            foreach (var step in trajectory)
            {
                var status = step.Kind == "command" ? $"exit {step.ExitCode}, {EventText.Seconds(step.Duration)}" + (step.Note is null ? "" : $", {SafeText.FirstLine(step.Note, 200)}") : step.Kind;
                writer.WriteLine($"--- step {step.Step} ({status})");
                if (step.Thought.Length > 0)
                {
                    writer.WriteLine(SafeText.Clean(step.Thought, 20_000).TrimEnd());
                }
                if (step.Command is not null)
                {
                    writer.WriteLine("$ " + SafeText.Clean(step.Command, 20_000).TrimEnd().Replace("\n", "\n  ", StringComparison.Ordinal));
                }
                writer.WriteLine(SafeText.Clean(step.Output, 200_000).TrimEnd());
            }
        }
    }
}
