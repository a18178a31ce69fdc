namespace SelfHeal.StackTraces;

/// <summary>A trace and the lines of the text it was read from (inclusive, 0-based).</summary>
internal readonly record struct LocatedTrace(ExceptionTrace Trace, int StartLine, int EndLine)
{
    public bool Overlaps(LocatedTrace other) => StartLine <= other.EndLine && other.StartLine <= EndLine;

    /// <summary>Frames in the whole chain: how much of the text the parser understood.</summary>
    public int FrameCount => Trace.Chain.Sum(e => e.Frames.Count);
}
