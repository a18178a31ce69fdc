using SelfHeal.Code;
using SelfHeal.Git;
using SelfHeal.Localization.Signals;
using SelfHeal.Processes;

namespace SelfHeal.Tests.Localization;

public class HistorySignalTests
{
    [Fact]
    public async Task ScoreAsync_LineChangedInALaterCommit_ScoresAboveTheRestOfItsFile()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-py");
        var path = repo.Combine("shop", "cart.py");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("if subtotal > 100:", "if subtotal > 100.0:", StringComparison.Ordinal));
        await LocalizationTestData.CommitAllAsync(repo.Path, "Compare with a float", "2024-03-01T10:00:00Z");
        var git = new GitClient(new ProcessRunner());
        var tree = await SourceTree.LoadAsync(repo.Path, git);

        var scores = await new HistorySignal(git).ScoreAsync(tree, ["shop/cart.py"]);

        var hit = Assert.Single(scores.Hits);
        Assert.Equal(new SuspectSpan("shop/cart.py", 31, 31), hit.Key);
        Assert.Equal(1.0, hit.Value.Value, 6);
        Assert.StartsWith("changed 2024-03-01 (", hit.Value.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_EveryLineFromOneCommit_ContributesNothing()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-py");
        var git = new GitClient(new ProcessRunner());
        var tree = await SourceTree.LoadAsync(repo.Path, git);

        var scores = await new HistorySignal(git).ScoreAsync(tree, ["shop/cart.py", "tests/test_cart.py"]);

        Assert.Empty(scores.Hits);
    }

    [Fact]
    public void Parse_LinePorcelain_ReadsCommitAndTimePerFinalLine()
    {
        const string porcelain = """
            1111111111111111111111111111111111111111 1 1 2
            author A
            committer-time 1700000000
            filename a.py
            	x = 1
            2222222222222222222222222222222222222222 2 2
            committer-time 1800000000
            filename a.py
            	y = 2
            """;

        var lines = HistorySignal.Parse(porcelain, 2);

        Assert.Equal(new BlameLine("1111111111111111111111111111111111111111", 1700000000), lines[0]);
        Assert.Equal(new BlameLine("2222222222222222222222222222222222222222", 1800000000), lines[1]);
    }
}
