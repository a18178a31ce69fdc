using SelfHeal.Coverage;

namespace SelfHeal.Localization.Coverage;

/// <summary>A coverage slice with its verdict: failing when one of its tests is a reproduced failure.</summary>
internal sealed record SpectrumSlice(IReadOnlySet<SourceLine> Lines, bool Failing, IReadOnlyList<string> TestIds);
