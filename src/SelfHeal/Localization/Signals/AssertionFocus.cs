using SelfHeal.Code;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// The code an assertion checks. When a failure's top project frame is in a test file (an assertion failed; nothing in
/// the code under test threw), that line names the value that came out wrong: the functions it calls, and the functions
/// called where the variables it reads were assigned earlier in the test (<c>var body = composer.Compose(...)</c>),
/// are what produced it. Every statement of those definitions scores <see cref="Share"/> of the frame's value divided
/// by √(definitions sharing the name), times <see cref="LocalizeOptions.StackDecay"/> per assignment traced back; the
/// functions those call score as much.
/// </summary>
internal static class AssertionFocus
{
    public const double Share = 0.6;

    /// <summary>How many assignments back a variable of the assertion is traced.</summary>
    private const int MaxLevels = 3;

    public static void Add(SignalScores scores, LocalizationInput input, SourceFile test, int line, double value, double decay, string frame)
    {
        if (test.Outline.StatementAt(line) is not { } assertion)
        {
            return;
        }
        var method = test.Outline.EnclosingSymbol(line);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in Names(test, assertion))
        {
            levels.TryAdd(name, 0);
        }
        if (method is not null)
        {
            levels.Remove(method.Name);
            foreach (var statement in test.Outline.StatementsIn(method).Where(s => s.EndLine < assertion.StartLine).Reverse())
            {
                var text = Masked(test, statement);
                if (StackSignal.Assignment().Match(text) is not { Success: true } assignment
                    || !levels.TryGetValue(assignment.Groups[1].Value, out var level) || level >= MaxLevels)
                {
                    continue;
                }
                foreach (var name in Names(test, statement))
                {
                    levels.TryAdd(name, level + 1);
                }
            }
        }

        var definitions = input.Tree.Files
            .Where(f => !f.IsTest)
            .SelectMany(f => f.Outline.Symbols.Select(s => (File: f, Symbol: s)))
            .ToLookup(d => d.Symbol.Name, StringComparer.Ordinal);
        foreach (var group in levels.GroupBy(l => l.Value))
        {
            var names = group.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            var callees = new HashSet<string>(StringComparer.Ordinal);
            var named = levels.Keys.ToHashSet(StringComparer.Ordinal);
            var owners = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (file, symbol, weight) in Resolve(names, definitions, named))
            {
                owners.Add(Owner(symbol));
                var score = value * Share * weight * Math.Pow(decay, group.Key);
                Focus(scores, file, symbol, score, $"{symbol.QualifiedName} computes what the assertion on {test.Path}:{line} checks ({frame})");
                callees.UnionWith(Names(file, new LineSpan(symbol.StartLine, symbol.EndLine)));
            }
            // The bug is as often one call below the API the assertion checks as in it (see ReachSignal.SecondLevel).
            callees.ExceptWith(names);
            foreach (var (file, symbol, weight) in Resolve(callees, definitions, owners))
            {
                var score = value * Share * weight * Math.Pow(decay, group.Key) * ReachSignal.SecondLevel;
                Focus(scores, file, symbol, score, $"{symbol.QualifiedName} is called by what the assertion on {test.Path}:{line} checks ({frame})");
            }
        }
    }

    /// <summary>
    /// The definitions of <paramref name="names"/> (see <see cref="ReachSignal.Resolve"/>); a name defined in several
    /// classes keeps those whose class is among <paramref name="classes"/> when any is (the test named the receiver's
    /// type, or a method calls its own class's members), and the weights are shared among what is kept.
    /// </summary>
    private static IEnumerable<(SourceFile File, CodeSymbol Symbol, double Weight)> Resolve(HashSet<string> names, ILookup<string, (SourceFile File, CodeSymbol Symbol)> definitions, HashSet<string> classes)
    {
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var found = ReachSignal.Resolve([name], definitions).ToList();
            var preferred = found.Where(d => classes.Contains(Owner(d.Symbol))).ToList();
            var kept = preferred.Count > 0 && preferred.Count < found.Count ? preferred : found;
            foreach (var (file, symbol, _) in kept)
            {
                yield return (file, symbol, 1 / Math.Sqrt(kept.Count));
            }
        }
    }

    /// <summary>The innermost class of <paramref name="symbol"/>, or "" for a free function.</summary>
    private static string Owner(CodeSymbol symbol) => symbol.ClassName?.Split('.')[^1] ?? "";

    private static void Focus(SignalScores scores, SourceFile file, CodeSymbol symbol, double score, string detail)
    {
        foreach (var statement in file.Outline.StatementsIn(symbol))
        {
            scores.Add(new SuspectSpan(file.Path, statement.StartLine, statement.EndLine), score, detail);
        }
    }

    private static IEnumerable<string> Names(SourceFile file, LineSpan span) =>
        StackSignal.Identifier().Matches(Masked(file, span)).Select(m => m.Value).Where(n => !ReachSignal.Ignored.Contains(n));

    private static string Masked(SourceFile file, LineSpan span) =>
        string.Join('\n', file.MaskedLines.Skip(span.StartLine - 1).Take(span.EndLine - span.StartLine + 1));
}
