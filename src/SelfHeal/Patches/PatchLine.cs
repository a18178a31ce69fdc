namespace SelfHeal.Patches;

/// <summary>One line of a hunk, without its <c>+</c>/<c>-</c>/space prefix.</summary>
/// <param name="OldLineNumber">1-based line number on the old side; <see langword="null"/> for added lines.</param>
/// <param name="NewLineNumber">1-based line number on the new side; <see langword="null"/> for removed lines.</param>
/// <param name="NoNewlineAtEnd">The diff marked this line with <c>\ No newline at end of file</c>.</param>
public sealed record PatchLine(PatchLineKind Kind, string Text, int? OldLineNumber, int? NewLineNumber, bool NoNewlineAtEnd = false);
