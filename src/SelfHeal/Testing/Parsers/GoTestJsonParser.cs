using System.Text.Json;
using System.Text.RegularExpressions;

namespace SelfHeal.Testing.Parsers;

/// <summary>
/// Reads the <c>go test -json</c> (test2json) stream: <c>run</c>/<c>pass</c>/<c>fail</c>/<c>skip</c> events per test,
/// <c>output</c> lines collected per test as its message, and build failures both as plain lines (<c>FAIL pkg [build
/// failed]</c> with compiler errors on stderr) and as Go 1.24's <c>build-output</c>/<c>build-fail</c> events.
/// A test's id is <c>package/TestName</c> (<c>example.com/cart/TestSub/bad_case</c>). Lines that are not JSON are tolerated.
/// </summary>
internal static partial class GoTestJsonParser
{
    public static GoTestReport Parse(string output)
    {
        var tests = new Dictionary<string, GoTest>(StringComparer.Ordinal);
        var buildErrors = new List<string>();
        var buildFailed = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith('{'))
            {
                buildFailed |= BuildFailedLine().IsMatch(line);
                if (CompilerError().IsMatch(line))
                {
                    buildErrors.Add(line.Trim());
                }
                continue;
            }
            GoEvent? e;
            try
            {
                e = JsonSerializer.Deserialize(line, GoEventJsonContext.Default.GoEvent);
            }
            catch (JsonException)
            {
                continue;
            }
            if (e is null)
            {
                continue;
            }
            if (e.Action == "build-output" && e.Output is { } buildOutput && CompilerError().IsMatch(buildOutput.Trim()))
            {
                buildErrors.Add(buildOutput.Trim());
            }
            buildFailed |= e.Action == "build-fail" || (e.Action == "output" && e.Test is null && e.Output is { } o && BuildFailedLine().IsMatch(o.Trim()));
            if (string.IsNullOrEmpty(e.Test) || string.IsNullOrEmpty(e.Package))
            {
                continue;
            }
            var key = e.Package + "/" + e.Test;
            if (!tests.TryGetValue(key, out var test))
            {
                tests[key] = test = new GoTest(e.Package, e.Test);
            }
            switch (e.Action)
            {
                case "output" when e.Output is not null:
                    test.Output.Add(e.Output.TrimEnd('\n'));
                    break;
                case "pass" or "fail" or "skip":
                    test.Action = e.Action;
                    test.Elapsed = TimeSpan.FromSeconds(e.Elapsed ?? 0);
                    break;
            }
        }
        return new GoTestReport(tests.Values.Select(ToOutcome).ToList(), buildFailed || buildErrors.Count > 0 ? buildErrors.Distinct().ToList() : []);
    }

    private static TestOutcome ToOutcome(GoTest test)
    {
        var lines = test.Output
            .Where(l => !Marker().IsMatch(l))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();
        var status = test.Action switch
        {
            "pass" => TestStatus.Passed,
            "fail" => TestStatus.Failed,
            "skip" => TestStatus.Skipped,
            _ => TestStatus.Error,
        };
        var text = lines.Count == 0 ? null : string.Join('\n', lines);
        var message = lines.Count == 0 ? null : string.Join('\n', lines.Select(l => Location().Replace(l, "")));
        return new TestOutcome(test.Package + "/" + test.Name, test.Name, status, test.Elapsed)
        {
            Message = status switch
            {
                TestStatus.Passed => null,
                TestStatus.Error => "the test did not finish" + (message is null ? "" : ": " + message),
                _ => message,
            },
            StackTrace = status is TestStatus.Failed or TestStatus.Error ? text : null,
            ClassName = test.Package,
        };
    }

    private sealed class GoTest(string package, string name)
    {
        public string Package { get; } = package;

        public string Name { get; } = name;

        public List<string> Output { get; } = [];

        public string? Action { get; set; }

        public TimeSpan Elapsed { get; set; }
    }

    [GeneratedRegex(@"^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):)", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^[\w./-]+\.go:\d+:\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Location();

    [GeneratedRegex(@"^\S+\.go:\d+(:\d+)?: ", RegexOptions.CultureInvariant)]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"^FAIL\s+\S+ \[(build|setup) failed\]", RegexOptions.CultureInvariant)]
    private static partial Regex BuildFailedLine();
}
