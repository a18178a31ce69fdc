using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.Tokens;

public sealed class TokenTemplateFamilyTests
{
    [Theory]
    [InlineData("families.py", 5, "    total = len(values) // 2", "integer-division")]
    [InlineData("families.py", 6, "    if values is not None and total > 1:", "identity-check")]
    [InlineData("families.py", 6, "    if values is None or total > 1:", "boolean-operator")]
    [InlineData("families.py", 6, "    if values is None and total >= 1:", "relational-boundary")]
    [InlineData("families.py", 7, "        sorted(items)", "api-swap")]
    [InlineData("families.py", 8, "    limit = int(section.get(\"limit\", DEFAULT_LIMIT))", "dict-get")]
    [InlineData("families.py", 10, "        return range(total - limit + 1)", "bound-plus-one")]
    [InlineData("families.py", 11, "    except (ValueError, TypeError):", "catch-exception")]
    [InlineData("families.py", 12, "        return False", "boolean-literal")]
    [InlineData("continuation.py", 3, "        (item.price if item is not None else None),", "null-guard")]
    [InlineData("continuation.py", 6, "    if value is None:", "identity-check")]
    [InlineData("families.js", 2, "  const n = parseInt(text, 16);", "radix")]
    [InlineData("families.js", 3, "  if (n === 0 && box.start < box.end) {", "strict-equality")]
    [InlineData("families.js", 3, "  if (n == 0 && box.end < box.end) {", "member-replace")]
    [InlineData("families.js", 3, "  if (n == 1 && box.start < box.end) {", "number-literal")]
    [InlineData("families.js", 4, "    return Math.round(box.end / 2);", "api-swap")]
    [InlineData("families.js", 4, "    return Math.floor(box?.end / 2);", "null-guard")]
    [InlineData("families.js", 6, "  return text.lastIndexOf('x') !== -1;", "api-swap")]
    [InlineData("Families.java", 3, "        if (a.equals(b)) {", "equals-call")]
    [InlineData("Families.java", 3, "        if (java.util.Objects.equals(a, b)) {", "equals-call")]
    [InlineData("Families.java", 3, "        if (!(a == b)) {", "negation")]
    [InlineData("Families.java", 4, "            return String.format(\"%03d\", Math.min(n, 2));", "format-specifier")]
    [InlineData("Families.java", 4, "            return String.format(\"%3d\", Math.max(n, 2));", "api-swap")]
    [InlineData("Families.java", 8, "        } catch (IllegalStateException | NumberFormatException e) {", "catch-exception")]
    [InlineData("Families.java", 10, "        } catch (NumberFormatException e) {", "catch-exception")]
    [InlineData("Levels.java", 7, "            case MEDIUM: case HIGH: return 3;", "missing-case")]
    [InlineData("units.js", 7, "    case \"m\": case \"min\": return MINUTE;", "missing-case")]
    [InlineData("families.go", 6, "\tif len(xs) < 2 {", "relational-boundary")]
    [InlineData("families.go", 7, "\t\treturn math.Ceil(n / 2)", "api-swap")]
    public async Task ProposeAsync_SnippetLine_ProposesTheExpectedLine(string file, int line, string expected, string template)
    {
        using var workspace = Workspace(file);
        var exceptions = file.EndsWith(".py", StringComparison.Ordinal) ? "TypeError" : "java.lang.NumberFormatException";
        var context = TokenEngineHarness.Context(workspace.Path, file, line, exceptions);

        var candidates = await TokenEngineHarness.ProposeAsync(context);

        var match = candidates.FirstOrDefault(c => TokenEngineHarness.Result(workspace.Path, c).Split('\n')[line - 1] == expected);
        Assert.True(match is not null, $"no candidate gives: {expected}\n" + string.Join('\n', candidates.Select(c => c.Description)));
        Assert.Equal(template, match.Template);
    }

    [Theory]
    [InlineData("strings.py", 2)]
    [InlineData("strings.mjs", 2)]
    [InlineData("Strings.java", 6)]
    [InlineData("strings.go", 6)]
    public async Task ProposeAsync_LineWithStringsAndComments_NeverEditsInsideThem(string file, int line)
    {
        using var workspace = Workspace(file);
        var text = await File.ReadAllTextAsync(workspace.Combine(file));
        var lineStart = text.Split('\n').Take(line - 1).Sum(l => l.Length + 1);
        var lineText = text.Split('\n')[line - 1];
        var protectedFrom = lineStart + lineText.IndexOfAny(['"', '`', '/', '#']);

        // Whole-line edits (statement deletion and duplication) start at the line's start or end.
        var candidates = await TokenEngineHarness.ProposeAsync(TokenEngineHarness.Context(workspace.Path, file, line));

        Assert.All(candidates.SelectMany(c => c.Edits), e => Assert.True(e.Start + e.Length <= protectedFrom || e.Start == lineStart || e.Start > lineStart + lineText.Length, $"edit at {e.Start} '{e.Replacement}' is inside a string or comment"));
    }

    [Fact]
    public async Task ProposeAsync_AnySnippet_CandidatesAreDistinctAndBestFirst()
    {
        using var workspace = Workspace("families.py");
        var context = TokenEngineHarness.Context(workspace.Path, "families.py", 6);

        var candidates = await TokenEngineHarness.ProposeAsync(context);

        var texts = candidates.Select(c => TokenEngineHarness.Result(workspace.Path, c)).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(candidates.Select(c => c.Score).OrderByDescending(s => s), candidates.Select(c => c.Score));
        Assert.All(candidates, c => Assert.Equal("token-templates", c.Engine));
        Assert.True(context.Counters.Generated >= candidates.Count);
    }

    [Fact]
    public async Task ProposeAsync_GuardInsideParentheses_IsRejectedBeforeAnyTestRuns()
    {
        Requires.Tool("python3");
        using var workspace = Workspace("continuation.py");
        var context = TokenEngineHarness.Context(workspace.Path, "continuation.py", 3);

        var candidates = await TokenEngineHarness.ProposeAsync(context);

        Assert.True(context.Counters.RejectedInMemory > 0);
        Assert.DoesNotContain(candidates, c => c.Edits.Any(e => e.Replacement.Contains("is None:", StringComparison.Ordinal)));
        Assert.Contains(candidates, c => c.Template == "null-guard");
    }

    private static TempDirectory Workspace(string file)
    {
        var workspace = new TempDirectory("selfheal-token");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "Repair", "Tokens", file), workspace.Combine(file));
        return workspace;
    }
}
