namespace SelfHeal.Validation;

/// <summary>The order of the built-in layers, cheapest first, and where the candidate is applied.</summary>
public static class ValidationLayerOrder
{
    /// <summary>The diff's security scan: in memory, before anything of the candidate runs.</summary>
    public const int SecurityScan = 100;

    /// <summary>An in-memory build over the earlier build's outputs, where a builder supports the candidate.</summary>
    public const int Compile = 200;

    /// <summary>Layers at or above this see the candidate applied to the worktree.</summary>
    public const int Applied = 300;

    /// <summary>The reproduced failures, which must now pass (the test runner builds on the way when nothing else did).</summary>
    public const int TargetedTests = 400;

    /// <summary>The whole suite: every previously passing test must still pass.</summary>
    public const int Regression = 500;

    /// <summary>The optional performance command, compared with the base commit's figure.</summary>
    public const int Performance = 600;

    /// <summary>The optional end-to-end command.</summary>
    public const int EndToEnd = 700;
}
