namespace SelfHeal.Code;

/// <summary>A function or method of a source file.</summary>
/// <param name="Name">The function's own name (<c>Total</c>, <c>__init__</c>).</param>
/// <param name="ClassName">The enclosing class (nested classes joined with dots, Go's receiver type), or <see langword="null"/> for a free function.</param>
/// <param name="StartLine">Line of its declaration (1-based, attributes and decorators excluded).</param>
/// <param name="EndLine">Last line of its body (inclusive).</param>
internal sealed record CodeSymbol(string Name, string? ClassName, int StartLine, int EndLine)
{
    /// <summary><c>Class.Method</c>, or the bare name of a free function.</summary>
    public string QualifiedName => ClassName is null ? Name : $"{ClassName}.{Name}";

    public bool Contains(int line) => line >= StartLine && line <= EndLine;
}

/// <summary>A range of lines, both ends inclusive and 1-based.</summary>
internal readonly record struct LineSpan(int StartLine, int EndLine)
{
    public bool Contains(int line) => line >= StartLine && line <= EndLine;
}
