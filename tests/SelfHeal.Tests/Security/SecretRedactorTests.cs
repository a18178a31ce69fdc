using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Security;

namespace SelfHeal.Tests.Security;

public sealed class SecretRedactorTests
{
    private readonly SecretRedactor _redactor = SecretRedactor.Instance;

    [Fact]
    public void Redact_ProviderTokenAndGenericPassword_ReplacesOnlyTheSecrets()
    {
        var text = $"export GITHUB_TOKEN={SecurityTestData.GitHubToken}; db_password = \"q8V#mZ2r!Lx9pT4wK7sN\"";

        var redacted = _redactor.Redact(text);

        Assert.Equal("export GITHUB_TOKEN=[REDACTED:secret-github-token]; db_password = \"[REDACTED:secret-generic-assignment]\"", redacted);
    }

    [Fact]
    public void Redact_Base64AndLookalikeSecrets_Redacted()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(SecurityTestData.GitHubToken));

        Assert.Equal("token: [REDACTED:secret-github-token]", _redactor.Redact($"token: {encoded}"));
        Assert.Equal("key [REDACTED:secret-aws-access-key]", _redactor.Redact("key \u0410KIAIOSF\u200BODNN7EXAMPLE"));
    }

    [Fact]
    public void Redact_TextWithoutSecrets_Unchanged()
    {
        const string text = "ran pytest -q in /repo: 3 failed, 41 passed (order_total == 4)";

        Assert.Same(text, _redactor.Redact(text));
    }

    [Fact]
    public void Redact_JsonDetail_RedactsNestedStringValues()
    {
        var node = JsonNode.Parse($$"""{"command":"curl -H 'Authorization: Bearer {{SecurityTestData.Jwt}}'","exitCode":0,"env":["SLACK={{SecurityTestData.SlackToken}}"]}""");

        var redacted = _redactor.Redact(node)!.ToJsonString(SelfHeal.Runs.RunJson.Options);

        Assert.Equal("""{"command":"curl -H 'Authorization: Bearer [REDACTED:secret-jwt]'","exitCode":0,"env":["SLACK=[REDACTED:secret-slack-token]"]}""", redacted);
    }

    [Fact]
    public void Redact_MegabyteOfWordCharacters_CompletesAndFindsTheSecret()
    {
        var blob = new string('a', 1_000_000) + $" token={SecurityTestData.GitHubToken}";

        var redacted = _redactor.Redact(blob);

        Assert.EndsWith(" token=[REDACTED:secret-github-token]", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecurityScanning_ResolvesScannerAndRedactor()
    {
        using var provider = new ServiceCollection().AddSecurityScanning(o => o.SecretsBlock = false).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<DiffSecurityScanner>());
        Assert.Same(SecretRedactor.Instance, provider.GetRequiredService<SecretRedactor>());
    }
}
