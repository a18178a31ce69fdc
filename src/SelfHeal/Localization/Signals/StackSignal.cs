using System.Text.RegularExpressions;
using SelfHeal.Code;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// Scores the statements named by stack frames. Within a trace the top project frame in code under test scores 1
/// and each deeper one <see cref="LocalizeOptions.StackDecay"/> times the one above; frames in test files are ranked
/// by their depth among all project frames (and demoted with every test-file suspect by the ranker). The traces are
/// the root causes recorded by reproduce (<c>TraceParsed</c>); when none has a mapped project frame, the frames are
/// read loosely out of the failures' stack traces and the report's log (<see cref="LooseFrameReader"/>).
/// A crash often shows a value that went wrong earlier in the same function (a bad index computed two lines above),
/// so the last assignment before a code frame of each variable its line uses scores <see cref="DefinitionShare"/>
/// of the frame. A failed assertion (the top project frame is a test's) points at the code it checks
/// (<see cref="AssertionFocus"/>; several assertions checking the same code add up, see <see cref="AddFocus"/>); a throw in a switch's <c>default:</c> section at the switch's cases (<see cref="SwitchLabels"/>).
/// </summary>
internal sealed partial class StackSignal(LocalizeOptions options)
{
    public const string Name = "stack";

    public const double DefinitionShare = 0.5;

    public SignalScores Score(LocalizationInput input)
    {
        var scores = new SignalScores(Name);
        var traces = input.Traces
            .Select(t => new FrameList(t.ExceptionType, t.Source, [.. t.Frames.Where(f => f.IsProjectFrame && f.RepoPath is not null && f.Line is not null).Select(f => new LooseFrame(f.RepoPath!, f.Line!.Value, f.Function))]))
            .Where(t => t.Frames.Count > 0)
            .ToList();
        if (traces.Count == 0)
        {
            var reader = new LooseFrameReader(input.Tree);
            traces = [.. input.Failures.Where(f => f.StackTrace is not null).Select(f => reader.Read(f.StackTrace!, f.TestId))];
            if (input.Report?.Log is { } log)
            {
                traces.Add(reader.Read(log, "log"));
            }
            traces.RemoveAll(t => t.Frames.Count == 0);
        }

        var focus = new List<SignalScores>();
        foreach (var trace in traces)
        {
            var codeDepth = 0;
            for (var depth = 0; depth < trace.Frames.Count; depth++)
            {
                var frame = trace.Frames[depth];
                if (input.SpanAt(frame.File, frame.Line) is not { } span)
                {
                    continue;
                }
                var isTest = input.Tree.Get(frame.File)?.IsTest ?? false;
                var rank = isTest ? depth : codeDepth++;
                var value = Math.Pow(options.StackDecay, rank);
                var where = string.IsNullOrEmpty(frame.Function) ? "" : $" in {frame.Function}";
                scores.Add(span, value, $"frame #{depth + 1} of {trace.ExceptionType}{where} ({trace.Source})", rank);
                var label = $"frame #{depth + 1} of {trace.ExceptionType}";
                if (!isTest)
                {
                    AddDefinitions(scores, input.Tree.Get(frame.File)!, span, value * DefinitionShare, label);
                    SwitchLabels.Add(scores, input.Tree.Get(frame.File)!, frame.Line, value, label);
                }
                else if (codeDepth == 0)
                {
                    var checkedCode = new SignalScores(Name);
                    AssertionFocus.Add(checkedCode, input, input.Tree.Get(frame.File)!, frame.Line, value, options.StackDecay, label);
                    focus.Add(checkedCode);
                }
            }
        }
        AddFocus(scores, focus);
        return scores;
    }

    /// <summary>
    /// Each failed assertion is separate evidence about the code it checks: a statement checked by several scores their
    /// noisy-or, <c>1 - Π(1 - v)</c>, more than any one of them and never more than a frame that threw.
    /// </summary>
    private static void AddFocus(SignalScores scores, List<SignalScores> focus)
    {
        foreach (var group in focus.SelectMany(f => f.Hits).GroupBy(h => h.Key))
        {
            var strongest = group.MaxBy(h => h.Value.Value).Value;
            var value = 1 - group.Aggregate(1.0, (miss, h) => miss * (1 - h.Value.Value));
            var detail = group.Count() > 1 ? $"{strongest.Detail}; checked by {group.Count()} failing assertions" : strongest.Detail;
            scores.Add(group.Key, value, detail);
        }
    }

    /// <summary>Scores the last assignment, before <paramref name="crash"/> in its function, of each variable the crash line uses.</summary>
    private static void AddDefinitions(SignalScores scores, SourceFile file, SuspectSpan crash, double value, string frame)
    {
        if (file.Outline.EnclosingSymbol(crash.StartLine) is not { } symbol)
        {
            return;
        }
        var used = Identifier().Matches(Masked(file, crash.StartLine, crash.EndLine)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var statement in file.Outline.StatementsIn(symbol).Where(s => s.EndLine < crash.StartLine).Reverse())
        {
            if (Assignment().Match(Masked(file, statement.StartLine, statement.EndLine)) is { Success: true } assignment
                && used.Remove(assignment.Groups[1].Value))
            {
                scores.Add(new SuspectSpan(crash.File, statement.StartLine, statement.EndLine), value,
                    $"assigns {assignment.Groups[1].Value}, used on line {crash.StartLine} ({frame})");
            }
        }
    }

    private static string Masked(SourceFile file, int start, int end) =>
        string.Join('\n', file.MaskedLines.Skip(start - 1).Take(end - start + 1));

    [GeneratedRegex(@"[A-Za-z_$][\w$]*")]
    internal static partial Regex Identifier();

    /// <summary><c>x = </c>, <c>var x = </c>, <c>int x = </c>, <c>self.x = </c>, <c>x := </c>, <c>x += </c> (not <c>==</c>).</summary>
    [GeneratedRegex(@"^\s*(?:(?:var|let|const|val|final|auto|[\w<>\[\],.?]+)\s+)?(?:[\w$]+\.)*([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>\[\],.? ]+)?(?::=|[-+*/%]?=)(?!=)")]
    internal static partial Regex Assignment();
}

/// <summary>A project frame: repo file, line and function as printed.</summary>
internal sealed record LooseFrame(string File, int Line, string Function);

/// <summary>A trace's project frames, innermost first.</summary>
internal sealed record FrameList(string ExceptionType, string Source, IReadOnlyList<LooseFrame> Frames);
