using SelfHeal.Testing;
using SelfHeal.Testing.Node;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class NodeTestRunnerTests
{
    private const string CartTests = """
        const test = require('node:test');
        const assert = require('node:assert');
        const { total } = require('../cart');

        test('adds', () => { assert.strictEqual(total([0, 2]), 2); });
        test('counts the first item', () => { assert.strictEqual(total([5]), 5); });
        test.describe('coupons', () => {
          test.it('ignores an empty cart', () => { assert.strictEqual(total([]), 0); });
          test.it('applies #10', { skip: 'not yet' }, () => {});
        });
        """;

    private const string Cart = """
        exports.total = (prices) => {
          let sum = 0;
          for (let i = 1; i < prices.length; i++) sum += prices[i];
          return sum;
        };
        """;

    private static NodeTestRunner Runner() => new(TestSandbox.Runner(), TimeProvider.System);

    private static SampleProject CartProject() =>
        new(("package.json", """{"name":"cart","version":"1.0.0","scripts":{"test":"node --test"}}"""), ("cart.js", Cart), ("test/cart.test.js", CartTests));

    [Fact]
    public async Task RunAsync_BuiltInRunner_ReadsTheJUnitReport()
    {
        Requires.Tool("node");
        using var project = CartProject();
        var before = project.Entries();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.Null(result.Problem);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["adds", "counts the first item", "coupons > ignores an empty cart", "coupons > applies #10"], result.Tests.Select(t => t.Id));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("counts the first item", failure.Id);
        Assert.Contains("cart.test.js:6", failure.StackTrace, StringComparison.Ordinal);
        Assert.Equal(TestStatus.Skipped, result.Tests[^1].Status);
        Assert.Equal(before, project.Entries());
    }

    [Fact]
    public async Task RunAsync_Only_RunsTheNamedTests()
    {
        Requires.Tool("node");
        using var project = CartProject();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Only = ["adds"] });

        Assert.Equal(TestStatus.Passed, result.Tests.Single(t => t.Id == "adds").Status);
        Assert.DoesNotContain(result.Tests, t => t.Id == "counts the first item" && t.Status != TestStatus.Skipped);
    }

    [Fact]
    public async Task RunAsync_NpmTestCommand_ReadsTapFromTheOutput()
    {
        Requires.Tool("node");
        Requires.Tool("npm");
        using var project = CartProject();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = "npm test" });

        Assert.Null(result.Problem);
        Assert.Equal("counts the first item", Assert.Single(result.Failures).Id);
        Assert.Contains(result.Tests, t => t.Id == "coupons > ignores an empty cart" && t.Status == TestStatus.Passed);
    }
}
