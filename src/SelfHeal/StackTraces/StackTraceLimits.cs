namespace SelfHeal.StackTraces;

/// <summary>Bounds that keep parsing linear and memory-bounded on any input.</summary>
internal static class StackTraceLimits
{
    /// <summary>Characters scanned in one text; a longer text is scanned at its head and its tail, half each.</summary>
    public const int MaxChars = 16 * 1024 * 1024;

    /// <summary>Lines scanned in one text; a text with more is scanned at its first and last lines, half each.</summary>
    public const int MaxLines = 400_000;

    /// <summary>Characters of one line that are looked at; the rest of a longer line (minified code, binary) is ignored.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>Frames kept per exception; deeper frames (runaway recursion) are read past but dropped.</summary>
    public const int MaxFrames = 512;

    /// <summary>Traces one parser returns for one text.</summary>
    public const int MaxTraces = 1000;

    /// <summary>Causes followed below one exception.</summary>
    public const int MaxCauseDepth = 32;

    /// <summary>Lines a message may span between its header and the first frame.</summary>
    public const int MaxMessageLines = 40;

    /// <summary>Characters of a message that are kept.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>
    /// How long one regular-expression match may run before the line is treated as not matching: a backstop against
    /// hostile text only (lines are capped at <see cref="MaxLineLength"/>, so a real match takes microseconds). The
    /// clock is wall time, so it is generous: a busy machine that stalls a thread must not make a real frame vanish.
    /// </summary>
    public const int RegexTimeoutMilliseconds = 2000;
}
