namespace SelfHeal.Testing;

/// <summary>How one test ended.</summary>
public enum TestStatus
{
    Passed,
    Failed,
    Skipped,
    /// <summary>The test could not run to a verdict (setup error, crash, timeout).</summary>
    Error,
}
