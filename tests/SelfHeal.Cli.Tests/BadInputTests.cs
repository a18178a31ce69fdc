using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary>Bad input gets a clear message and exit code 2: never a stack trace, never a hang.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CliProcess _cli = new();
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Diagnose_PathIsNotARepository_SaysSoAndExits2()
    {
        var result = await _cli.RunAsync("diagnose", "--repo", _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a git repository", result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result.Output);
    }

    [Theory]
    [InlineData("--push", "missing.git", "--push: the remote")]
    [InlineData("--base", "main", "--base only applies with --push")]
    public async Task Fix_BadDeliveryOption_SaysWhatToDoAndExits2(string option, string value, string expected)
    {
        using var repo = await GitRepository.InitAsync();

        var result = await _cli.RunAsync("fix", "--repo", repo.Path, option, option == "--push" ? _dir.Combine(value) : value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result.Output);
    }

    [Theory]
    [InlineData("bitbucket", "is not a forge SelfHeal knows")]
    [InlineData("github", "--pull-request github: which repository?")]
    [InlineData("gitlab", "--pull-request gitlab needs a project and a token")]
    public async Task Fix_PullRequestNotConfigured_SaysWhatToSetAndExits2(string forge, string expected)
    {
        using var repo = await GitRepository.InitAsync();

        var result = await _cli.RunAsync(["fix", "--repo", repo.Path, "--pull-request", forge], null, null, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = null, ["GITLAB_TOKEN"] = null });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result.Output);
    }

    [Fact]
    public async Task Diagnose_PathDoesNotExist_SaysSoAndExits2()
    {
        var result = await _cli.RunAsync("diagnose", "--repo", _dir.Combine("missing"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result.Output);
    }

    [Fact]
    public async Task Diagnose_EmptyLog_SaysSoAndExits2()
    {
        using var repo = await GitRepository.InitAsync();
        var log = _dir.Combine("empty.log");
        File.WriteAllText(log, "\n  \n");

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--log", log);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is empty", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_BinaryLog_SaysSoAndExits2()
    {
        using var repo = await GitRepository.InitAsync();
        var log = _dir.Combine("core.bin");
        File.WriteAllBytes(log, [0x7f, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2, 3, 0, 0xff]);

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--log", log);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("binary", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_HundredMegabyteLog_RefusedQuicklyWithAdvice()
    {
        using var repo = await GitRepository.InitAsync();
        var log = _dir.Combine("huge.log");
        await using (var stream = File.Create(log))
        {
            stream.SetLength(100L * 1024 * 1024);
        }

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--log", log);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("100 MB", result.Output, StringComparison.Ordinal);
        Assert.Contains("tail -c", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_TestCommandNotFound_SaysWhichCommand()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("README.md", "hello");
        await repo.CommitAllAsync();

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--test", "no-such-test-tool --all");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-test-tool", result.Output, StringComparison.Ordinal);
        Assert.Contains("not found", result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result.Output);
    }

    [Fact]
    public async Task Diagnose_RepositoryWithoutTests_SaysHowToGoOn()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("README.md", "just docs");
        await repo.CommitAllAsync();

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No tests were found", result.Output, StringComparison.Ordinal);
        Assert.Contains("--test", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_PrintsUsageHintAndExits2()
    {
        var result = await _cli.RunAsync("diagnose", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("selfheal --help", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsShow_UnknownRun_SaysHowToListRuns()
    {
        var result = await _cli.RunAsync("runs", "show", "20990101-000000-zzzz");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("selfheal runs", result.Output, StringComparison.Ordinal);
    }

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotMatch(@"^\s+at \S+\(.*\)", output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)) ?? "");

    public void Dispose()
    {
        _cli.Dispose();
        _dir.Dispose();
    }
}
