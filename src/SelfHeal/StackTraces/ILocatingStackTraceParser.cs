namespace SelfHeal.StackTraces;

/// <summary>A parser that also says where each trace was, over text already split into lines, so a reader can order and de-duplicate.</summary>
internal interface ILocatingStackTraceParser : IStackTraceParser
{
    IReadOnlyList<LocatedTrace> Parse(TextLines lines);
}
