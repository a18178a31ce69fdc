namespace SelfHeal.Code;

/// <summary>The source languages SelfHeal can outline, told apart by file extension.</summary>
internal enum CodeLanguage
{
    Unknown,
    CSharp,
    Python,
    JavaScript,
    Java,
    Go,
}

/// <summary>Maps file names to <see cref="CodeLanguage"/>.</summary>
internal static class CodeLanguages
{
    /// <summary>The language of <paramref name="path"/> by its extension; <see cref="CodeLanguage.Unknown"/> otherwise.</summary>
    public static CodeLanguage FromPath(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CS" => CodeLanguage.CSharp,
        ".PY" => CodeLanguage.Python,
        ".JS" or ".MJS" or ".CJS" or ".TS" or ".JSX" or ".TSX" or ".MTS" or ".CTS" => CodeLanguage.JavaScript,
        ".JAVA" => CodeLanguage.Java,
        ".GO" => CodeLanguage.Go,
        _ => CodeLanguage.Unknown,
    };
}
