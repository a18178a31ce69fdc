namespace SelfHeal.Repair;

/// <summary>A replacement of a span of one file's text.</summary>
/// <param name="File">Repo-relative path, forward slashes.</param>
/// <param name="Start">0-based character offset in the file's current text.</param>
/// <param name="Length">Characters replaced (0 for a pure insertion).</param>
/// <param name="Replacement">The new text.</param>
public sealed record TextEdit(string File, int Start, int Length, string Replacement);
