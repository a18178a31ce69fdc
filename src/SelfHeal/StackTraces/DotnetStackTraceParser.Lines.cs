using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>How the .NET parser recognises each kind of line.</summary>
internal sealed partial class DotnetStackTraceParser
{
    private const int Timeout = StackTraceLimits.RegexTimeoutMilliseconds;

    /// <summary>
    /// A header (<c>System.X: message</c>, xUnit's <c>System.X : message</c>, with the error code that external
    /// exceptions print: <c>System.Net.Sockets.SocketException (111): msg</c>), after any log prefix, arrow or dashes.
    /// </summary>
    private static bool TryHeader(string line, out PendingTrace header)
    {
        header = null!;
        if (!line.Contains("Exception", StringComparison.Ordinal))
        {
            return false;
        }
        var match = RegexGuard.Match(HeaderRegex, line);
        if (!match.Success)
        {
            return false;
        }
        header = new PendingTrace(match.Groups["type"].Value, null);
        var message = match.Groups["msg"].Value;
        // .NET Framework printed the inner exception on the header line: "Outer: msg ---> Inner: msg".
        var arrow = message.IndexOf(" ---> ", StringComparison.Ordinal);
        if (arrow >= 0 && TryHeader(message[(arrow + 1)..], out var inner))
        {
            header.Cause = inner;
            message = message[..arrow];
        }
        header.AddMessageLine(message);
        return true;
    }

    /// <summary>An inner exception's header: <c> ---> System.X: msg</c> (ToString) or <c>---- System.X : msg</c> (xUnit).</summary>
    private static bool TryInnerHeader(string line, out PendingTrace header, out bool xunitStyle)
    {
        var trimmed = line.AsSpan().TrimStart();
        xunitStyle = trimmed.StartsWith("----", StringComparison.Ordinal);
        header = null!;
        return (xunitStyle || trimmed.StartsWith("--->", StringComparison.Ordinal)) && TryHeader(line, out header);
    }

    private static bool TryFrame(string line, out StackFrame frame)
    {
        frame = null!;
        var trimmed = line.AsSpan().TrimStart();
        Match match;
        if (trimmed.StartsWith("at ", StringComparison.Ordinal))
        {
            match = RegexGuard.Match(FrameRegex, line);
        }
        else if (line.Contains("): at ", StringComparison.Ordinal))
        {
            match = RegexGuard.Match(XunitFrameRegex, line);
        }
        else
        {
            return false;
        }
        if (!match.Success || !IsDotnetArgumentList(match.Groups["args"].ValueSpan))
        {
            return false;
        }
        var file = match.Groups["file"];
        frame = new StackFrame(
            NormalizeFunction(match.Groups["fn"].Value),
            file.Success ? file.Value.Trim() : null,
            RegexGuard.Number(match.Groups["line"]));
        return true;
    }

    /// <summary>.NET prints <c>(Type name, ...)</c> or <c>()</c>; Java's <c>(Cart.java:14)</c>, <c>(Unknown Source)</c> are not .NET frames.</summary>
    private static bool IsDotnetArgumentList(ReadOnlySpan<char> args) =>
        args.IsEmpty || (args.Contains(' ') && !args.SequenceEqual("Unknown Source") && !args.SequenceEqual("Native Method"));

    /// <summary><c>Ns.Type.&lt;DoAsync&gt;d__3.MoveNext</c> → <c>Ns.Type.DoAsync</c>; other names as printed.</summary>
    private static string NormalizeFunction(string function) =>
        function.EndsWith(".MoveNext", StringComparison.Ordinal)
            ? RegexGuard.Replace(AsyncStateMachineRegex, function, "${owner}.${method}")
            : function;

    private static bool IsAsyncBoundary(string line) =>
        TraceParsing.StartsWithTrimmed(line, "--- End of stack trace from previous location");

    private static bool IsInnerEnd(string line) =>
        TraceParsing.StartsWithTrimmed(line, "--- End of inner exception stack trace ---");

    /// <summary>xUnit's <c>----- Inner Stack Trace -----</c> (or <c>----- Inner Stack Trace #2 (System.X) -----</c>).</summary>
    private static bool IsInnerStackTraceLabel(string line) =>
        TraceParsing.StartsWithTrimmed(line, "----- Inner Stack Trace");

    private static bool IsStackTraceLabel(string line) => line.AsSpan().Trim().SequenceEqual("Stack Trace:");

    /// <summary>A test runner's failure block: VSTest's <c>Error Message:</c>, xUnit's <c>Ns.Class.Test [FAIL]</c>.</summary>
    private static bool IsTestFailureStart(string line) =>
        line.EndsWith(" [FAIL]", StringComparison.Ordinal) || line.AsSpan().Trim().SequenceEqual("Error Message:");

    /// <summary>The exception type behind an assertion message that test runners print without one.</summary>
    private static string AssertionType(string message)
    {
        var match = RegexGuard.Match(AssertionRegex, message);
        return !match.Success ? ""
            : match.Groups["xunit"].Success ? $"Xunit.Sdk.{match.Groups["xunit"].Value}Exception"
            : "Microsoft.VisualStudio.TestTools.UnitTesting.AssertFailedException";
    }

    [GeneratedRegex(@"(?:^|(?<=\s))(?<type>(?:[A-Za-z_][\w`]*\.)+[A-Za-z_][\w`+]*Exception(?:`\d+)?)(?: \((?:0x[0-9A-Fa-f]{1,8}|-?\d{1,10})\))?(?:\s?:\s(?<msg>.*)|\s?:?)$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex HeaderRegex { get; }

    [GeneratedRegex(@"^\s*at (?<fn>[^\s(]+)\((?<args>[^()]*)\)(?: in (?<file>.+):line (?<line>\d{1,9}))?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex FrameRegex { get; }

    [GeneratedRegex(@"^\s*(?<file>\S.*?)\((?<line>\d{1,9}),\d{1,9}\): at (?<fn>[^\s(]+)\((?<args>[^()]*)\)$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex XunitFrameRegex { get; }

    [GeneratedRegex(@"^(?<owner>.+)\.<(?<method>[^.]+)>d(?:__\d+)?\.MoveNext$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex AsyncStateMachineRegex { get; }

    [GeneratedRegex(@"^(?:Assert\.(?<xunit>\w+)\(\) Failure|Assert\.\w+ failed\.)", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex AssertionRegex { get; }
}
