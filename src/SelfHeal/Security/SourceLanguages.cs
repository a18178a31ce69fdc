namespace SelfHeal.Security;

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
