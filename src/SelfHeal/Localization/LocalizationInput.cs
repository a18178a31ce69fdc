using SelfHeal.Code;
using SelfHeal.Localization.Coverage;
using SelfHeal.Localization.Signals;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Localization;

/// <summary>What the signals read: the repo's sources, the report, the reproduced failures, their traces and coverage.</summary>
internal sealed record LocalizationInput(SourceTree Tree, BugReport? Report, IReadOnlyList<FailureReproduced> Failures, IReadOnlyList<TraceParsed> Traces)
{
    /// <summary>Coverage slices labelled failing or passing; empty when coverage was not collected.</summary>
    public IReadOnlyList<SpectrumSlice> Spectrum { get; init; } = [];

    /// <summary>
    /// The statement that line <paramref name="line"/> of <paramref name="file"/> stands for (see
    /// <see cref="CodeOutline.StatementAt"/>), or <see langword="null"/> when the file cannot be read or holds none there.
    /// </summary>
    public SuspectSpan? SpanAt(string file, int line)
    {
        var source = Tree.Get(file);
        return source?.Outline.StatementAt(line) is { } span ? new SuspectSpan(source.Path, span.StartLine, span.EndLine) : null;
    }
}
