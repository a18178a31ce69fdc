namespace SelfHeal.Repair.CSharp;

/// <summary>One edit of the suspect's file: <paramref name="Length"/> characters at <paramref name="Start"/> become <paramref name="Replacement"/>.</summary>
internal sealed record SourceEdit(int Start, int Length, string Replacement);
