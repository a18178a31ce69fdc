namespace SelfHeal.Repair.Tokens;

/// <summary>A token and its exact span in the source text.</summary>
/// <param name="Kind">The token's kind.</param>
/// <param name="Start">0-based character offset.</param>
/// <param name="Length">Characters covered.</param>
/// <param name="Text">The covered text.</param>
/// <param name="Line">1-based line of <paramref name="Start"/>.</param>
internal sealed record Token(TokenKind Kind, int Start, int Length, string Text, int Line)
{
    public int End => Start + Length;

    public bool Is(string text) => (Kind is TokenKind.Operator or TokenKind.Punctuation or TokenKind.Keyword) && Text == text;

    /// <summary>True for comments, newlines and indentation: tokens with no meaning to expressions.</summary>
    public bool IsTrivia => Kind is TokenKind.Comment or TokenKind.Newline or TokenKind.Indent;
}
