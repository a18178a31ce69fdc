namespace SelfHeal.Validation;

/// <summary>One run of a performance command: the figure it printed, or why there is none.</summary>
/// <param name="Figure">The figure the metric expression captured, or <see langword="null"/> with <paramref name="Problem"/>.</param>
/// <param name="Command">The command as run.</param>
/// <param name="Problem">Why there is no figure: the command failed or timed out, or its output had no match.</param>
public sealed record PerformanceMeasurement(double? Figure, string Command, TimeSpan Duration, string? Problem);
