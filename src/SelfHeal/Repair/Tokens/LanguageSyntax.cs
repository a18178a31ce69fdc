namespace SelfHeal.Repair.Tokens;

/// <summary>Keywords and operators of each <see cref="TokenLanguage"/>, longest operators first.</summary>
internal static class LanguageSyntax
{
    private static readonly HashSet<string> PythonKeywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    private static readonly HashSet<string> JavaScriptKeywords = new(StringComparer.Ordinal)
    {
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new",
        "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "undefined", "var", "void",
        "while", "with", "yield", "of",
    };

    private static readonly HashSet<string> JavaKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
        "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "if", "implements",
        "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected",
        "public", "return", "short", "static", "super", "switch", "synchronized", "this", "throw", "throws",
        "transient", "try", "void", "volatile", "while", "var", "record", "true", "false", "null",
    };

    private static readonly HashSet<string> GoKeywords = new(StringComparer.Ordinal)
    {
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go",
        "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch",
        "type", "var", "true", "false", "nil",
    };

    private static readonly string[] PythonOperators =
    [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=",
        "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "<", ">", "=", "&", "|", "^", "~", "@",
    ];

    private static readonly string[] JavaScriptOperators =
    [
        ">>>=", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "...", "=>", "==", "!=", "<=", ">=",
        "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", "+",
        "-", "*", "/", "%", "<", ">", "=", "!", "&", "|", "^", "~", "?",
    ];

    private static readonly string[] JavaOperators =
    [
        ">>>=", "<<=", ">>=", ">>>", "->", "::", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=",
        "/=", "%=", "&=", "|=", "^=", "<<", ">>", "+", "-", "*", "/", "%", "<", ">", "=", "!", "&", "|", "^", "~",
        "?", "@",
    ];

    private static readonly string[] GoOperators =
    [
        "&^=", "<<=", ">>=", "...", ":=", "==", "!=", "<=", ">=", "&&", "||", "<-", "++", "--", "+=", "-=", "*=",
        "/=", "%=", "&=", "|=", "^=", "&^", "<<", ">>", "+", "-", "*", "/", "%", "<", ">", "=", "!", "&", "|", "^",
    ];

    public static bool IsKeyword(TokenLanguage language, string word) => language switch
    {
        TokenLanguage.Python => PythonKeywords.Contains(word),
        TokenLanguage.JavaScript => JavaScriptKeywords.Contains(word),
        TokenLanguage.Java => JavaKeywords.Contains(word),
        _ => GoKeywords.Contains(word),
    };

    public static IReadOnlyList<string> Operators(TokenLanguage language) => language switch
    {
        TokenLanguage.Python => PythonOperators,
        TokenLanguage.JavaScript => JavaScriptOperators,
        TokenLanguage.Java => JavaOperators,
        _ => GoOperators,
    };

    /// <summary>The comment that runs to the end of the line.</summary>
    public static string LineComment(TokenLanguage language) => language == TokenLanguage.Python ? "#" : "//";
}
