using SelfHeal.Llm.Agentless;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Llm;

public sealed class EditBlockTests : IDisposable
{
    private const string Code = "def total(items):\n    result = 0\n    for item in items:\n        result += item.price\n    return result\n\n\ndef count(items):\n    result = 0\n    return result\n";
    private readonly TempDirectory _repo = new("edit-blocks");

    public EditBlockTests()
    {
        Directory.CreateDirectory(_repo.Combine("shop"));
        File.WriteAllText(_repo.Combine("shop/cart.py"), Code);
    }

    private static string Apply(string text, IReadOnlyList<SelfHeal.Repair.TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            text = text[..edit.Start] + edit.Replacement + text[(edit.Start + edit.Length)..];
        }
        return text;
    }

    [Fact]
    public void Parse_ReadsPathAndBlocksInsideFences()
    {
        var answer = "Use the quantity.\n```python\nshop/cart.py\n<<<<<<< SEARCH\n        result += item.price\n=======\n        result += item.price * item.quantity\n>>>>>>> REPLACE\n```\n";

        var (blocks, errors) = EditBlockParser.Parse(answer);

        Assert.Empty(errors);
        var block = Assert.Single(blocks);
        Assert.Equal("shop/cart.py", block.File);
        Assert.Equal("        result += item.price", block.Search);
        Assert.Equal("        result += item.price * item.quantity", block.Replace);
    }

    [Fact]
    public void Parse_UnclosedBlock_IsAnError()
    {
        var (blocks, errors) = EditBlockParser.Parse("shop/cart.py\n<<<<<<< SEARCH\nx\n");

        Assert.Empty(blocks);
        Assert.Contains("not closed", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ExactMatch_ReplacesIt()
    {
        var (edits, errors) = EditBlockApplier.Apply(_repo.Path, [new EditBlock("shop/cart.py", "        result += item.price", "        result += item.price * item.quantity")]);

        Assert.Empty(errors);
        Assert.Contains("result += item.price * item.quantity\n    return result\n\n\ndef count", Apply(Code, edits), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_IndentationDrift_MatchesAndReindentsTheReplacement()
    {
        var block = new EditBlock("shop/cart.py", "for item in items:\n    result += item.price", "for item in items:\n    result += item.price * item.quantity");

        var (edits, errors) = EditBlockApplier.Apply(_repo.Path, [block]);

        Assert.Empty(errors);
        Assert.Contains("    for item in items:\n        result += item.price * item.quantity\n", Apply(Code, edits), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TrailingWhitespaceDrift_Matches()
    {
        var (edits, errors) = EditBlockApplier.Apply(_repo.Path, [new EditBlock("shop/cart.py", "    for item in items:   \n        result += item.price  ", "    for item in items:\n        result -= item.price")]);

        Assert.Empty(errors);
        Assert.Contains("        result -= item.price\n", Apply(Code, edits), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NoMatch_SaysWhereAndWhatDiffers()
    {
        var (edits, errors) = EditBlockApplier.Apply(_repo.Path, [new EditBlock("shop/cart.py", "    for item in items:\n        result += item.cost", "x")]);

        Assert.Empty(edits);
        var error = Assert.Single(errors);
        Assert.Contains("lines 3-4", error, StringComparison.Ordinal);
        Assert.Contains("`result += item.price`", error, StringComparison.Ordinal);
        Assert.Contains("`result += item.cost`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AmbiguousSearch_AsksForMoreContext()
    {
        var (_, errors) = EditBlockApplier.Apply(_repo.Path, [new EditBlock("shop/cart.py", "    result = 0", "    result = 1")]);

        Assert.Contains("occurs 2 times", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.py", "outside the repository")]
    [InlineData("/etc/passwd", "outside the repository")]
    [InlineData("shop/missing.py", "not a file of the repository")]
    public void Apply_PathOutsideOrMissing_IsRefused(string path, string expected)
    {
        var (edits, errors) = EditBlockApplier.Apply(_repo.Path, [new EditBlock(path, "x", "y")]);

        Assert.Empty(edits);
        Assert.Contains(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();
}
