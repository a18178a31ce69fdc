namespace SelfHeal.Localization;

/// <summary>What localization found: suspects, most suspicious first, and notes on what it could not use.</summary>
/// <param name="Suspects">At most <see cref="LocalizeOptions.MaxSuspects"/>, ranked.</param>
/// <param name="Notes">Why a signal had nothing to say ("the runner gave no coverage"), for the timeline and reports.</param>
public sealed record LocalizeResult(IReadOnlyList<Suspect> Suspects, IReadOnlyList<string> Notes);
