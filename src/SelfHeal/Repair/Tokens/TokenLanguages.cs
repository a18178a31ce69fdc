namespace SelfHeal.Repair.Tokens;

/// <summary>Maps file names to <see cref="TokenLanguage"/>.</summary>
internal static class TokenLanguages
{
    /// <summary>The language of <paramref name="path"/> by extension, or <see langword="null"/> when unsupported.</summary>
    public static TokenLanguage? Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".py" => TokenLanguage.Python,
        ".js" or ".mjs" or ".cjs" or ".ts" => TokenLanguage.JavaScript,
        ".java" => TokenLanguage.Java,
        ".go" => TokenLanguage.Go,
        _ => null,
    };
}
