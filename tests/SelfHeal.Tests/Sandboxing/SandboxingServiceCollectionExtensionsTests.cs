using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Pipeline;
using SelfHeal.Sandboxing;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Sandboxing;

public sealed class SandboxingServiceCollectionExtensionsTests
{
    private static ISandbox Resolve(Action<SandboxOptions>? configure = null)
    {
        using var provider = new ServiceCollection().AddSandboxing(configure).BuildServiceProvider();
        return provider.GetRequiredService<ISandbox>();
    }

    [Fact]
    public void AddSandboxing_Defaults_ResolvesBubblewrap()
    {
        Requires.Tool("bwrap");

        var sandbox = Resolve();

        Assert.Equal("bubblewrap", sandbox.Name);
        Assert.True(sandbox.IsIsolated);
    }

    [Fact]
    public void AddSandboxing_BubblewrapMissing_ThrowsSandboxUnavailableWithInstallHint()
    {
        var ex = Assert.Throws<SandboxUnavailableException>(() => Resolve(o => o.BubblewrapPath = "/nonexistent/bin/bwrap"));

        Assert.IsAssignableFrom<RunAbortedException>(ex);
        Assert.Equal(
            "bubblewrap (bwrap) is not installed: apt-get install bubblewrap, or pass --sandbox none to run untrusted code without isolation",
            ex.Message);
    }

    [Fact]
    public void AddSandboxing_NoneWithoutAllowUnsandboxed_Throws()
    {
        var ex = Assert.Throws<SandboxUnavailableException>(() => Resolve(o => o.Kind = SandboxOptions.None));

        Assert.Contains("--sandbox none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSandboxing_UnknownKind_Throws()
    {
        var ex = Assert.Throws<SandboxUnavailableException>(() => Resolve(o => o.Kind = "docker"));

        Assert.Contains("unknown sandbox 'docker'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSandboxing_NoneAllowed_ResolvesUnisolatedSandbox()
    {
        var sandbox = Resolve(o =>
        {
            o.Kind = SandboxOptions.None;
            o.AllowUnsandboxed = true;
        });

        Assert.Equal("none", sandbox.Name);
        Assert.False(sandbox.IsIsolated);
    }
}
