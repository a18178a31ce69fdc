using Microsoft.Extensions.Options;
using SelfHeal.Security;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Security;

public sealed class DangerousCodeScanningTests
{
    private readonly DiffSecurityScanner _scanner = new();

    [Theory]
    [InlineData("process-execution.diff", SecurityRuleIds.ProcessExecution, "src/Billing/PaymentGateway.cs app/db.py web/src/client.ts svc/src/main/java/shop/Orders.java cmd/tool/main.go")]
    [InlineData("dynamic-code.diff", SecurityRuleIds.DynamicCode, "src/Billing/PaymentGateway.cs app/db.py web/src/client.ts svc/src/main/java/shop/Orders.java cmd/tool/main.go")]
    [InlineData("unsafe-deserialization.diff", SecurityRuleIds.UnsafeDeserialization, "src/Billing/PaymentGateway.cs app/db.py svc/src/main/java/shop/Orders.java")]
    [InlineData("tls-disabled.diff", SecurityRuleIds.TlsValidationDisabled, "src/Billing/PaymentGateway.cs app/settings.py web/src/client.ts svc/src/main/java/shop/Orders.java cmd/tool/main.go")]
    [InlineData("sql-from-strings.diff", SecurityRuleIds.SqlInjection, "src/Billing/PaymentGateway.cs app/db.py web/src/client.ts svc/src/main/java/shop/Orders.java")]
    public void Scan_DangerousFamily_FlaggedInEveryLanguage(string diff, string rule, string files)
    {
        var result = _scanner.Scan(SecurityTestData.Diff(diff));

        var flagged = result.Findings.Where(f => f.RuleId == rule).Select(f => f.File).ToHashSet();
        Assert.Equal(files.Split(' ').Order(StringComparer.Ordinal), flagged.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scan_UnsafeDeserialization_CriticalAndBlocking()
    {
        var result = _scanner.Scan(SecurityTestData.Diff("unsafe-deserialization.diff"));

        Assert.True(result.IsBlocked);
        Assert.All(result.Blocking, f => Assert.Equal(SecuritySeverity.Critical, f.Severity));
        Assert.Contains(result.Blocking, f => f.File == "app/db.py" && f.Line == 8 && f.Message.Contains("yaml.load", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_HighSeverityByDefault_LowersConfidenceWithoutBlocking()
    {
        var result = _scanner.Scan(SecurityTestData.Diff("process-execution.diff"));

        Assert.False(result.IsBlocked);
        Assert.All(result.Advisory, f => Assert.Equal(SecuritySeverity.High, f.Severity));
        Assert.True(result.Confidence < 0.2, $"confidence {result.Confidence}");
    }

    [Fact]
    public void Scan_HighSeverityConfiguredToBlock_Blocks()
    {
        var scanner = new DiffSecurityScanner(Options.Create(new SecurityScanOptions { BlockingSeverities = [SecuritySeverity.High, SecuritySeverity.Critical] }));

        Assert.True(scanner.Scan(SecurityTestData.Diff("tls-disabled.diff")).IsBlocked);
    }

    [Fact]
    public void Scan_NewEndpointsAndSocket_FlaggedButNotTheHostAlreadyUsed()
    {
        var result = _scanner.Scan(SecurityTestData.Diff("network-endpoints.diff"));

        Assert.Equal(
            [
                ("cmd/tool/main.go", 15, SecurityRuleIds.NewNetworkClient),
                ("cmd/tool/main.go", 15, SecurityRuleIds.NewNetworkEndpoint),
                ("web/src/client.ts", 5, SecurityRuleIds.NewNetworkEndpoint),
            ],
            result.Findings.Select(f => (f.File, f.Line, f.RuleId)).Order());
        Assert.Contains(result.Findings, f => f.Message.Contains("collector.attacker.example.net", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Message.Contains("203.0.113.50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanAsync_EndpointUsedElsewhereInTheFile_NotNew()
    {
        using var repo = new TempDirectory("selfheal-scan");
        Directory.CreateDirectory(repo.Combine("web", "src"));
        File.WriteAllText(repo.Combine("web", "src", "client.ts"),
            "// reports go to https://collector.attacker.example.net/beacon\nexport const x = 1;\n");

        var result = await _scanner.ScanAsync(SecurityTestData.Diff("network-endpoints.diff"), repo.Path);

        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("collector.attacker.example.net", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Message.Contains("203.0.113.50", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_BenignFixTouchingAUrlLine_NoFindings()
    {
        Assert.Empty(_scanner.Scan(SecurityTestData.Diff("benign-fix.diff")).Findings);
    }

    [Fact]
    public void Scan_HumanFixesOfEveryFixture_NoFindings()
    {
        var patches = Directory.GetFiles(FixtureRepository.FixturesRoot, "fix.patch", SearchOption.AllDirectories);
        Assert.NotEmpty(patches);

        foreach (var patch in patches)
        {
            var parsed = SelfHeal.Patches.PatchDocument.Parse(File.ReadAllText(patch));
            Assert.True(parsed.Succeeded, $"{patch}: {parsed.Error}");
            var findings = _scanner.Scan(parsed.Document).Findings.ToList();
            Assert.True(findings.Count == 0, $"{patch}: {string.Join("; ", findings)}");
        }
    }

    [Fact]
    public void Scan_MinifiedLineOfHundredsOfKilobytes_StillFindsTheCallAtItsEnd()
    {
        var minified = string.Concat(Enumerable.Repeat("var q=\"SELECT a FROM t\";x=f(y);", 10_000)) + "require(\"child_process\").exec(c);";
        var diff = $"--- a/web/app.min.js\n+++ b/web/app.min.js\n@@ -1 +1 @@\n-old\n+{minified}\n";

        var result = _scanner.Scan(SelfHeal.Patches.PatchDocument.Parse(diff).Document!);

        Assert.Contains(result.Findings, f => f.RuleId == SecurityRuleIds.ProcessExecution);
    }

    [Fact]
    public void Scan_DangerousCallInComment_NotFlagged()
    {
        const string diff = "--- a/app/run.py\n+++ b/app/run.py\n@@ -1 +1,2 @@\n x = 1\n+# never call subprocess.run(cmd, shell=True) here\n";

        var parsed = SelfHeal.Patches.PatchDocument.Parse(diff);

        Assert.Empty(_scanner.Scan(parsed.Document!).Findings);
    }
}
