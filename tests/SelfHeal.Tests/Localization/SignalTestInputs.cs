using SelfHeal.Code;
using SelfHeal.Localization;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.StackTraces;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Localization;

/// <summary>Inputs for the signals over a materialized test-data folder.</summary>
internal sealed class SignalTestInputs : IDisposable
{
    public const string CSharpFailingTest = "Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount";
    public const string PythonFailingTest = "tests/test_cart.py::test_total_at_threshold_applies_discount";

    private readonly TempDirectory _directory;

    private SignalTestInputs(TempDirectory directory, SourceTree tree)
    {
        _directory = directory;
        Tree = tree;
    }

    public SourceTree Tree { get; }

    public string Path => _directory.Path;

    public static async Task<SignalTestInputs> CreateAsync(string folder)
    {
        var directory = LocalizationTestData.Materialize(folder);
        return new SignalTestInputs(directory, await SourceTree.LoadAsync(directory.Path, git: null));
    }

    public LocalizationInput Input(BugReport? report = null, IReadOnlyList<FailureReproduced>? failures = null, IReadOnlyList<TraceParsed>? traces = null) =>
        new(Tree, report, failures ?? [], traces ?? []);

    public static TraceParsed Trace(string source, string exceptionType, params StackFrame[] frames) =>
        new(source, "dotnet", exceptionType, "boom", "fp", frames);

    public static StackFrame ProjectFrame(string function, string repoPath, int line) =>
        new(function, "/build/" + repoPath, line) { RepoPath = repoPath, IsProjectFrame = true };

    public void Dispose() => _directory.Dispose();
}
