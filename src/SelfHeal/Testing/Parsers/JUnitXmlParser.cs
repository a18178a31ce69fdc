using System.Globalization;
using System.Xml.Linq;

namespace SelfHeal.Testing.Parsers;

/// <summary>
/// Reads JUnit XML in its dialects (Ant, Maven Surefire, JUnit Platform, pytest, node's junit reporter, jest-junit):
/// <c>testsuites</c>/<c>testsuite</c> nested to any depth, <c>testcase</c> with <c>failure</c>, <c>error</c>,
/// <c>skipped</c>, and Surefire's <c>flakyFailure</c>. Malformed input yields no cases rather than an exception.
/// </summary>
internal static class JUnitXmlParser
{
    public static IReadOnlyList<JUnitCase> Parse(string xml) => Read(SafeXml.Parse(xml));

    public static IReadOnlyList<JUnitCase> ParseFile(string path) => Read(SafeXml.Load(path));

    /// <summary>Whether <paramref name="path"/> holds a JUnit report (its root is <c>testsuites</c> or <c>testsuite</c>).</summary>
    public static bool IsJUnitReport(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[2048];
            var head = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
            return head.Contains("<testsuite", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<JUnitCase> Read(XDocument? document)
    {
        var cases = new List<JUnitCase>();
        if (document?.Root is { } root)
        {
            Walk(root, [], cases);
        }
        return cases;
    }

    private static void Walk(XElement element, List<string> suites, List<JUnitCase> cases)
    {
        switch (element.Name.LocalName)
        {
            case "testcase":
                cases.Add(ReadCase(element, suites));
                return;
            case "testsuite":
                suites.Add(SafeXml.Attribute(element, "name") ?? "");
                foreach (var child in element.Elements())
                {
                    Walk(child, suites, cases);
                }
                suites.RemoveAt(suites.Count - 1);
                return;
            case "testsuites":
                foreach (var child in element.Elements())
                {
                    Walk(child, suites, cases);
                }
                return;
            default:
                return;
        }
    }

    private static JUnitCase ReadCase(XElement element, List<string> suites)
    {
        var failure = SafeXml.Child(element, "failure") ?? SafeXml.Child(element, "rerunFailure");
        var error = SafeXml.Child(element, "error") ?? SafeXml.Child(element, "rerunError");
        var skipped = SafeXml.Child(element, "skipped");
        var flaky = SafeXml.Child(element, "flakyFailure") ?? SafeXml.Child(element, "flakyError");
        var (status, detail) = (failure, error, skipped) switch
        {
            ({ } f, _, _) => (TestStatus.Failed, f),
            (_, { } e, _) => (TestStatus.Error, e),
            (_, _, { } s) => (TestStatus.Skipped, s),
            _ => (TestStatus.Passed, (XElement?)null),
        };
        var text = detail?.Value.Trim();
        var message = detail is null ? null : SafeXml.Attribute(detail, "message") ?? FirstLine(text);
        return new JUnitCase(
            SafeXml.Attribute(element, "classname") ?? "",
            SafeXml.Attribute(element, "name") ?? "",
            status,
            Seconds(SafeXml.Attribute(element, "time")))
        {
            Suites = [.. suites],
            File = SafeXml.Attribute(element, "file"),
            Message = message,
            Details = string.IsNullOrEmpty(text) ? null : text,
            Flaky = status == TestStatus.Passed && flaky is not null,
        };
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    private static TimeSpan Seconds(string? value) =>
        double.TryParse(value?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
}
