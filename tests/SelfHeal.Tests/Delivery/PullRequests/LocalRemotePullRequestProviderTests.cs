using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.AgentTrace;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Git;
using SelfHeal.Processes;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.PullRequests;

/// <summary>Requests in a plain bare remote, with real git: pushed with their notes, found again, merged when allowed.</summary>
public sealed class LocalRemotePullRequestProviderTests : IDisposable
{
    private readonly TempDirectory _remoteDir = new("selfheal-remote");
    private readonly GitClient _git = new(new ProcessRunner());

    private string Remote => Path.Combine(_remoteDir.Path, "origin.git");

    [Fact]
    public async Task Open_NewBranch_PushesBranchAndNotesAndRecordsTheRequest()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider();

        var opened = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1", draft: true));

        Assert.Equal(("local", "1", true, true), (opened.Provider, opened.Number, opened.Draft, opened.Created));
        Assert.EndsWith("origin.git#refs/selfheal/requests/1", opened.Url, StringComparison.Ordinal);
        var head = (await repo.GitAsync("rev-parse", "selfheal/run-1")).Trim();
        Assert.Equal(head, opened.HeadCommit);
        Assert.Equal(head, (await RemoteGit("rev-parse", "refs/heads/selfheal/run-1")).Trim());
        Assert.Contains("\"model_id\"", await RemoteGit("notes", "--ref", "agent-trace", "show", head), StringComparison.Ordinal);
        using var record = JsonDocument.Parse(await RemoteGit("show", "refs/selfheal/requests/1:request.json"));
        Assert.Equal("selfheal/run-1", record.RootElement.GetProperty("head").GetString());
        Assert.Equal("main", record.RootElement.GetProperty("base").GetString());
        Assert.Equal(["selfheal", "auto-fix"], record.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["alice"], record.RootElement.GetProperty("reviewers").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("## Body\n", await RemoteGit("show", "refs/selfheal/requests/1:body.md"));
    }

    [Fact]
    public async Task Open_SameBranchTwice_ReturnsTheOpenRequest()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider();

