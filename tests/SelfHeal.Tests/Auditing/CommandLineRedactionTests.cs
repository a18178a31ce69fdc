using SelfHeal.Auditing;

namespace SelfHeal.Tests.Auditing;

public sealed class CommandLineRedactionTests
{
    [Theory]
    [InlineData(new[] { "push", "--token", "abc123", "origin" }, new[] { "push", "--token", "[REDACTED]", "origin" })]
    [InlineData(new[] { "--password=hunter2", "-q" }, new[] { "--password=[REDACTED]", "-q" })]
    [InlineData(new[] { "build", "-p:NuGetApiKey=oy2abc" }, new[] { "build", "-p:NuGetApiKey=[REDACTED]" })]
    [InlineData(new[] { "-c", "API_TOKEN=s3cr3t pytest -q --db-password 'p w'" }, new[] { "-c", "API_TOKEN=[REDACTED] pytest -q --db-password [REDACTED]" })]
    public void Redact_SecretOptionValues_AreHidden(string[] arguments, string[] expected)
    {
        Assert.Equal(expected, CommandLineRedaction.Redact(arguments));
    }

    [Theory]
    [InlineData("test", "--logger", "trx;LogFilePrefix=selfheal", "--filter", "FullyQualifiedName=Shop.Tests.TokenParserTests")]
    [InlineData("-c", "core.hooksPath=/dev/null", "blame", "--line-porcelain", "--", "src/passwords.md")]
    public void Redact_OrdinaryArguments_AreKept(params string[] arguments)
    {
        Assert.Equal(arguments, CommandLineRedaction.Redact(arguments));
    }
}
