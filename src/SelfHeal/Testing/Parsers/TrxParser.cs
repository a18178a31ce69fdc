using System.Globalization;
using System.Xml.Linq;

namespace SelfHeal.Testing.Parsers;

/// <summary>
/// Reads Visual Studio TRX files (<c>dotnet test --logger trx</c>). A test's id is its fully qualified name,
/// <c>Namespace.Class.Method</c>, without theory arguments; its name keeps them.
/// </summary>
internal static class TrxParser
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TestOutcome> Parse(string xml) => Read(SafeXml.Parse(xml));

    public static IReadOnlyList<TestOutcome> ParseFile(string path) => Read(SafeXml.Load(path));

    private static List<TestOutcome> Read(XDocument? document)
    {
        var outcomes = new List<TestOutcome>();
        if (document?.Root is not { } root)
        {
            return outcomes;
        }
        var methods = root.Descendants(Ns + "UnitTest")
            .Select(t => (Id: SafeXml.Attribute(t, "id"), Method: t.Element(Ns + "TestMethod")))
            .Where(t => t.Id is not null && t.Method is not null)
            .GroupBy(t => t.Id!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Method!, StringComparer.OrdinalIgnoreCase);

        foreach (var result in root.Descendants(Ns + "UnitTestResult").Where(r => r.Parent?.Name.LocalName != "InnerResults"))
        {
            var testName = SafeXml.Attribute(result, "testName") ?? "";
            methods.TryGetValue(SafeXml.Attribute(result, "testId") ?? "", out var method);
            var className = method is null ? null : SafeXml.Attribute(method, "className");
            var methodName = method is null ? null : SafeXml.Attribute(method, "name");
            var id = className is not null && methodName is not null ? className + "." + methodName : StripArguments(testName);
            var errorInfo = result.Element(Ns + "Output")?.Element(Ns + "ErrorInfo");
            outcomes.Add(new TestOutcome(id, testName, Status(SafeXml.Attribute(result, "outcome")), Duration(SafeXml.Attribute(result, "duration")))
            {
                Message = Text(errorInfo?.Element(Ns + "Message")),
                StackTrace = Text(errorInfo?.Element(Ns + "StackTrace")),
                ClassName = className,
            });
        }
        return outcomes;
    }

    private static TestStatus Status(string? outcome) => outcome switch
    {
        "Passed" or "PassedButRunAborted" or "Warning" => TestStatus.Passed,
        "Failed" => TestStatus.Failed,
        "NotExecuted" or "Inconclusive" or "NotRunnable" or "Pending" or "Disconnected" => TestStatus.Skipped,
        _ => TestStatus.Error,
    };

    private static TimeSpan Duration(string? value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) ? duration : TimeSpan.Zero;

    private static string? Text(XElement? element)
    {
        var text = element?.Value.Trim('\r', '\n');
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string StripArguments(string testName)
    {
        var paren = testName.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? testName[..paren] : testName;
    }
}
