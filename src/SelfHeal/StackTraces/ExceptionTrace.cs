using System.Globalization;
using System.Text;

namespace SelfHeal.StackTraces;

/// <summary>An exception and its frames, with the exception that caused it.</summary>
/// <param name="Language">The parser that read it: <c>dotnet</c>, <c>python</c>, <c>java</c>, <c>node</c>, <c>go</c>.</param>
/// <param name="ExceptionType">Full type name as printed (<c>System.NullReferenceException</c>, <c>KeyError</c>, <c>panic</c>).</param>
/// <param name="Message">The exception's message, possibly empty.</param>
/// <param name="Frames">Frames, innermost call first.</param>
public sealed record ExceptionTrace(string Language, string ExceptionType, string Message, IReadOnlyList<StackFrame> Frames)
{
    /// <summary>The exception this one wraps or was raised while handling (.NET inner exception, Python <c>__cause__</c>/<c>__context__</c>, Java <c>Caused by:</c>).</summary>
    public ExceptionTrace? Cause { get; init; }

    /// <summary>The innermost cause: where the failure started.</summary>
    public ExceptionTrace Root => Cause?.Root ?? this;

    /// <summary>Prints the exception, its frame count and its cause; <see cref="Root"/> and <see cref="Chain"/>, which would recurse, are left out.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Language = {Language}, ExceptionType = {ExceptionType}, Message = {Message}, Frames = {Frames.Count}, Cause = {Cause}");
        return true;
    }

    /// <summary>This exception and its causes, outermost first.</summary>
    public IEnumerable<ExceptionTrace> Chain
    {
        get
        {
            for (var e = this; e is not null; e = e.Cause)
            {
                yield return e;
            }
        }
    }
}
