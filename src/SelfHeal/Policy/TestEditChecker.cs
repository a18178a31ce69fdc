using SelfHeal.Patches;

namespace SelfHeal.Policy;

/// <summary>Applies a <see cref="TestEditPolicy"/> to the test files of a patch.</summary>
internal static class TestEditChecker
{
    public static IEnumerable<PolicyViolation> Check(FilePatch file, TestEditPolicy policy)
    {
        var path = file.Path;
        if (policy == TestEditPolicy.Any || !file.Paths.Any(TestFileRules.IsTestFile))
        {
            yield break;
        }
        if (policy == TestEditPolicy.None)
        {
            yield return new PolicyViolation(PolicyRuleIds.TestEdit, path, null, $"{path} is a test file and this policy forbids editing tests");
            yield break;
        }
        if (file.Kind == FileChangeKind.Deleted)
        {
            yield return new PolicyViolation(PolicyRuleIds.TestDeleted, path, null, $"{path} is a test file and the patch deletes it");
            yield break;
        }
        // A removed line that reappears verbatim (whitespace aside) among the added lines was moved, not weakened.
        var added = file.Hunks.SelectMany(h => h.AddedLines).Select(l => Squeeze(l.Text)).ToHashSet(StringComparer.Ordinal);
        foreach (var line in file.Hunks.SelectMany(h => h.Lines))
        {
            var text = line.Text.Trim();
            if (line.Kind == PatchLineKind.Removed && !added.Contains(Squeeze(line.Text)))
            {
                if (TestFileRules.IsTestDeclaration(line.Text))
                {
                    yield return new PolicyViolation(PolicyRuleIds.TestDeleted, path, line.OldLineNumber,
                        $"{path}:{line.OldLineNumber} removes or changes the test declaration '{text}'");
                }
                else if (TestFileRules.IsAssertion(line.Text))
                {
                    yield return new PolicyViolation(PolicyRuleIds.TestWeakened, path, line.OldLineNumber,
                        $"{path}:{line.OldLineNumber} removes or changes the assertion '{text}'; a fix may add tests, never weaken one");
                }
            }
            else if (line.Kind == PatchLineKind.Added && TestFileRules.IsSkip(line.Text))
            {
                yield return new PolicyViolation(PolicyRuleIds.TestSkipped, path, line.NewLineNumber,
                    $"{path}:{line.NewLineNumber} skips or disables a test: '{text}'");
            }
        }
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
