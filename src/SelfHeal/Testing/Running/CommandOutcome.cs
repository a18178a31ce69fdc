using SelfHeal.Processes;

namespace SelfHeal.Testing.Running;

/// <summary>The single outcome a command without result files stands for: it passed or failed as a whole.</summary>
internal static class CommandOutcome
{
    public const string Id = "command";

    public static TestOutcome From(CommandResult result, string command) =>
        new(Id, command, result.ExitCode == 0 ? TestStatus.Passed : TestStatus.Failed, result.Duration)
        {
            Message = result.ExitCode == 0 ? null : RunProblems.Tail(result.Output),
        };
}
