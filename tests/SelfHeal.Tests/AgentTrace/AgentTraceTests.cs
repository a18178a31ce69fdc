using System.Text.Json.Nodes;
using SelfHeal.AgentTrace;
using SelfHeal.Git;
using SelfHeal.Processes;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.AgentTrace;

/// <summary>Agent Trace records on real git: written as notes, valid against the specification's schema, and followed by blame.</summary>
public sealed class AgentTraceTests : IDisposable
{
    private static readonly string[] Human = ["-c", "user.name=Ada", "-c", "user.email=ada@example.com"];
    private static readonly string[] Bot = ["-c", "user.name=SelfHeal", "-c", "user.email=selfheal@example.com"];

    private readonly GitClient _git = new(new ProcessRunner());
    private GitRepository? _repo;

    private TraceNotes Notes => new(_git);

    [Fact]
    public async Task Record_OfAFixCommit_ValidatesAgainstTheSchemaAndIsStoredAsANote()
    {
        var (repo, fix) = await FixedRepositoryAsync();

        var record = await Notes.ReadAsync(repo.Path, fix);

        Assert.NotNull(record);
        Assert.Empty(TraceSchema.Validate(TraceNotes.Serialize(record)));
        Assert.Equal(TraceRecord.CurrentVersion, record.Version);
        Assert.Equal(new TraceVcs("git", fix), record.Vcs);
        Assert.Equal("selfheal", record.Tool!.Name);
        var file = Assert.Single(record.Files);
        Assert.Equal("shop/cart.py", file.Path);
        var conversation = Assert.Single(file.Conversations);
        Assert.Equal(new TraceContributor("ai") { ModelId = "openai/gpt-4.1" }, conversation.Contributor);
        var range = Assert.Single(conversation.Ranges);
        Assert.Equal((4, 4), (range.StartLine, range.EndLine));
        Assert.Equal(TraceContent.Hash(["        total += item.price * item.quantity"]), range.ContentHash);
        Assert.Equal("run-1", record.Metadata![TraceRecord.MetadataKey]!["runId"]!.GetValue<string>());
        Assert.Contains(TraceNotes.Ref, await repo.GitAsync("config", "--get-all", "notes.rewriteRef"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":"0.1.0","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-25T10:00:00Z","files":[]}""", "version")]
    [InlineData("""{"version":"0.1","id":"not-a-uuid","timestamp":"2026-01-25T10:00:00Z","files":[]}""", "id")]
    [InlineData("""{"version":"0.1","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-25T10:00:00Z","files":[{"path":"a","conversations":[{"contributor":{"type":"robot"},"ranges":[]}]}]}""", "type")]
    [InlineData("""{"version":"0.1","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-25T10:00:00Z","files":[{"path":"a","conversations":[{"ranges":[{"start_line":0,"end_line":1}]}]}]}""", "start_line")]
    [InlineData("""{"version":"0.1","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-25T10:00:00Z"}""", "files")]
    [InlineData("""{"version":"0.1","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-25T10:00:00Z","files":[],"extra":1}""", "extra")]
    public void Schema_RejectsRecordsTheSpecificationDoesNotAllow(string json, string where) =>
        Assert.Contains(TraceSchema.Validate(json), p => p.Contains(where, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Schema_AcceptsTheSpecificationsMinimalRecord() =>
        Assert.Empty(TraceSchema.Validate("""{"version":"0.1","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-25T10:00:00Z","files":[{"path":"src/app.ts","conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":1,"end_line":50}]}]}]}"""));

    [Fact]
    public async Task Blame_TellsTheAiLineFromTheHumanOnes()
    {
        var (repo, fix) = await FixedRepositoryAsync();

        var lines = await new TraceAttribution(_git, Notes).BlameAsync(repo.Path, "shop/cart.py");

        var ai = Assert.Single(lines, l => l.Contributor == "ai");
        Assert.Equal((4, fix, "openai/gpt-4.1", "run-1", "note"), (ai.Line, ai.Commit, ai.ModelId, ai.RunId, ai.Via));
        Assert.All(lines.Where(l => l.Line != 4), l => Assert.Equal(("human", "Ada"), (l.Contributor, l.Author)));
    }

    [Fact]
    public async Task Blame_FollowsTheAiLineAcrossARenameAndAMoveWithinTheFile()
    {
        var (repo, _) = await FixedRepositoryAsync();
        await repo.GitAsync("mv", "shop/cart.py", "shop/basket.py");
        await repo.GitAsync([.. Human, "commit", "-q", "-m", "rename"]);
        // Move the function with the AI line below a new human-written one.
        repo.Write("shop/basket.py", "def empty():\n    return 0\n\n\n" + repo.Read("shop/basket.py"));
        await repo.GitAsync([.. Human, "commit", "-q", "-am", "move"]);

        var lines = await new TraceAttribution(_git, Notes).BlameAsync(repo.Path, "shop/basket.py");

        var ai = Assert.Single(lines, l => l.Contributor == "ai");
        Assert.Equal((8, "        total += item.price * item.quantity"), (ai.Line, ai.Text));
        Assert.Equal(["Ada"], lines.Where(l => l.Line <= 2).Select(l => l.Author).Distinct());
    }

    [Fact]
    public async Task Blame_AfterARebase_TheNoteTravelsWithTheRewrittenCommit()
    {
        var (repo, fix) = await FixedRepositoryAsync(onBranch: true);
        await repo.GitAsync("checkout", "-q", "main");
        repo.Write("README.md", "shop\n");
        await repo.CommitAllAsync("readme");
        await repo.GitAsync([.. Bot, "rebase", "-q", "main", "fix"]);
        var rebased = (await repo.GitAsync("rev-parse", "fix")).Trim();

        var lines = await new TraceAttribution(_git, Notes).BlameAsync(repo.Path, "shop/cart.py", 4);

        Assert.NotEqual(fix, rebased);
        var line = Assert.Single(lines);
        Assert.Equal(("ai", rebased, "note"), (line.Contributor, line.Commit, line.Via));
    }

    [Fact]
    public async Task Blame_AfterACherryPick_MatchesTheTracedCommitByPatchId()
    {
        var (repo, fix) = await FixedRepositoryAsync(onBranch: true);
        await repo.GitAsync("checkout", "-q", "main");
        repo.Write("README.md", "shop\n");
        await repo.CommitAllAsync("readme");
        await repo.GitAsync([.. Human, "cherry-pick", fix]);
        var picked = (await repo.GitAsync("rev-parse", "HEAD")).Trim();

        var lines = await new TraceAttribution(_git, Notes).BlameAsync(repo.Path, "shop/cart.py", 4);

        var line = Assert.Single(lines);
        Assert.Equal(("ai", picked, "patch-id", "openai/gpt-4.1"), (line.Contributor, line.Commit, line.Via, line.ModelId));
        Assert.Null(await Notes.ReadAsync(repo.Path, picked));
    }

    [Fact]
    public async Task Blame_SameCodeRecommittedWithOtherChanges_MatchesByContentHash()
    {
        var (repo, _) = await FixedRepositoryAsync(onBranch: true);
        await repo.GitAsync("checkout", "-q", "main");
        // A person applies the fix by hand, re-indented, together with an unrelated change: no note, another patch id.
        repo.Write("shop/cart.py", repo.Read("shop/cart.py").Replace("        total += item.price\n", "        total += item.price * item.quantity   \n", StringComparison.Ordinal));
        repo.Write("shop/tax.py", "RATE = 0.2\n");
        await repo.CommitAllAsync("apply the fix with the tax rate");

        var line = Assert.Single(await new TraceAttribution(_git, Notes).BlameAsync(repo.Path, "shop/cart.py", 4));

        Assert.Equal(("ai", "content-hash", "run-1"), (line.Contributor, line.Via, line.RunId));
    }

    /// <summary>A repository with a human commit and, on main or on branch <c>fix</c>, an AI fix of line 4 with its trace.</summary>
    private async Task<(GitRepository Repo, string Fix)> FixedRepositoryAsync(bool onBranch = false)
    {
        var repo = _repo = await GitRepository.InitAsync();
        repo.Write("shop/cart.py", "def total(items):\n    total = 0\n    for item in items:\n        total += item.price\n    return total\n");
        await repo.GitAsync("add", "-A");
        await repo.GitAsync([.. Human, "commit", "-q", "-m", "cart"]);
        if (onBranch)
        {
            await repo.GitAsync("checkout", "-q", "-b", "fix");
        }
        repo.Write("shop/cart.py", repo.Read("shop/cart.py").Replace("item.price\n", "item.price * item.quantity\n", StringComparison.Ordinal));
        await repo.GitAsync([.. Bot, "commit", "-q", "-am", "Fix: totals ignore quantity"]);
        var fix = (await repo.GitAsync("rev-parse", "HEAD")).Trim();
        var author = new TraceAuthor("ai", "openai/gpt-4.1", "selfheal://runs/run-1", new JsonObject { ["runId"] = "run-1", ["report"] = "Totals ignore quantity" });
        var record = await new TraceRecorder(_git, TimeProvider.System).RecordAsync(repo.Path, fix, author);
        await Notes.WriteAsync(repo.Path, record, "SelfHeal", "selfheal@example.com");
        return (repo, fix);
    }

    public void Dispose() => _repo?.Dispose();
}

public sealed class TraceModelIdTests
{
    [Theory]
    [InlineData("llm-agentless", "search-replace (openai:gpt-4.1)", "openai/gpt-4.1")]
    [InlineData("llm-agentless", "search-replace (anthropic:claude-sonnet-4-5)", "anthropic/claude-sonnet-4-5")]
    [InlineData("csharp-templates", "relational-operator", "selfheal/csharp-templates")]
    [InlineData("token-templates", "bound (+1)", "selfheal/token-templates")]
    public void ModelIdOf_NamesTheModelOrTheOfflineEngine(string engine, string template, string expected) =>
        Assert.Equal(expected, SelfHeal.Delivery.LocalDeliverStage.ModelIdOf(new SelfHeal.Runs.PatchChosen(engine, template, "change", "a.py", 1, "diff", [], [])));
}
