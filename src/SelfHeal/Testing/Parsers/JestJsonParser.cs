using System.Text.Json;

namespace SelfHeal.Testing.Parsers;

/// <summary>
/// Reads jest's <c>--json</c> report: <c>testResults[].assertionResults[]</c> with ancestor titles, status, duration and
/// failure messages; a test file that failed to run at all becomes one errored outcome named after the file.
/// A test's id is its ancestor titles and title joined with <c> &gt; </c>, like node's runner.
/// </summary>
internal static class JestJsonParser
{
    public static IReadOnlyList<TestOutcome> Parse(string json, string repositoryRoot)
    {
        var outcomes = new List<TestOutcome>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return outcomes;
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("testResults", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                return outcomes;
            }
            foreach (var file in files.EnumerateArray())
            {
                var path = String(file, "name");
                var relative = path is null ? null : Running.RepositoryFiles.Relative(repositoryRoot, path) ?? path;
                var assertions = file.TryGetProperty("assertionResults", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];
                if (assertions.Count == 0 && String(file, "status") == "failed")
                {
                    outcomes.Add(new TestOutcome(relative ?? "jest", relative ?? "jest", TestStatus.Error, TimeSpan.Zero)
                    {
                        Message = String(file, "message"),
                        File = relative,
                    });
                }
                foreach (var assertion in assertions)
                {
                    outcomes.Add(ToOutcome(assertion, relative));
                }
            }
        }
        return outcomes;
    }

    private static TestOutcome ToOutcome(JsonElement assertion, string? file)
    {
        var title = String(assertion, "title") ?? "";
        var ancestors = assertion.TryGetProperty("ancestorTitles", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(t => t.GetString()).OfType<string>()
            : [];
        var status = String(assertion, "status") switch
        {
            "passed" => TestStatus.Passed,
            "failed" => TestStatus.Failed,
            "pending" or "skipped" or "todo" or "disabled" => TestStatus.Skipped,
            _ => TestStatus.Error,
        };
        var failures = assertion.TryGetProperty("failureMessages", out var f) && f.ValueKind == JsonValueKind.Array
            ? string.Join("\n", f.EnumerateArray().Select(m => m.GetString()).OfType<string>())
            : "";
        var duration = assertion.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(d.GetDouble()) : TimeSpan.Zero;
        return new TestOutcome(string.Join(TapParser.Separator, ancestors.Append(title)), title, status, duration)
        {
            Message = failures.Length == 0 ? null : failures.Split('\n')[0],
            StackTrace = failures.Length == 0 ? null : failures,
            File = file,
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
