namespace SelfHeal.Repair.Tokens;

/// <summary>One edit a template proposes, before scoring and checking.</summary>
/// <param name="Template">The template's name; its prior comes from <see cref="TemplatePriors"/>.</param>
/// <param name="Edits">Non-overlapping edits to one file.</param>
/// <param name="Description">What the change does, in words.</param>
internal sealed record TemplateEdit(string Template, IReadOnlyList<TextEdit> Edits, string Description);
