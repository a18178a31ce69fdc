using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SelfHeal.Policy;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Policy;

public sealed class PatchPolicyLoaderTests : IDisposable
{
    private readonly TempDirectory _repo = new("selfheal-policy");
    private readonly PatchPolicyLoader _loader = new(Options.Create(new PatchPolicyOptions()));

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task LoadAsync_NoRepositoryFile_ServerPolicy()
    {
        var result = await _loader.LoadAsync(_repo.Path);

        Assert.True(result.Succeeded);
        Assert.Equal((5, 60, TestEditPolicy.AddOnly), (result.Policy.MaxFilesChanged, result.Policy.MaxLinesChanged, result.Policy.TestEdits));
        Assert.Contains(result.Policy.ForbiddenPaths, r => r.Glob == ".github/**");
    }

    [Fact]
    public async Task LoadAsync_TighteningFile_AppliesEverySetting()
    {
        File.Copy(PolicyTestData.PathOf("selfheal-tighten.yml"), _repo.Combine(".selfheal.yml"));

        var result = await _loader.LoadAsync(_repo.Path);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Notes);
        var policy = result.Policy;
        Assert.Equal((2, 20, TestEditPolicy.None), (policy.MaxFilesChanged, policy.MaxLinesChanged, policy.TestEdits));
        Assert.Equal(["src/**", "tests/**"], policy.RepositoryAllowedPaths);
        Assert.Contains(policy.ForbiddenPaths, r => r.Glob == "src/Shop/Generated/**");
        Assert.Contains(policy.ForbiddenPaths, r => r.Glob == ".github/**");
        var evaluator = new PatchPolicyEvaluator(policy);
        var violations = evaluator.Evaluate(PolicyTestData.Diff("manifest-and-secret-files.diff"), _repo.Path);
        Assert.Contains(violations, v => v.ToString() == "path-not-allowed: package.json matches none of the repository's allowed paths (src/**, tests/**)");
    }

    [Fact]
    public async Task LoadAsync_WideningFile_IgnoredWithNotes()
    {
        File.Copy(PolicyTestData.PathOf("selfheal-widen.yml"), _repo.Combine(".selfheal.yml"));

        var result = await _loader.LoadAsync(_repo.Path);

        Assert.True(result.Succeeded, result.Error);
        var policy = result.Policy;
        Assert.Equal((5, 60, TestEditPolicy.AddOnly), (policy.MaxFilesChanged, policy.MaxLinesChanged, policy.TestEdits));
        Assert.Equal(PatchPolicy.FromOptions(new PatchPolicyOptions()).ForbiddenPaths, policy.ForbiddenPaths);
        Assert.Equal(5, result.Notes.Count);
        Assert.Contains(result.Notes, n => n.StartsWith("policy.max_files_changed: 50 was ignored", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("policy.forbidden_paths: '!.github/**' was ignored", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("policy.allow_project_files is not a known setting", StringComparison.Ordinal));
        var violation = Assert.Single(new PatchPolicyEvaluator(policy).Evaluate(PolicyTestData.Diff("ci-workflow-edit.diff"), _repo.Path));
        Assert.Equal(PolicyRuleIds.ForbiddenPath, violation.RuleId);
    }

    [Theory]
    [InlineData("policy:\n  max_files_changed: [1\n", "not valid YAML")]
    [InlineData("policy:\n  max_lines_changed: lots\n", "line 2: policy.max_lines_changed: expected a positive whole number")]
    [InlineData("policy:\n  test_edits: sometimes\n", "policy.test_edits: expected one of none, add-only, any")]
    [InlineData("- just\n- a list\n", "the top level must be a mapping")]
    public async Task LoadAsync_InvalidFile_ErrorNamesTheLine(string yaml, string expected)
    {
        await File.WriteAllTextAsync(_repo.Combine(".selfheal.yml"), yaml);

        var result = await _loader.LoadAsync(_repo.Path);

        Assert.False(result.Succeeded);
        Assert.StartsWith(".selfheal.yml line ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SymlinkedPolicyFile_Error()
    {
        using var outside = new TempDirectory("selfheal-outside");
        File.WriteAllText(outside.Combine("p.yml"), "policy:\n  test_edits: none\n");
        File.CreateSymbolicLink(_repo.Combine(".selfheal.yml"), outside.Combine("p.yml"));

        var result = await _loader.LoadAsync(_repo.Path);

        Assert.False(result.Succeeded);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPolicy_Configure_LoaderUsesTheOptions()
    {
        using var provider = new ServiceCollection().AddPolicy(o => o.MaxFilesChanged = 3).BuildServiceProvider();

        Assert.Equal(3, provider.GetRequiredService<IOptions<PatchPolicyOptions>>().Value.MaxFilesChanged);
        Assert.NotNull(provider.GetRequiredService<PatchPolicyLoader>());
    }
}
