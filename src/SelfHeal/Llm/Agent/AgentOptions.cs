using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Llm.Agent;

/// <summary>
/// Limits of the agent engine's loop. The models, the cost budget and the number of submissions (<see cref="LlmOptions.Attempts"/>)
/// come from <see cref="LlmOptions"/>; each limit ends a trajectory cleanly, with the reason recorded in the run.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>Most model turns per trajectory (a format error counts as one). Default 30.</summary>
    [Range(1, 500)]
    public int MaxSteps { get; set; } = 30;

    /// <summary>Wall-clock limit of one trajectory, model calls and commands together. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wall-clock limit of one command in the sandbox; the command's whole process tree is killed after it. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most characters of a command's output shown to the model; longer output keeps its head and tail with a note. Default 10000.</summary>
    [Range(200, 1_000_000)]
    public int MaxObservationChars { get; set; } = 10_000;

    /// <summary>Sampling temperature of the agent's calls. Default 0.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; set; }
}
