namespace SelfHeal.Testing;

/// <summary>
/// Picks a runner: for a user-given command, the ecosystem runner whose tool the command starts with (so its result
/// files are still read), else <c>generic</c>; without a command, the first runner in the order dotnet, maven, ant, go,
/// node, pytest whose detection matches. Thread-safe.
/// </summary>
public sealed class TestRunnerResolver(IEnumerable<ITestRunner> runners) : ITestRunnerResolver
{
    private static readonly string[] DetectionOrder = ["dotnet", "maven", "ant", "go", "node", "pytest"];

    private readonly IReadOnlyDictionary<string, ITestRunner> _runners =
        runners.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public ITestRunner? Resolve(string repositoryPath, string? command)
    {
        if (!string.IsNullOrWhiteSpace(command))
        {
            var name = RunnerNameFor(command);
            return (name is null ? null : _runners.GetValueOrDefault(name)) ?? _runners.GetValueOrDefault("generic");
        }
        return DetectionOrder.Select(n => _runners.GetValueOrDefault(n)).OfType<ITestRunner>().FirstOrDefault(r => r.CanRun(repositoryPath));
    }

    /// <summary>The runner whose tool <paramref name="command"/> invokes, or <see langword="null"/> for anything else.</summary>
    public static string? RunnerNameFor(string command)
    {
        var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }
        var tool = Path.GetFileName(words[0]);
        var second = words.Length > 1 ? words[1] : "";
        return tool switch
        {
            "dotnet" when second == "test" => "dotnet",
            "pytest" or "py.test" => "pytest",
            _ when tool.StartsWith("python", StringComparison.Ordinal) && second == "-m" && words.Length > 2 && words[2] == "pytest" => "pytest",
            "npm" when second is "test" or "t" || (second == "run" && words.Length > 2 && words[2] == "test") => "node",
            "node" when second == "--test" => "node",
            "go" when second == "test" => "go",
            "mvn" or "mvnw" => "maven",
            "ant" => "ant",
            _ => null,
        };
    }
}
