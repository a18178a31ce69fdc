using SelfHeal.Policy;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Policy;

public sealed class TestEditRulesTests : IDisposable
{
    private readonly TempDirectory _repo = new("selfheal-policy");
    private readonly PatchPolicyEvaluator _evaluator = new(PatchPolicy.FromOptions(new PatchPolicyOptions()));

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Evaluate_DeletedAssertInCSharpTest_TestWeakenedAtOldLine()
    {
        var violation = Assert.Single(_evaluator.Evaluate(PolicyTestData.Diff("test-assert-deleted.diff"), _repo.Path));

        Assert.Equal(PolicyRuleIds.TestWeakened, violation.RuleId);
        Assert.Equal(("tests/Shop.Tests/DiscountTests.cs", 17), (violation.Path, violation.Line));
        Assert.Contains("'Assert.True(Discount.Apply(200m) < 200m);'", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ChangedExpectedValueInPythonAssert_TestWeakened()
    {
        var violation = Assert.Single(_evaluator.Evaluate(PolicyTestData.Diff("test-expected-changed.diff"), _repo.Path));

        Assert.Equal(PolicyRuleIds.TestWeakened, violation.RuleId);
        Assert.Equal(("tests/py/test_cart.py", 8), (violation.Path, violation.Line));
    }

    [Fact]
    public void Evaluate_NewTestFunctionAndNewTestFile_NoViolations()
    {
        Assert.Empty(_evaluator.Evaluate(PolicyTestData.Diff("test-added.diff"), _repo.Path));
    }

    [Fact]
    public void Evaluate_SkippedAndDeletedTest_EachReported()
    {
        var violations = _evaluator.Evaluate(PolicyTestData.Diff("test-skipped-and-removed.diff"), _repo.Path);

        Assert.Equal(
            [(PolicyRuleIds.TestSkipped, 7), (PolicyRuleIds.TestDeleted, 11), (PolicyRuleIds.TestWeakened, 12)],
            violations.Select(v => (v.RuleId, v.Line ?? 0)));
    }

    [Fact]
    public void Evaluate_TestEditsNone_AnyTestFileTouchedIsViolation()
    {
        var evaluator = new PatchPolicyEvaluator(PatchPolicy.FromOptions(new PatchPolicyOptions { TestEdits = TestEditPolicy.None }));

        var violations = evaluator.Evaluate(PolicyTestData.Diff("test-added.diff"), _repo.Path);

        Assert.Equal(["tests/Shop.Tests/DiscountTests.cs", "tests/py/test_discount_edges.py"], violations.Select(v => v.Path));
        Assert.All(violations, v => Assert.Equal(PolicyRuleIds.TestEdit, v.RuleId));
    }

    [Fact]
    public void Evaluate_TestEditsAny_WeakeningAllowed()
    {
        var evaluator = new PatchPolicyEvaluator(PatchPolicy.FromOptions(new PatchPolicyOptions { TestEdits = TestEditPolicy.Any }));

        Assert.Empty(evaluator.Evaluate(PolicyTestData.Diff("test-assert-deleted.diff"), _repo.Path));
    }

    [Theory]
    [InlineData("src/test/java/shop/CartTest.java", "        assertEquals(4, cart.total());")]
    [InlineData("web/src/cart.test.ts", "  expect(cart.total()).toBe(4);")]
    [InlineData("cart/cart_test.go", "\t\tt.Errorf(\"got %d\", got)")]
    public void Evaluate_RemovedAssertionInOtherLanguages_TestWeakened(string path, string line)
    {
        var diff = $"--- a/{path}\n+++ b/{path}\n@@ -1,2 +1,1 @@\n keep\n-{line}\n";

        var violation = Assert.Single(_evaluator.Evaluate(PolicyTestData.Parse(diff), _repo.Path));

        Assert.Equal(PolicyRuleIds.TestWeakened, violation.RuleId);
    }

    [Fact]
    public void Evaluate_AssertionOnlyReindented_NoViolation()
    {
        const string diff = "--- a/tests/test_x.py\n+++ b/tests/test_x.py\n@@ -1,2 +1,2 @@\n def test_x():\n-  assert f() == 1\n+    assert f() == 1\n";

        Assert.Empty(_evaluator.Evaluate(PolicyTestData.Parse(diff), _repo.Path));
    }

    [Fact]
    public void Evaluate_DeletedTestFile_TestDeleted()
    {
        const string diff = "diff --git a/tests/test_x.py b/tests/test_x.py\ndeleted file mode 100644\n--- a/tests/test_x.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-def test_x():\n-    assert f() == 1\n";

        var violation = Assert.Single(_evaluator.Evaluate(PolicyTestData.Parse(diff), _repo.Path));

        Assert.Equal("test-deleted: tests/test_x.py is a test file and the patch deletes it", violation.ToString());
    }
}
