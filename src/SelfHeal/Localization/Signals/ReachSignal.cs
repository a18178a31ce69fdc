using System.Text.RegularExpressions;
using SelfHeal.Code;
using SelfHeal.Localization.Coverage;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// The code the failing tests reach, read from source when nothing ran it: each failing test is found in the test
/// files (by its method name, or for description-named tests by the description), the identifiers its body uses are
/// looked up as functions and methods in the code under test, and every statement of those definitions scores
/// 1/√(definitions sharing the name); the functions those call score <see cref="SecondLevel"/> times as much
/// (the bug is as often one call below the API a test exercises as in it). A statement's score is its mean over
/// the failing tests, so code every failing test reaches outranks code one of them reaches.
/// </summary>
internal sealed partial class ReachSignal
{
    public const string Name = "reach";

    public const double SecondLevel = 1.0;

    /// <summary>Keywords, assertion methods and builtins: never the code under test.</summary>
    internal static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "if", "for", "foreach", "while", "switch", "return", "new", "var", "let", "const", "await", "async", "assert",
        "self", "this", "true", "false", "null", "None", "True", "False", "nil", "def", "function", "typeof", "in", "is",
        "not", "and", "or", "Assert", "Equal", "Equals", "Null", "NotNull", "Throws", "expect", "toBe",
        "toEqual", "assertEquals", "assertTrue", "assertFalse", "Fatalf", "Errorf", "Error", "Fatal", "len", "str", "int",
        "list", "dict", "set", "print", "range",
    };

    public static SignalScores Score(LocalizationInput input)
    {
        var scores = new SignalScores(Name);
        var definitions = input.Tree.Files
            .Where(f => !f.IsTest)
            .SelectMany(f => f.Outline.Symbols.Select(s => (File: f, Symbol: s)))
            .ToLookup(d => d.Symbol.Name, StringComparer.Ordinal);
        var testFiles = input.Tree.Files.Where(f => f.IsTest).ToList();
        var failures = input.Failures.DistinctBy(f => f.TestId).ToList();
        var totals = new Dictionary<SuspectSpan, (double Value, int Tests, string Symbol)>();
        foreach (var failure in failures)
        {
            var (cls, method) = TestIds.Parse(failure.TestId);
            var body = FindTestBody(testFiles, cls, method);
            if (body is null)
            {
                continue;
            }
            var reached = new Dictionary<SuspectSpan, (double Value, string Symbol)>();
            var first = Called(body).Where(name => name != method).ToHashSet(StringComparer.Ordinal);
            var second = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (file, symbol, weight) in Resolve(first, definitions))
            {
                Reach(reached, file, symbol, weight);
                second.UnionWith(Called(Body(file, symbol)));
            }
            second.ExceptWith(first);
            foreach (var (file, symbol, weight) in Resolve(second, definitions))
            {
                Reach(reached, file, symbol, weight * SecondLevel);
            }
            foreach (var (span, (value, symbol)) in reached)
            {
                var (total, tests, _) = totals.GetValueOrDefault(span);
                totals[span] = (total + value, tests + 1, symbol);
            }
        }
        foreach (var (span, (value, tests, symbol)) in totals)
        {
            scores.Add(span, value / failures.Count, $"{symbol} is reached from {tests} of {failures.Count} failing test{(failures.Count == 1 ? "" : "s")}");
        }
        return scores;
    }

    private static void Reach(Dictionary<SuspectSpan, (double Value, string Symbol)> reached, SourceFile file, CodeSymbol symbol, double weight)
    {
        foreach (var statement in file.Outline.StatementsIn(symbol))
        {
            var span = new SuspectSpan(file.Path, statement.StartLine, statement.EndLine);
            if (!reached.TryGetValue(span, out var existing) || existing.Value < weight)
            {
                reached[span] = (weight, symbol.QualifiedName);
            }
        }
    }

    internal static IEnumerable<(SourceFile File, CodeSymbol Symbol, double Weight)> Resolve(HashSet<string> names, ILookup<string, (SourceFile File, CodeSymbol Symbol)> definitions)
    {
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            // A class used by the test reaches its constructor (C#/Java: same name, Python: __init__, JS: constructor).
            var found = definitions[name]
                .Concat(definitions["__init__"].Where(d => d.Symbol.ClassName == name))
                .Concat(definitions["constructor"].Where(d => d.Symbol.ClassName == name))
                .ToList();
            foreach (var (file, symbol) in found)
            {
                yield return (file, symbol, 1 / Math.Sqrt(found.Count));
            }
        }
    }

    /// <summary>The masked text of the failing test: the test function's lines, or the block opened on the line naming it.</summary>
    private static string? FindTestBody(List<SourceFile> testFiles, string? cls, string method)
    {
        var candidates = testFiles
            .SelectMany(f => f.Outline.Symbols.Where(s => s.Name == method).Select(s => (File: f, Symbol: s)))
            .OrderByDescending(c => cls is not null && c.Symbol.ClassName is { } owner && (owner == cls || owner.EndsWith("." + cls, StringComparison.Ordinal)))
            .ToList();
        if (candidates.Count > 0)
        {
            return Body(candidates[0].File, candidates[0].Symbol);
        }
        if (method.Length < 4)
        {
            return null;
        }
        foreach (var file in testFiles)
        {
            for (var i = 0; i < file.Lines.Count; i++)
            {
                if (file.Lines[i].Contains(method, StringComparison.Ordinal))
                {
                    return BlockFrom(file, i);
                }
            }
        }
        return null;
    }

    private static string Body(SourceFile file, CodeSymbol symbol) =>
        string.Join('\n', file.MaskedLines.Skip(symbol.StartLine - 1).Take(symbol.EndLine - symbol.StartLine + 1));

    /// <summary>The masked lines from <paramref name="index"/> to where the brackets opened there close (at most 60 lines).</summary>
    private static string BlockFrom(SourceFile file, int index)
    {
        var lines = new List<string>();
        var depth = 0;
        for (var i = index; i < file.MaskedLines.Count && lines.Count < 60; i++)
        {
            var line = file.MaskedLines[i];
            lines.Add(line);
            depth += line.Count(c => c is '{' or '(') - line.Count(c => c is '}' or ')');
            if (depth <= 0 && i > index)
            {
                break;
            }
        }
        return string.Join('\n', lines);
    }

    private static IEnumerable<string> Called(string maskedBody) =>
        Identifier().Matches(maskedBody).Select(m => m.Value).Where(n => !Ignored.Contains(n)).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"[A-Za-z_$][\w$]*")]
    private static partial Regex Identifier();
}
