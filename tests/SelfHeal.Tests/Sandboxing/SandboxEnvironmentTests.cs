using SelfHeal.Sandboxing;

namespace SelfHeal.Tests.Sandboxing;

public sealed class SandboxEnvironmentTests
{
    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("SECRET_TOKEN", true)]
    [InlineData("AWS_ACCESS_KEY_ID", true)]
    [InlineData("NUGET_API_KEY", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("STRIPE_KEY", true)]
    [InlineData("SSH_AUTH_SOCK", true)]
    [InlineData("client_secret", true)]
    [InlineData("PATH", false)]
    [InlineData("LANG", false)]
    [InlineData("NUGET_PACKAGES", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    public void LooksSecret_Name_Classifies(string name, bool secret) =>
        Assert.Equal(secret, SandboxEnvironment.LooksSecret(name));

    [Fact]
    public void Build_HostAndRequested_KeepsAllowListDropsSecretsAndFixesHome()
    {
        var host = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["LANG"] = "C.UTF-8",
            ["SECRET_TOKEN"] = "s3cr3t",
            ["EDITOR"] = "vi",
        };
        var requested = new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = "ghp_x",
            ["NUGET_PACKAGES"] = "/cache/nuget",
            ["HOME"] = "/root",
            ["LANG"] = null,
        };

        var (variables, withheld) = SandboxEnvironment.Build(requested, name => host.GetValueOrDefault(name));

        Assert.Equal("/usr/bin:/bin", variables["PATH"]);
        Assert.Equal("/cache/nuget", variables["NUGET_PACKAGES"]);
        Assert.Equal(SandboxEnvironment.Home, variables["HOME"]);
        Assert.Equal("dumb", variables["TERM"]);
        Assert.Equal("1", variables["DOTNET_CLI_TELEMETRY_OPTOUT"]);
        Assert.False(variables.ContainsKey("LANG"));
        Assert.False(variables.ContainsKey("SECRET_TOKEN"));
        Assert.False(variables.ContainsKey("EDITOR"));
        Assert.False(variables.ContainsKey("GITHUB_TOKEN"));
        Assert.Equal(["GITHUB_TOKEN"], withheld);
    }
}
