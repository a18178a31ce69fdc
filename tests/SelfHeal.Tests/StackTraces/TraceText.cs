using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

/// <summary>A trace and its causes as text, for comparing whole traces (records compare their frame lists by reference).</summary>
internal static class TraceText
{
    public static string Render(ExceptionTrace trace) =>
        string.Join("\ncaused by ", trace.Chain.Select(e => $"[{e.Language}] {e.ExceptionType}: {e.Message}\n  {string.Join("\n  ", e.Frames)}"));
}
