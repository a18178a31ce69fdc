namespace SelfHeal.Policy;

/// <summary>The rule ids a <see cref="PolicyViolation"/> can carry. Persisted: never rename.</summary>
public static class PolicyRuleIds
{
    public const string ForbiddenPath = "forbidden-path";
    public const string PathNotAllowed = "path-not-allowed";
    public const string PathTraversal = "path-traversal";
    public const string AbsolutePath = "absolute-path";
    public const string SymlinkEscape = "symlink-escape";
    public const string GitInternals = "git-internals";
    public const string SuspiciousPath = "suspicious-path";
    public const string FileMode = "file-mode";
    public const string BinaryFile = "binary-file";
    public const string MaxFilesChanged = "max-files-changed";
    public const string MaxLinesChanged = "max-lines-changed";
    public const string TestEdit = "test-edit";
    public const string TestDeleted = "test-deleted";
    public const string TestWeakened = "test-weakened";
    public const string TestSkipped = "test-skipped";
}
