using SelfHeal.Repair.Tokens;

namespace SelfHeal.Tests.Repair.Tokens;

public sealed class TokenLexerTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Repair", "Tokens", name));

    [Theory]
    [InlineData("strings.py", "Python")]
    [InlineData("strings.mjs", "JavaScript")]
    [InlineData("Strings.java", "Java")]
    [InlineData("strings.go", "Go")]
    public void Lex_OperatorsInStringsAndComments_OnlyTheCodeComparisonIsAnOperator(string file, string language)
    {
        var tokens = TokenLexer.Lex(Data(file), Enum.Parse<TokenLanguage>(language));

        Assert.Single(tokens, t => t.Kind == TokenKind.Operator && t.Text == "<");
    }

    [Theory]
    [InlineData("strings.py", "Python")]
    [InlineData("strings.mjs", "JavaScript")]
    [InlineData("Strings.java", "Java")]
    [InlineData("strings.go", "Go")]
    [InlineData("families.js", "JavaScript")]
    public void Lex_AnyFile_SpansAreExactAndLinesMatch(string file, string language)
    {
        var text = Data(file);

        foreach (var t in TokenLexer.Lex(text, Enum.Parse<TokenLanguage>(language)))
        {
            Assert.Equal(t.Text, text.Substring(t.Start, t.Length));
            Assert.Equal(text[..t.Start].Count(c => c == '\n') + 1, t.Line);
        }
    }

    [Fact]
    public void Lex_PythonPrefixedAndTripleQuotedStrings_AreSingleStringTokens()
    {
        var strings = TokenLexer.Lex(Data("strings.py"), TokenLanguage.Python).Where(t => t.Kind == TokenKind.String).Select(t => t.Text).ToList();

        Assert.Equal(["f\"{count} < limit\"", "\"\"\"x > y\nand more\"\"\"", "rb'\\d+ == 1'"], strings);
    }

    [Fact]
    public void Lex_PythonLines_EmitIndentAndNewlineTokens()
    {
        var tokens = TokenLexer.Lex("def f():\n    return (1,\n        2)\n", TokenLanguage.Python);

        Assert.Single(tokens, t => t.Kind == TokenKind.Indent);
        Assert.Equal(3, tokens.Count(t => t.Kind == TokenKind.Newline));
    }

    [Fact]
    public void Lex_JavaScriptRegexTemplateAndDivision_AreToldApart()
    {
        var tokens = TokenLexer.Lex(Data("strings.mjs"), TokenLanguage.JavaScript);

        Assert.Contains(tokens, t => t.Kind == TokenKind.String && t.Text == "/a<b/g");
        Assert.Contains(tokens, t => t.Kind == TokenKind.String && t.Text.StartsWith('`') && t.Text.EndsWith('`'));
        Assert.Single(tokens, t => t.Kind == TokenKind.Operator && t.Text == "/");
        Assert.Equal(2, tokens.Count(t => t.Kind == TokenKind.Comment));
    }

    [Fact]
    public void Lex_JavaTextBlockAndChar_AreStrings()
    {
        var strings = TokenLexer.Lex(Data("Strings.java"), TokenLanguage.Java).Where(t => t.Kind == TokenKind.String).Select(t => t.Text).ToList();

        Assert.Equal(2, strings.Count);
        Assert.StartsWith("\"\"\"", strings[0], StringComparison.Ordinal);
        Assert.Equal("'<'", strings[1]);
    }

    [Fact]
    public void Lex_GoRawStringAndRune_AreStrings()
    {
        var strings = TokenLexer.Lex(Data("strings.go"), TokenLanguage.Go).Where(t => t.Kind == TokenKind.String).Select(t => t.Text).ToList();

        Assert.Equal(["`a < b`", "'<'"], strings);
    }

    [Fact]
    public void Lex_KeywordsAndNumbers_AreClassified()
    {
        var tokens = TokenLexer.Lex("if x is not None and y >= 0x1F:", TokenLanguage.Python);

        Assert.Equal(["if", "is", "not", "None", "and"], tokens.Where(t => t.Kind == TokenKind.Keyword).Select(t => t.Text));
        Assert.Contains(tokens, t => t.Kind == TokenKind.Number && t.Text == "0x1F");
        Assert.Contains(tokens, t => t.Kind == TokenKind.Operator && t.Text == ">=");
    }
}
