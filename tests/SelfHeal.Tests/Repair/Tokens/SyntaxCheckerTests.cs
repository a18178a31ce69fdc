using SelfHeal.Repair.Tokens;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.Tokens;

public sealed class SyntaxCheckerTests
{
    private static SyntaxChecker Checker => new(TestSandbox.Runner(), new TokenRepairOptions());

    [Fact]
    public async Task CheckAsync_Python_RejectsTheBrokenText()
    {
        Requires.Tool("python3");

        var results = await Checker.CheckAsync(TokenLanguage.Python, "a.py", false, ["x = 1\n", "if x\n    pass\n", "y = (x is not None)\n"]);

        Assert.Equal([true, false, true], results);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CheckAsync_JavaScript_RejectsTheBrokenText(bool module)
    {
        Requires.Tool("node");
        var good = module ? "export const a = 1;\n" : "const a = require('x');\nreturn a;\n";

        var results = await Checker.CheckAsync(TokenLanguage.JavaScript, "a.js", module, [good, "const a = 1 +* 2;\n", "if (a === ) {}\n"]);

        Assert.Equal([true, false, false], results);
    }

    [Fact]
    public async Task CheckAsync_Go_RejectsTheBrokenText()
    {
        Requires.Tool("gofmt");

        var results = await Checker.CheckAsync(TokenLanguage.Go, "a.go", false, ["package a\n\nfunc F() int { return 1 }\n", "package a\n\nfunc F() int { return 1 +; }\n"]);

        Assert.Equal([true, false], results);
    }

    [Fact]
    public async Task CheckAsync_Java_RejectsUnbalancedDoubledOperatorsAndParseErrors()
    {
        Requires.Tool("java");

        var results = await Checker.CheckAsync(TokenLanguage.Java, "A.java", false,
            ["class A { java.util.List<String> l = new java.util.ArrayList<>(); }", "class A { int f() { return 1; }", "class A { boolean b = 1 == == 2; }", "class A { int f() { return 1 +; } }"]);

        Assert.Equal([true, false, false, false], results);
    }

    [Fact]
    public void IsPlausible_TypeArgumentsAndBalancedBrackets_Accepted()
    {
        Assert.True(TokenBalance.IsPlausible("Map<String, List<Long>> m = new HashMap<>();", TokenLanguage.Java));
        Assert.True(TokenBalance.IsPlausible("x = *p\nf(&v)\n", TokenLanguage.Go));
        Assert.False(TokenBalance.IsPlausible("f(a[1)];", TokenLanguage.Java));
    }
}