        var first = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1"));
        var again = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1"));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Number, again.Number);
        Assert.Single((await RemoteGit("for-each-ref", "refs/selfheal/requests/")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Open_TwoRuns_NumberedInOrderAndBothNotesKept()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        await AddFixBranchAsync(repo, "selfheal/run-2", "b.txt");
        var provider = Provider();

        var first = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1"));
        var second = await provider.OpenAsync(Request(repo.Path, "selfheal/run-2"));

        Assert.Equal(("1", "2"), (first.Number, second.Number));
        Assert.Contains("ai", await RemoteGit("notes", "--ref", "agent-trace", "show", first.HeadCommit), StringComparison.Ordinal);
        Assert.Contains("ai", await RemoteGit("notes", "--ref", "agent-trace", "show", second.HeadCommit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NotesAlreadyInTheRemoteFromAnotherClone_AreMergedNotOverwritten()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        using var other = await GitRepository.InitAsync();
        await other.GitAsync("fetch", "-q", Remote, "main:refs/remotes/origin/main");
        await other.GitAsync("reset", "-q", "--hard", "origin/main");
        other.Write("other.txt", "other\n");
        var otherCommit = await other.CommitAllAsync("other fix");
        await other.GitAsync("checkout", "-q", "-b", "selfheal/run-9");
        await other.GitAsync("-c", "user.name=T", "-c", "user.email=t@example.com", "notes", "--ref", "agent-trace", "add", "-m", "{\"other\":true}", otherCommit);
        await Provider().OpenAsync(Request(other.Path, "selfheal/run-9"));

        var opened = await Provider().OpenAsync(Request(repo.Path, "selfheal/run-1"));

        Assert.Contains("other", await RemoteGit("notes", "--ref", "agent-trace", "show", otherCommit), StringComparison.Ordinal);
        Assert.Contains("model_id", await RemoteGit("notes", "--ref", "agent-trace", "show", opened.HeadCommit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_DraftRequest_IsLeftOpen()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider();
        var opened = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1", draft: true));

        var merge = await provider.MergeAsync(opened);

        Assert.False(merge.Merged);
        Assert.Contains("draft", merge.Detail, StringComparison.Ordinal);
        Assert.NotEqual(opened.HeadCommit, (await RemoteGit("rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Merge_BaseNotMoved_FastForwardsAndRecordsIt()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider();
        var opened = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1"));

        var merge = await provider.MergeAsync(opened);
        var again = await provider.MergeAsync(opened);

        Assert.True(merge.Merged, merge.Detail);
        Assert.Equal(opened.HeadCommit, (await RemoteGit("rev-parse", "main")).Trim());
        Assert.True(again.Merged);
        Assert.StartsWith("already merged", again.Detail, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"merged\"", await RemoteGit("show", "refs/selfheal/requests/1:request.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_BaseMovedWithoutConflict_CreatesAMergeCommit()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider();
        var opened = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1"));
        await repo.GitAsync("checkout", "-q", "main");
        repo.Write("unrelated.txt", "someone else's change\n");
        await repo.CommitAllAsync("unrelated");
        await repo.GitAsync("push", "-q", Remote, "main");

        var merge = await provider.MergeAsync(opened);

        Assert.True(merge.Merged, merge.Detail);
        var parents = (await RemoteGit("rev-list", "--parents", "-n", "1", "main")).Trim().Split(' ');
        Assert.Equal(3, parents.Length);
        Assert.Contains(opened.HeadCommit, parents);
    }

    [Fact]
    public async Task Merge_Conflict_IsLeftForAHuman()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider();
        var opened = await provider.OpenAsync(Request(repo.Path, "selfheal/run-1"));
        await repo.GitAsync("checkout", "-q", "main");
        repo.Write("a.txt", "a conflicting line\n");
        await repo.CommitAllAsync("conflict");
        await repo.GitAsync("push", "-q", Remote, "main");
        var before = (await RemoteGit("rev-parse", "main")).Trim();

        var merge = await provider.MergeAsync(opened);

        Assert.False(merge.Merged);
        Assert.Contains("conflicts with main", merge.Detail, StringComparison.Ordinal);
        Assert.Equal(before, (await RemoteGit("rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Open_MissingRemote_SaysWhatIsWrong()
    {
        using var repo = await RepoWithFixAsync("selfheal/run-1");
        var provider = Provider(Path.Combine(_remoteDir.Path, "nowhere.git"));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request(repo.Path, "selfheal/run-1")));

        Assert.Equal(PullRequestFailure.NotFound, e.Failure);
        Assert.Contains("nowhere.git", e.Message, StringComparison.Ordinal);
        Assert.Contains("Check the remote URL", e.Message, StringComparison.Ordinal);
    }

    private LocalRemotePullRequestProvider Provider(string? remote = null) =>
        new(_git, new BranchPublisher(_git), Options.Create(new LocalRemoteOptions { RemoteUrl = remote ?? Remote }), TimeProvider.System);

    private static PullRequestRequest Request(string repo, string branch, bool draft = false) =>
        new(repo, branch, "main", "Fix: a bug", "## Body\n", ["selfheal", "auto-fix"], ["alice"], draft);

    /// <summary>A repository with main pushed to a new bare remote, and a fix branch with a trace note.</summary>
    private async Task<GitRepository> RepoWithFixAsync(string branch)
    {
        var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "a\n");
        await repo.CommitAllAsync("initial");
        await repo.GitAsync("init", "-q", "--bare", "-b", "main", Remote);
        await repo.GitAsync("push", "-q", Remote, "main");
        await AddFixBranchAsync(repo, branch, "a.txt");
        return repo;
    }

    private static async Task AddFixBranchAsync(GitRepository repo, string branch, string file)
    {
        await repo.GitAsync("checkout", "-q", "-b", branch, "main");
        repo.Write(file, "fixed\n");
        var commit = await repo.CommitAllAsync("Fix: " + branch);
        await repo.GitAsync("-c", "user.name=SelfHeal", "-c", "user.email=selfheal@localhost", "notes", $"--ref={TraceNotes.Ref}", "add", "-m", "{\"contributor\":\"ai\",\"model_id\":\"selfheal/test\"}", commit);
    }

    private async Task<string> RemoteGit(params string[] arguments)
    {
        var result = await _git.RunAsync(_remoteDir.Path, ["--git-dir", Remote, .. arguments]);
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)}: {result.Output}");
        return result.Output;
    }

    public void Dispose() => _remoteDir.Dispose();
}
