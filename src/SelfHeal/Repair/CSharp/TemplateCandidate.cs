using Microsoft.CodeAnalysis.Text;

namespace SelfHeal.Repair.CSharp;

/// <summary>What a template proposes for one site, before any check.</summary>
/// <param name="Template">A name from <see cref="TemplatePriors"/>.</param>
internal sealed record TemplateCandidate(string Template, IReadOnlyList<SourceEdit> Edits, string Description)
{
    /// <summary>Scales the template's prior for this candidate (1 by default; below 1 when the site makes it less likely).</summary>
    public double Weight { get; init; } = 1.0;

    public static TemplateCandidate Replace(string template, TextSpan span, string replacement, string description) =>
        new(template, [new SourceEdit(span.Start, span.Length, replacement)], description);

    public static TemplateCandidate Insert(string template, int position, string text, string description) =>
        new(template, [new SourceEdit(position, 0, text)], description);
}
