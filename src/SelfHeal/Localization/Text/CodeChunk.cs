using SelfHeal.Code;

namespace SelfHeal.Localization.Text;

/// <summary>
/// A unit of text retrieval: one function or method (the lines no nested function owns), or the lines of a file
/// outside every function. Its terms are its lines' (comments and strings included) plus its name, its class's name
/// and its file's name. Comments right above a function (its documentation) belong to its chunk.
/// </summary>
internal sealed record CodeChunk(SourceFile File, string? Symbol, IReadOnlyList<LineSpan> Statements)
{
    /// <summary>Splits <paramref name="file"/> into chunks and yields each with its search terms.</summary>
    public static IEnumerable<(CodeChunk Chunk, List<string> Terms)> Split(SourceFile file)
    {
        var outline = file.Outline;
        var owner = new CodeSymbol?[outline.LineCount + 2];
        foreach (var symbol in outline.Symbols.OrderByDescending(s => s.EndLine - s.StartLine))
        {
            for (var line = symbol.StartLine; line <= symbol.EndLine && line <= outline.LineCount; line++)
            {
                owner[line] = symbol;
            }
            for (var line = symbol.StartLine - 1; line >= 1 && IsDocumentation(file, line); line--)
            {
                owner[line] = symbol;
            }
        }
        var fileTerms = CodeTokens.Terms(Path.GetFileNameWithoutExtension(file.Path)).ToList();
        var groups = Enumerable.Range(1, outline.LineCount).GroupBy(line => owner[line]);
        foreach (var group in groups)
        {
            var symbol = group.Key;
            var lines = group.ToHashSet();
            var terms = new List<string>(fileTerms);
            foreach (var line in lines)
            {
                terms.AddRange(CodeTokens.Terms(file.Lines[line - 1]));
            }
            if (symbol is not null)
            {
                var nameTerms = CodeTokens.Terms(symbol.QualifiedName).ToList();
                terms.AddRange(nameTerms);
                terms.AddRange(nameTerms);
            }
            var statements = outline.Statements.Where(s => lines.Contains(s.StartLine)).ToList();
            if (statements.Count > 0)
            {
                yield return (new CodeChunk(file, symbol?.QualifiedName, statements), terms);
            }
        }
    }

    /// <summary>A comment or attribute line (what sits between a function and the code above it).</summary>
    private static bool IsDocumentation(SourceFile file, int line)
    {
        var raw = file.Lines[line - 1].Trim();
        var masked = file.MaskedLines[line - 1].Trim();
        return raw.Length > 0 && (masked.Length == 0 || masked[0] is '[' or '@');
    }
}
