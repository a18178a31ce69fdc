using SelfHeal.Patches;

namespace SelfHeal.Tests.Policy;

/// <summary>Reads the recorded diffs under <c>TestData/Policy</c>.</summary>
internal static class PolicyTestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Policy", name);

    public static PatchDocument Diff(string name) => Parse(File.ReadAllText(PathOf(name)));

    public static PatchDocument Parse(string diff)
    {
        var result = PatchDocument.Parse(diff);
        Assert.True(result.Succeeded, result.Error);
        return result.Document;
    }
}
