using SelfHeal.Security;

namespace SelfHeal.Tests.Security;

public sealed class SecretScanningTests
{
    private readonly DiffSecurityScanner _scanner = new();

    [Fact]
    public void Scan_PlainSecrets_EveryProviderRuleFiresAndBlocks()
    {
        var result = _scanner.Scan(SecurityTestData.Diff("secrets-plain.diff"));

        Assert.True(result.IsBlocked);
        Assert.Empty(result.Advisory);
        Assert.Equal(
            [
                ("app/settings.py", 6, SecurityRuleIds.GenericSecret),
                ("app/settings.py", 8, SecurityRuleIds.PrivateKey),
                ("src/Billing/PaymentGateway.cs", 5, SecurityRuleIds.AwsAccessKey),
                ("src/Billing/PaymentGateway.cs", 6, SecurityRuleIds.GitHubToken),
                ("src/Billing/PaymentGateway.cs", 7, SecurityRuleIds.SlackToken),
                ("src/Billing/PaymentGateway.cs", 8, SecurityRuleIds.StripeKey),
                ("src/Billing/PaymentGateway.cs", 9, SecurityRuleIds.GoogleApiKey),
                ("src/Billing/PaymentGateway.cs", 10, SecurityRuleIds.AnthropicKey),
                ("src/Billing/PaymentGateway.cs", 11, SecurityRuleIds.OpenAiKey),
                ("src/Billing/PaymentGateway.cs", 12, SecurityRuleIds.Jwt),
            ],
            result.Blocking.Select(f => (f.File, f.Line, f.RuleId)).Order());
        Assert.All(result.Blocking, f => Assert.DoesNotContain(SecurityTestData.GitHubToken, f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_SecretSplitAcrossConsecutiveLines_Detected()
    {
        var result = _scanner.Scan(SecurityTestData.Diff("secret-split-lines.diff"));

        Assert.Equal(
            [
                ("app/settings.py", 6, SecurityRuleIds.GitHubToken, "split across lines 6-9"),
                ("src/Billing/PaymentGateway.cs", 5, SecurityRuleIds.AwsAccessKey, "split across lines 5-7"),
            ],
            result.Blocking.Select(f => (f.File, f.Line, f.RuleId, f.Message[(f.Message.IndexOf('(', StringComparison.Ordinal) + 1)..^1])).Order());
    }

    [Fact]
    public void Scan_Base64EncodedSecret_Detected()
    {
        var finding = Assert.Single(_scanner.Scan(SecurityTestData.Diff("secret-base64.diff")).Blocking);

        Assert.Equal((SecurityRuleIds.GitHubToken, 8), (finding.RuleId, finding.Line));
        Assert.EndsWith("(base64-encoded)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_CyrillicLetterAndZeroWidthSpaceInKey_Detected()
    {
        var finding = Assert.Single(_scanner.Scan(SecurityTestData.Diff("secret-lookalike.diff")).Blocking);

        Assert.Equal(SecurityRuleIds.AwsAccessKey, finding.RuleId);
        Assert.Contains("look-alike or invisible characters", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conn = \"DefaultEndpointsProtocol=https;AccountName=shop;AccountKey={0}==\"", SecurityRuleIds.AzureStorageKey, "azure-storage")]
    [InlineData("ClientSecret = \"{0}\"", SecurityRuleIds.AzureClientSecret, "azure-client")]
    [InlineData("const headers = {{ \"x-api-key\": \"{0}\" }};", SecurityRuleIds.AnthropicKey, "anthropic")]
    [InlineData("api_key: str = \"{0}\"", SecurityRuleIds.GenericSecret, "random")]
    public void Scan_KeyShapes_Detected(string template, string rule, string shape)
    {
        var value = shape switch
        {
            "azure-storage" => string.Concat(Enumerable.Repeat("Ab3dE5gH7jK9", 7)) + "Mn",
            "azure-client" => "Abc" + "8Q~" + "xY1zW2vU3tS4rQ5pO6nM7lK8jI9hG0fE",
            "anthropic" => SecurityTestData.AnthropicKey,
            _ => "kX9#pL2$wQ7!zR4@",
        };
        var diff = $"--- a/src/app.cs\n+++ b/src/app.cs\n@@ -1 +1,2 @@\n x\n+{string.Format(System.Globalization.CultureInfo.InvariantCulture, template, value)}\n";

        var finding = Assert.Single(_scanner.Scan(SelfHeal.Patches.PatchDocument.Parse(diff).Document!).Blocking);

        Assert.Equal((rule, 2), (finding.RuleId, finding.Line));
    }

    [Theory]
    [InlineData("api_key = \"abababababababababab\"")]
    [InlineData("password = \"correct-horse\"")]
    [InlineData("token = os.environ[\"GITHUB_TOKEN\"]")]
    [InlineData("SECRET = \"{{ vault_secret_value_here }}\"")]
    public void Scan_LowEntropyOrIndirectValues_NoFindings(string line)
    {
        var diff = $"--- a/app/conf.py\n+++ b/app/conf.py\n@@ -1 +1,2 @@\n x\n+{line}\n";

        Assert.Empty(_scanner.Scan(SelfHeal.Patches.PatchDocument.Parse(diff).Document!).Findings);
    }

    [Fact]
    public void Scan_ConfigurationFromEnvironmentAndPlaceholders_NoFindings()
    {
        var result = _scanner.Scan(SecurityTestData.Diff("benign-config.diff"));

        Assert.Empty(result.Findings);
        Assert.Equal(1.0, result.Confidence);
    }

    [Fact]
    public void Scan_SecretsNotBlockingByOption_Advisory()
    {
        var scanner = new DiffSecurityScanner(Microsoft.Extensions.Options.Options.Create(
            new SecurityScanOptions { SecretsBlock = false, BlockingSeverities = [] }));

        var result = scanner.Scan(SecurityTestData.Diff("secret-base64.diff"));

        Assert.False(result.IsBlocked);
        Assert.Single(result.Advisory);
        Assert.Equal(0.4, result.Confidence, 3);
    }
}
