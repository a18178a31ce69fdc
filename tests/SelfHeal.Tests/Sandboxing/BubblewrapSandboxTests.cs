using System.Net;
using System.Net.Sockets;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Sandboxing;

[Collection(SandboxCollection.Name)]
public sealed class BubblewrapSandboxTests
{
    [Fact]
    public void Bubblewrap_Always_IsIsolated()
    {
        var sandbox = SandboxHarness.Bubblewrap();

        Assert.Equal("bubblewrap", sandbox.Name);
        Assert.True(sandbox.IsIsolated);
    }

    [Theory]
    [InlineData("dotnet --version", "10.")]
    [InlineData("python3 -c 'print(6 * 7)'", "42")]
    [InlineData("git --version", "git version")]
    public async Task RunAsync_Toolchain_IsReachableWithDefaultLimits(string commandLine, string expected)
    {
        using var harness = new SandboxHarness();

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.Shell(commandLine));

        Assert.True(result.Succeeded, $"{result.ExitCode} {result.TimedOut} {result.StartError} {result.Containment} {result.Warning} {result.Output}");
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Null(result.Containment);
    }

    [Fact]
    public async Task RunAsync_WriteToWorktreeAndUsr_OnlyWorktreeIsWritable()
    {
        using var harness = new SandboxHarness();

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.Shell($"echo built > out.txt && touch /usr/selfheal-{harness.Mark}"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("built\n", File.ReadAllText(Path.Combine(harness.Worktree, "out.txt")));
        Assert.Contains("Read-only file system", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists($"/usr/selfheal-{harness.Mark}"));
    }

    [Fact]
    public async Task RunAsync_HomeOverriddenBySpec_HomeIsPrivateAndWritable()
    {
        using var harness = new SandboxHarness();
        var command = harness.Shell("echo \"$HOME\" && touch \"$HOME/x\" && ls -A \"$HOME\" && echo \"$TERM\"");
        command = command with { Spec = command.Spec with { Environment = new Dictionary<string, string?> { ["HOME"] = harness.Parent } } };

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal("/home/sandbox\nx\ndumb\n", result.Output);
    }

    [Fact]
    public async Task RunAsync_UnlistedHostFolders_AreInvisible()
    {
        using var harness = new SandboxHarness();

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.Shell(
            $"for p in /run /srv /var/lib {harness.Parent}/home; do test -e $p && echo \"VISIBLE $p\"; done; cat /etc/shadow 2>/dev/null | wc -c"));

        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain("VISIBLE", result.Output, StringComparison.Ordinal);
        Assert.Equal("0", result.Output.Trim());
    }

    [Fact]
    public async Task RunAsync_PathNamesRootAndHomeFolders_TheyStayHidden()
    {
        using var harness = new SandboxHarness();
        var command = harness.Shell($"test -e {harness.Parent}/home && echo VISIBLE; test -e /home/{harness.Mark} && echo VISIBLE; echo done");
        command = command with
        {
            Spec = command.Spec with { Environment = new Dictionary<string, string?> { ["PATH"] = "/:/home:/run:/usr/bin:/bin" } },
        };
        Directory.CreateDirectory(Path.Combine(harness.Parent, "home"));

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal("done\n", result.Output);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectoryOutsideWritableRoot_ReturnsStartError()
    {
        using var harness = new SandboxHarness();
        var command = new SandboxedCommand(CommandSpec.Shell("true", harness.Parent), harness.Worktree);

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.False(result.Succeeded);
        Assert.Contains("outside the sandbox's writable folders", result.StartError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/usr")]
    [InlineData("/etc")]
    public async Task RunAsync_SystemFolderAsWritablePath_ReturnsStartError(string path)
    {
        using var harness = new SandboxHarness();
        var command = harness.Shell("true") with { ReadWritePaths = [path] };

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.Equal($"'{path}' holds system folders: it cannot be made writable in the sandbox", result.StartError);
    }

    [Fact]
    public async Task RunAsync_LimitsTooSmall_ReturnsStartError()
    {
        using var harness = new SandboxHarness();

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.Shell("true", new SandboxLimits { MaxProcesses = 1 }));

        Assert.StartsWith("sandbox limits too small to start anything", result.StartError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExtraReadWritePath_IsWritable()
    {
        using var harness = new SandboxHarness();
        var cache = Path.Combine(harness.Parent, "cache");
        Directory.CreateDirectory(cache);
        var command = harness.Shell($"echo cached > {cache}/package") with { ReadWritePaths = [cache] };

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal("cached\n", File.ReadAllText(Path.Combine(cache, "package")));
    }

    [Theory]
    [InlineData(false, "refused")]
    [InlineData(true, "connected")]
    public async Task RunAsync_LoopbackListenerOnHost_ReachableOnlyWithNetworkAllowed(bool allowNetwork, string expected)
    {
        using var harness = new SandboxHarness();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var probe = $"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=5).close()\n    print('connected')\nexcept OSError:\n    print('refused')";
            var command = new SandboxedCommand(new CommandSpec("python3", ["-c", probe], harness.Worktree), harness.Worktree) { AllowNetwork = allowNetwork };

            var result = await SandboxHarness.Bubblewrap().RunAsync(command);

            Assert.True(result.Succeeded, result.Output);
            Assert.Equal(expected, result.Output.Trim());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task RunAsync_CallingThreadExitsWhileCommandRuns_CommandCompletes()
    {
        // --die-with-parent fires when the thread that forked bwrap exits, not only the process.
        using var harness = new SandboxHarness();
        var sandbox = SandboxHarness.Bubblewrap();
        var started = Path.Combine(harness.Worktree, "started");
        Task<CommandResult>? run = null;
        var caller = new Thread(() =>
        {
            run = sandbox.RunAsync(harness.Shell("touch started; sleep 1; echo survived"));
            while (!File.Exists(started) && !run.IsCompleted)
            {
                Task.Delay(20).Wait();
            }
        });
        caller.Start();
        caller.Join();

        var result = await run!;

        Assert.True(result.Succeeded, $"{result.ExitCode} {result.Output}");
        Assert.Equal("survived\n", result.Output);
    }

    [Fact]
    public async Task RunAsync_ConcurrentCommands_EachSeesOnlyItsOwnWorktree()
    {
        using var first = new SandboxHarness();
        using var second = new SandboxHarness();
        var sandbox = SandboxHarness.Bubblewrap();

        var results = await Task.WhenAll(
            sandbox.RunAsync(first.Shell($"echo one > mine.txt; test -e {second.Worktree} && echo SEES-OTHER; cat mine.txt")),
            sandbox.RunAsync(second.Shell($"echo two > mine.txt; test -e {first.Worktree} && echo SEES-OTHER; cat mine.txt")));

        Assert.Equal(["one\n", "two\n"], results.Select(r => r.Output));
        Assert.Equal("one\n", File.ReadAllText(Path.Combine(first.Worktree, "mine.txt")));
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(second.Worktree, "mine.txt")));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsAndLeavesNoProcess()
    {
        using var harness = new SandboxHarness();
        using var cts = new CancellationTokenSource();
        var run = SandboxHarness.Bubblewrap().RunAsync(harness.Shell($"echo started; sleep 1000 # {harness.Mark}"), cts.Token);
        while (SandboxHarness.HostProcessesWith(harness.Mark).Count == 0 && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(SandboxHarness.HostProcessesWith(harness.Mark));
    }

    [Fact]
    public async Task RunAsync_ProgramNotFound_ReturnsStartError()
    {
        using var harness = new SandboxHarness();
        var command = new SandboxedCommand(new CommandSpec("no-such-program-here", [], harness.Worktree), harness.Worktree);

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.False(result.Succeeded);
        Assert.Contains("could not start 'no-such-program-here' in the sandbox", result.StartError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BubblewrapCannotCreateNamespaces_ThrowsSandboxUnavailable()
    {
        using var harness = new SandboxHarness();
        var fake = Path.Combine(AppContext.BaseDirectory, "TestData", "Sandboxing", "bwrap-without-namespaces.sh");
        var sandbox = SandboxFactory.Create(new SandboxOptions { BubblewrapPath = fake }, new ProcessRunner(), TimeProvider.System);

        var ex = await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.RunAsync(harness.Shell("true")));

        Assert.Contains("No permissions to create new namespace", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--sandbox none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithoutCgroups_DotnetRunsAndFallbackIsReported()
    {
        using var harness = new SandboxHarness();

        var result = await SandboxHarness.Bubblewrap(useCgroups: false).RunAsync(harness.Shell("dotnet --version"));

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("no cgroup could be created", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LinkedWorktreeWithRepositoryGitFolderReadOnly_GitWorksInside()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        await repo.CommitAllAsync("first commit");
        using var harness = new SandboxHarness();
        var worktree = Path.Combine(harness.Parent, "linked");
        await repo.GitAsync("worktree", "add", "-q", "--detach", worktree);
        var command = new SandboxedCommand(CommandSpec.Shell("git log -1 --format=%s && git status --porcelain && touch b.txt", worktree), worktree)
        {
            ReadOnlyPaths = [Path.Combine(repo.Path, ".git")],
        };

        var result = await SandboxHarness.Bubblewrap().RunAsync(command);

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal("first commit\n", result.Output);
        Assert.True(File.Exists(Path.Combine(worktree, "b.txt")));
    }
}
