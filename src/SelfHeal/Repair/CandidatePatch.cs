using SelfHeal.Localization;

namespace SelfHeal.Repair;

/// <summary>
/// A proposed fix: edits to the worktree's files, with where it came from. Candidates are values; an
/// engine yields them best first and the validation loop decides which, if any, is plausible.
/// </summary>
/// <param name="Engine">The engine that proposed it: <c>csharp-templates</c>, <c>token-templates</c>, ...</param>
/// <param name="Template">The fix template or strategy: <c>relational-operator</c>, <c>null-guard-return</c>, ...</param>
/// <param name="Suspect">The suspect it repairs.</param>
/// <param name="Edits">Non-overlapping edits; offsets refer to the files as they are before any edit.</param>
/// <param name="Description">What the change does, in words: "replace '&gt;' with '&gt;=' in DiscountPolicy.RateFor".</param>
/// <param name="Score">Ordering key: suspect score × template prior (higher first).</param>
public sealed record CandidatePatch(string Engine, string Template, Suspect Suspect, IReadOnlyList<TextEdit> Edits, string Description, double Score);
