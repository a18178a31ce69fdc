namespace SelfHeal.Tests.StackTraces;

/// <summary>The golden traces under <c>TestData/StackTraces</c>.</summary>
internal static class TraceFiles
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "StackTraces", relativePath));

    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "StackTraces"), "*.txt", SearchOption.AllDirectories);
}
