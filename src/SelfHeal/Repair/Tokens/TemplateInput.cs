namespace SelfHeal.Repair.Tokens;

/// <summary>What a template looks at: the file, the suspect's lines and the exception types of the run's traces.</summary>
internal sealed record TemplateInput(SourceFile File, int FirstLine, int LastLine, IReadOnlyList<string> ExceptionTypes)
{
    /// <summary>Indexes in <see cref="SourceFile.Code"/> of the tokens on the suspect's lines.</summary>
    public IEnumerable<int> SuspectTokens => File.CodeOnLines(FirstLine, LastLine);

    public TemplateEdit Replace(string template, Token token, string replacement, string description) =>
        new(template, [new TextEdit(File.Path, token.Start, token.Length, replacement)], description);

    public TemplateEdit Insert(string template, int offset, string text, string description) =>
        new(template, [new TextEdit(File.Path, offset, 0, text)], description);

    public TemplateEdit Span(string template, int start, int end, string replacement, string description) =>
        new(template, [new TextEdit(File.Path, start, end - start, replacement)], description);
}
