namespace SelfHeal.Code;

/// <summary>A source file of the repository: its text, lines and outline (computed on first use). Thread-safe.</summary>
internal sealed class SourceFile
{
    private readonly Lazy<CodeOutline> _outline;
    private readonly Lazy<string[]> _maskedLines;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        Language = CodeLanguages.FromPath(path);
        IsTest = TestFiles.IsTestFile(path);
        Lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        _outline = new Lazy<CodeOutline>(() => CodeOutline.Parse(path, text));
        _maskedLines = new Lazy<string[]>(() => SourceMasker.Mask(text, Language).Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }

    /// <summary>Repo-relative path with forward slashes.</summary>
    public string Path { get; }

    public string Text { get; }

    public CodeLanguage Language { get; }

    /// <summary>The file is test code (see <see cref="TestFiles"/>).</summary>
    public bool IsTest { get; }

    /// <summary>The raw lines; line <c>n</c> is <c>Lines[n - 1]</c>.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The lines with comments blanked and string contents filled (see <see cref="SourceMasker"/>).</summary>
    public IReadOnlyList<string> MaskedLines => _maskedLines.Value;

    public CodeOutline Outline => _outline.Value;

    /// <summary>The raw text of lines <paramref name="span"/>.</summary>
    public string TextOf(LineSpan span) =>
        string.Join('\n', Enumerable.Range(span.StartLine, span.EndLine - span.StartLine + 1).Where(l => l >= 1 && l <= Lines.Count).Select(l => Lines[l - 1]));
}
