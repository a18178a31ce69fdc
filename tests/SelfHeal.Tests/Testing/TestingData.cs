namespace SelfHeal.Tests.Testing;

/// <summary>The data files under <c>TestData/Testing</c>.</summary>
internal static class TestingData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Testing", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
