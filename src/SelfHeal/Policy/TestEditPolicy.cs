namespace SelfHeal.Policy;

/// <summary>How far a patch may edit test files. Ordered from strictest to most lenient.</summary>
public enum TestEditPolicy
{
    /// <summary>Test files may not be touched at all.</summary>
    None = 0,

    /// <summary>
    /// Tests may be added (new test files, new test functions, new assertions); an existing assertion may not be
    /// removed or changed, a test may not be deleted or skipped. The default.
    /// </summary>
    AddOnly = 1,

    /// <summary>Test files may be edited freely.</summary>
    Any = 2,
}
