namespace SelfHeal.StackTraces;

/// <summary>
/// Reads the stack traces of one language out of free text (a log, a test failure, an issue body).
/// Implementations are stateless, thread-safe, and never throw on malformed text: what cannot be read is skipped.
/// </summary>
public interface IStackTraceParser
{
    /// <summary><c>dotnet</c>, <c>python</c>, <c>java</c>, <c>node</c> or <c>go</c>.</summary>
    string Language { get; }

    /// <summary>Every trace found in <paramref name="text"/>, in the order they appear, each with its causes linked.</summary>
    IReadOnlyList<ExceptionTrace> Parse(string text);
}
