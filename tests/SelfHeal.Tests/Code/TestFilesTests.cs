using SelfHeal.Code;

namespace SelfHeal.Tests.Code;

public class TestFilesTests
{
    [Theory]
    [InlineData("tests/Shop.Tests/CartTests.cs")]
    [InlineData("src/Shop.Tests/Builders.cs")]
    [InlineData("CartTests.cs")]
    [InlineData("test/cart_fixtures.py")]
    [InlineData("shop/test_cart.py")]
    [InlineData("shop/cart_test.py")]
    [InlineData("conftest.py")]
    [InlineData("lib/cart.test.js")]
    [InlineData("lib/cart.spec.ts")]
    [InlineData("src/__tests__/cart.js")]
    [InlineData("src/main/java/shop/CartTest.java")]
    [InlineData("shop/cart_test.go")]
    public void IsTestFile_TestPaths_AreRecognised(string path) => Assert.True(TestFiles.IsTestFile(path));

    [Theory]
    [InlineData("src/Shop/Cart.cs")]
    [InlineData("shop/cart.py")]
    [InlineData("shop/testing_utils_cart.py")]
    [InlineData("lib/cart.js")]
    [InlineData("src/main/java/shop/Cart.java")]
    [InlineData("shop/cart.go")]
    [InlineData("src/Contest/Latest.cs")]
    public void IsTestFile_CodeUnderTest_IsNotATest(string path) => Assert.False(TestFiles.IsTestFile(path));
}
