using System.Security.Cryptography;
using SelfHeal.Testing;
using SelfHeal.Testing.Dotnet;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.CSharp;

/// <summary>
/// The invoice-service fixture, tested once with a real build when the fixture starts (the tests share that build),
/// with the hashes of every InvoiceService.dll and .pdb the build put under bin/.
/// </summary>
public sealed class InvoiceServiceBuildFixture : IAsyncLifetime
{
    public const string BuggyFile = "src/InvoiceService/DiscountPolicy.cs";

    private FixtureRepository? _repository;

    public FixtureRepository Repository => _repository ?? throw new InvalidOperationException("not initialized");

    internal DotnetTestRunner Runner { get; } = new(TestSandbox.Runner(), TimeProvider.System);

    public TestRunResult FirstRun { get; private set; } = null!;

    public IReadOnlyList<string> FailingTests { get; private set; } = [];

    /// <summary>Full path → SHA-256 of each build output of the InvoiceService assembly.</summary>
    public IReadOnlyDictionary<string, string> OutputHashes { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Requires.Tool("dotnet");
        _repository = await FixtureRepository.CreateAsync("csharp/invoice-service");
        FailingTests = [.. Repository.Instance.GetProperty("failing_tests").EnumerateArray().Select(e => e.GetString()!)];
        FirstRun = await Runner.RunAsync(new TestRunRequest(Repository.Path));
        OutputHashes = HashOutputs(Repository.Path);
    }

    public static Dictionary<string, string> HashOutputs(string root) =>
        Directory.EnumerateFiles(root, "InvoiceService.*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && (f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".pdb", StringComparison.Ordinal)))
            .Where(f => !Path.GetFileName(f).StartsWith("InvoiceService.Tests", StringComparison.Ordinal))
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    public Task DisposeAsync()
    {
        _repository?.Dispose();
        return Task.CompletedTask;
    }
}
