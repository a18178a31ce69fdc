namespace SelfHeal.Coverage;

/// <summary>A line of a file in the repo.</summary>
/// <param name="File">Repo-relative path with forward slashes.</param>
/// <param name="Line">1-based line number.</param>
public readonly record struct SourceLine(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
