namespace SelfHeal.Code;

/// <summary>
/// Recognises test code by path: files under a <c>test</c>/<c>tests</c>/<c>__tests__</c>/<c>spec</c> folder or a
/// <c>*.Tests</c> project folder, and files named the way each ecosystem names tests (<c>*Tests.cs</c>,
/// <c>test_*.py</c>, <c>*_test.py</c>, <c>conftest.py</c>, <c>*.test.js</c>, <c>*.spec.ts</c>, <c>*Test.java</c>, <c>*_test.go</c>).
/// </summary>
internal static class TestFiles
{
    private static readonly string[] FolderNames = ["test", "tests", "__tests__", "spec", "specs", "testing"];

    public static bool IsTestFile(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }
        foreach (var folder in parts.AsSpan(0, parts.Length - 1))
        {
            if (FolderNames.Contains(folder, StringComparer.OrdinalIgnoreCase)
                || folder.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase)
                || folder.EndsWith(".Test", StringComparison.OrdinalIgnoreCase)
                || folder.EndsWith(".UnitTests", StringComparison.OrdinalIgnoreCase)
                || folder.EndsWith(".IntegrationTests", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return IsTestFileName(parts[^1]);
    }

    private static bool IsTestFileName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        return CodeLanguages.FromPath(name) switch
        {
            CodeLanguage.CSharp => stem.EndsWith("Tests", StringComparison.Ordinal) || stem.EndsWith("Test", StringComparison.Ordinal),
            CodeLanguage.Python => stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal) || stem == "conftest",
            CodeLanguage.JavaScript => stem.EndsWith(".test", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".spec", StringComparison.OrdinalIgnoreCase),
            CodeLanguage.Java => stem.EndsWith("Test", StringComparison.Ordinal) || stem.EndsWith("Tests", StringComparison.Ordinal) || stem.StartsWith("Test", StringComparison.Ordinal),
            CodeLanguage.Go => stem.EndsWith("_test", StringComparison.Ordinal),
            _ => false,
        };
    }
}
