using SelfHeal.Policy;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Policy;

public sealed class PatchPolicyEvaluatorTests : IDisposable
{
    private readonly TempDirectory _repo = new("selfheal-policy");
    private readonly PatchPolicyEvaluator _evaluator = new(PatchPolicy.FromOptions(new PatchPolicyOptions()));

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Evaluate_BenignOperatorFix_NoViolations()
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Diff("operator-fix.diff"), _repo.Path);

        Assert.Empty(violations);
    }

    [Fact]
    public void Evaluate_CiWorkflowEdit_NamesRuleGlobAndCategory()
    {
        var violation = Assert.Single(_evaluator.Evaluate(PolicyTestData.Diff("ci-workflow-edit.diff"), _repo.Path));

        Assert.Equal("forbidden-path: .github/workflows/ci.yml matches .github/** (CI and workflow files)", violation.ToString());
        Assert.Equal(".github/workflows/ci.yml", violation.Path);
    }

    [Theory]
    [InlineData("case-variant-ci-path.diff", ".GitHub/workflows/release.yml")]
    [InlineData("rename-into-ci.diff", ".github/workflows/Discount.cs")]
    public void Evaluate_CiPathInDisguise_Forbidden(string diff, string path)
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Diff(diff), _repo.Path);

        Assert.Contains(violations, v => v.RuleId == PolicyRuleIds.ForbiddenPath && v.Path == path && v.Message.Contains("CI and workflow files", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_CyrillicLookalikeInPath_SuspiciousPath()
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Diff("lookalike-path.diff"), _repo.Path);

        var violation = Assert.Single(violations, v => v.RuleId == PolicyRuleIds.SuspiciousPath);
        Assert.Equal(".github\u0435/workflows/ci.yml", violation.Path);
        Assert.Contains("U+0435", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FullWidthLetterInCiFolder_SuspiciousAndForbiddenAfterNormalization()
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Parse(NewFileDiff(".\uFF47ithub/workflows/ci.yml")), _repo.Path);

        Assert.Contains(violations, v => v.RuleId == PolicyRuleIds.SuspiciousPath);
        Assert.Contains(violations, v => v.RuleId == PolicyRuleIds.ForbiddenPath && v.Message.Contains("matches .github/**", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WordsWhollyInAnotherScript_NotSuspicious()
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Parse(NewFileDiff("docs/руководство/документ.md")), _repo.Path);

        Assert.Empty(violations);
    }

    [Fact]
    public void Evaluate_ManifestEnvAndKeyFiles_ForbiddenWithTheirCategories()
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Diff("manifest-and-secret-files.diff"), _repo.Path);

        Assert.Equal(
            [
                ".env.production matches **/.env* (secrets and key files)",
                "deploy/server.pem matches **/*.pem (secrets and key files)",
                "package.json matches package.json (dependency manifests and lock files)",
            ],
            violations.Where(v => v.RuleId == PolicyRuleIds.ForbiddenPath).Select(v => v.Message).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Directory.Packages.props")]
    [InlineData("src/App/App.csproj")]
    [InlineData("Makefile")]
    [InlineData(".gitattributes")]
    [InlineData("services/api/requirements-dev.txt")]
    [InlineData("keys/id_rsa.pub")]
    [InlineData("Jenkinsfile")]
    [InlineData(".selfheal.yml")]
    public void Evaluate_DefaultForbiddenPath_Violation(string path)
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Parse(NewFileDiff(path)), _repo.Path);

        Assert.Contains(violations, v => v.RuleId == PolicyRuleIds.ForbiddenPath);
    }

    [Fact]
    public void Evaluate_ProjectFileWhenServerAllowsIt_NoViolation()
    {
        var evaluator = new PatchPolicyEvaluator(PatchPolicy.FromOptions(new PatchPolicyOptions { AllowProjectFiles = true }));

        Assert.Empty(evaluator.Evaluate(PolicyTestData.Parse(NewFileDiff("src/App/App.csproj")), _repo.Path));
    }

    [Fact]
    public void Evaluate_SixFiles_MaxFilesChanged()
    {
        var violation = Assert.Single(_evaluator.Evaluate(PolicyTestData.Diff("six-new-files.diff"), _repo.Path));

        Assert.Equal("max-files-changed: the patch changes 6 files; the limit is 5", violation.ToString());
    }

    [Fact]
    public void Evaluate_MoreLinesThanTheLimit_MaxLinesChanged()
    {
        var evaluator = new PatchPolicyEvaluator(PatchPolicy.FromOptions(new PatchPolicyOptions { MaxLinesChanged = 1 }));

        var violation = Assert.Single(evaluator.Evaluate(PolicyTestData.Diff("operator-fix.diff"), _repo.Path));

        Assert.Equal(PolicyRuleIds.MaxLinesChanged, violation.RuleId);
        Assert.Contains("changes 2 lines (1 added, 1 removed); the limit is 1", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AllowedPathsConfigured_PathOutsideThemNotAllowed()
    {
        var evaluator = new PatchPolicyEvaluator(PatchPolicy.FromOptions(new PatchPolicyOptions { AllowedPaths = ["tests/**"] }));

        var violation = Assert.Single(evaluator.Evaluate(PolicyTestData.Diff("operator-fix.diff"), _repo.Path));

        Assert.Equal("path-not-allowed: src/Shop/Discount.cs matches none of the allowed paths (tests/**)", violation.ToString());
    }

    [Theory]
    [InlineData("src/../../outside.txt", PolicyRuleIds.PathTraversal, "climbs out of the repository")]
    [InlineData("/etc/cron.d/job", PolicyRuleIds.AbsolutePath, "is an absolute path")]
    [InlineData("vendor/lib/.git/config", PolicyRuleIds.GitInternals, "inside a .git folder")]
    [InlineData(".git/hooks/pre-commit", PolicyRuleIds.GitInternals, "inside a .git folder")]
    [InlineData("src/zero\u200Bwidth.cs", PolicyRuleIds.SuspiciousPath, "U+200B")]
    [InlineData("src/ｆｕｌｌ.cs", PolicyRuleIds.SuspiciousPath, "compatibility characters")]
    [InlineData("\u0455r\u0441/app.py", PolicyRuleIds.SuspiciousPath, "imitates the ASCII letter 's'")]
    public void Evaluate_UnsafePath_Violation(string path, string rule, string message)
    {
        var diff = $"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-a\n+b\n";

        var violations = _evaluator.Evaluate(PolicyTestData.Parse(diff), _repo.Path);

        Assert.Contains(violations, v => v.RuleId == rule && v.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_DotDotThatLandsOnCi_TraversalAndForbidden()
    {
        var diff = NewFileDiff("src/../.github/workflows/ci.yml");

        var violations = _evaluator.Evaluate(PolicyTestData.Parse(diff), _repo.Path);

        Assert.Contains(violations, v => v.RuleId == PolicyRuleIds.PathTraversal);
        Assert.Contains(violations, v => v.RuleId == PolicyRuleIds.ForbiddenPath && v.Message.Contains("writes .github/workflows/ci.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PathThroughSymlinkLeavingTheRepository_SymlinkEscape()
    {
        using var outside = new TempDirectory("selfheal-outside");
        File.WriteAllText(Path.Combine(outside.Path, "passwd"), "root:x:0:0\n");
        Directory.CreateDirectory(_repo.Combine("src"));
        File.CreateSymbolicLink(_repo.Combine("src", "vendor"), outside.Path);

        var violations = _evaluator.Evaluate(PolicyTestData.Parse("--- a/src/vendor/passwd\n+++ b/src/vendor/passwd\n@@ -1 +1 @@\n-root:x:0:0\n+root::0:0\n"), _repo.Path);

        var violation = Assert.Single(violations);
        Assert.Equal(PolicyRuleIds.SymlinkEscape, violation.RuleId);
        Assert.Contains("goes through the symlink src/vendor, which points outside the repository", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PathThroughSymlinkToCiFolder_ForbiddenAtItsRealPath()
    {
        Directory.CreateDirectory(_repo.Combine(".github", "workflows"));
        File.CreateSymbolicLink(_repo.Combine("docs"), ".github");

        var violations = _evaluator.Evaluate(PolicyTestData.Parse(NewFileDiff("docs/workflows/deploy.yml")), _repo.Path);

        var violation = Assert.Single(violations);
        Assert.Equal("forbidden-path: docs/workflows/deploy.yml matches .github/** (CI and workflow files) (through a symlink it writes .github/workflows/deploy.yml)", violation.ToString());
    }

    [Fact]
    public async Task Evaluate_PatchCreatingSymlinkAndBinary_FileModeAndBinaryViolations()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("README.md", "hi\n");
        await repo.CommitAllAsync("initial");
        File.CreateSymbolicLink(Path.Combine(repo.Path, "config.txt"), "/etc/passwd");
        await File.WriteAllBytesAsync(Path.Combine(repo.Path, "blob.bin"), [0, 1, 2, 0]);
        await repo.GitAsync("add", "-A");

        var patch = PolicyTestData.Parse(await repo.GitAsync("diff", "--cached"));
        var violations = _evaluator.Evaluate(patch, repo.Path);

        Assert.Contains(violations, v => v.ToString() == "file-mode: config.txt becomes a symbolic link");
        Assert.Contains(violations, v => v.ToString() == "binary-file: blob.bin is a binary change, which cannot be reviewed");
    }

    private static string NewFileDiff(string path) =>
        $"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1 @@\n+content\n";
}
