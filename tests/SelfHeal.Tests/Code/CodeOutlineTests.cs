using SelfHeal.Code;
using SelfHeal.Tests.Localization;

namespace SelfHeal.Tests.Code;

public class CodeOutlineTests
{
    [Fact]
    public void Parse_CSharp_FindsMethodsConstructorsPropertiesAndExpressionBodiedMembers()
    {
        var outline = LocalizationTestData.Load("shop-cs/src/Shop/Cart.cs").Outline;

        var symbols = outline.Symbols.OrderBy(s => s.StartLine).Select(s => $"{s.QualifiedName}:{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["Cart.Cart:11-14", "Cart.Discounts:16-16", "Cart.Count:18-18", "Cart.Add:20-27", "Cart.Total:29-35", "Cart.Describe:37-37"], symbols);
    }

    [Fact]
    public void Parse_CSharp_StatementsSkipUsingsDeclarationsBracesAndComments()
    {
        var outline = LocalizationTestData.Load("shop-cs/src/Shop/Cart.cs").Outline;

        var statements = outline.Statements.Select(s => s.StartLine == s.EndLine ? $"{s.StartLine}" : $"{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["9", "13", "18", "22", "24", "26", "31", "32-33", "34", "37", "40"], statements);
    }

    [Fact]
    public void Parse_CSharp_BracesInStringsAndCommentsDoNotOpenBlocksAndInterfaceMembersAreNotStatements()
    {
        var outline = LocalizationTestData.Load("shop-cs/src/Shop/Discounts.cs").Outline;

        var method = Assert.Single(outline.Symbols);
        Assert.Equal("BulkDiscount.DiscountFor", method.QualifiedName);
        Assert.Equal((13, 21), (method.StartLine, method.EndLine));
        Assert.Equal([11, 16, 18, 20], outline.Statements.Select(s => s.StartLine));
    }

    [Theory]
    [InlineData(33, 32, 33)]
    [InlineData(35, 34, 34)]
    [InlineData(29, 31, 31)]
    [InlineData(30, 31, 31)]
    public void StatementAt_LineWithoutStatement_MapsToNearestStatementOfTheMethod(int line, int start, int end)
    {
        var outline = LocalizationTestData.Load("shop-cs/src/Shop/Cart.cs").Outline;

        Assert.Equal(new LineSpan(start, end), outline.StatementAt(line));
    }

    [Fact]
    public void EnclosingSymbol_LineInsideNestedBlock_IsTheMethod()
    {
        var outline = LocalizationTestData.Load("shop-cs/src/Shop/Cart.cs").Outline;

        Assert.Equal("Cart.Add", outline.EnclosingSymbol(24)?.QualifiedName);
        Assert.Null(outline.EnclosingSymbol(9));
    }

    [Fact]
    public void Parse_Python_FindsFunctionsAndMethodsByIndentation()
    {
        var outline = LocalizationTestData.Load("shop-py/shop/cart.py").Outline;

        var symbols = outline.Symbols.OrderBy(s => s.StartLine).Select(s => $"{s.QualifiedName}:{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["Cart.__init__:16-18", "Cart.add:20-23", "Cart.subtotal:25-26", "Cart.total:28-34", "format_total:37-38"], symbols);
    }

    [Fact]
    public void Parse_Python_StatementsSkipDocstringsImportsDecoratorsAndComments()
    {
        var outline = LocalizationTestData.Load("shop-py/shop/cart.py").Outline;

        var statements = outline.Statements.Select(s => s.StartLine == s.EndLine ? $"{s.StartLine}" : $"{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["10", "11", "12", "17", "18", "21", "22", "23", "26", "29", "31", "32", "33-34", "38"], statements);
    }

    [Fact]
    public void Parse_JavaScript_FindsFunctionsArrowsClassMethodsAndAccessors()
    {
        var outline = LocalizationTestData.Load("snippets/cart.js").Outline;

        var symbols = outline.Symbols.OrderBy(s => s.StartLine).Select(s => $"{s.QualifiedName}:{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["total:5-8", "describe:10-12", "Cart.constructor:15-17", "Cart.add:19-24", "Cart.size:26-28"], symbols);
        Assert.Equal([6, 7, 11, 16, 20, 21, 23, 27, 31], outline.Statements.Select(s => s.StartLine));
    }

    [Fact]
    public void Parse_Java_SkipsAnnotationsAndForHeadersDoNotEndTheMethod()
    {
        var outline = LocalizationTestData.Load("snippets/Cart.java").Outline;

        var symbols = outline.Symbols.OrderBy(s => s.StartLine).Select(s => $"{s.QualifiedName}:{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["Cart.toString:10-12", "Cart.total:14-20"], symbols);
        Assert.Equal([7, 11, 15, 16, 17, 19], outline.Statements.Select(s => s.StartLine));
    }

    [Fact]
    public void Parse_Go_UsesTheReceiverAsClassAndSkipsImportBlocks()
    {
        var outline = LocalizationTestData.Load("snippets/cart.go").Outline;

        var symbols = outline.Symbols.OrderBy(s => s.StartLine).Select(s => $"{s.QualifiedName}:{s.StartLine}-{s.EndLine}").ToList();

        Assert.Equal(["Cart.Total:13-19", "Describe:21-23"], symbols);
        Assert.Equal([9, 14, 15, 16, 18, 22], outline.Statements.Select(s => s.StartLine));
    }

    [Fact]
    public void Parse_CSharpRawAndVerbatimStrings_AreMasked()
    {
        const string text = "class A\n{\n    string S = \"\"\"\n        { raw\n        \"\"\";\n    void M()\n    {\n        var t = @\"}\";\n    }\n}\n";

        var outline = CodeOutline.Parse("A.cs", text);

        var method = Assert.Single(outline.Symbols);
        Assert.Equal(("A.M", 6, 9), (method.QualifiedName, method.StartLine, method.EndLine));
    }
}
