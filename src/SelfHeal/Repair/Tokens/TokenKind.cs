namespace SelfHeal.Repair.Tokens;

/// <summary>What a token is.</summary>
internal enum TokenKind
{
    Identifier,
    Keyword,
    Number,
    String,
    Operator,
    Punctuation,
    Comment,

    /// <summary>A line break outside strings and comments.</summary>
    Newline,

    /// <summary>Python only: the leading whitespace of a line that holds code.</summary>
    Indent,
}
