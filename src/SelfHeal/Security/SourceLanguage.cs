namespace SelfHeal.Security;

/// <summary>The languages the dangerous-code rules know, as flags so a rule can cover several.</summary>
[Flags]
internal enum SourceLanguage
{
    None = 0,
    CSharp = 1,
    Python = 2,
    JavaScript = 4,
    Java = 8,
    Go = 16,
    Other = 32,
    Any = CSharp | Python | JavaScript | Java | Go | Other,
}

internal static class SourceLanguages
{
    public static SourceLanguage FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".cs" or ".csx" => SourceLanguage.CSharp,
        ".py" or ".pyw" => SourceLanguage.Python,
        ".js" or ".mjs" or ".cjs" or ".jsx" or ".ts" or ".mts" or ".cts" or ".tsx" => SourceLanguage.JavaScript,
        ".java" or ".kt" or ".kts" or ".scala" => SourceLanguage.Java,
        ".go" => SourceLanguage.Go,
        _ => SourceLanguage.Other,
    };
}
