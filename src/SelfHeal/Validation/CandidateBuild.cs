namespace SelfHeal.Validation;

/// <summary>A candidate built in place by an <see cref="ICandidateBuilder"/>.</summary>
/// <param name="AssemblyName">The assembly that was rebuilt.</param>
/// <param name="Outputs">The full paths of the files it overwrote.</param>
public sealed record CandidateBuild(string AssemblyName, IReadOnlyList<string> Outputs);
