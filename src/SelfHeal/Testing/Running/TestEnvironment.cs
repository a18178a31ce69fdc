using SelfHeal.Processes;

namespace SelfHeal.Testing.Running;

/// <summary>The environment every test command runs with: CI mode, no colour, no interactive terminal.</summary>
internal static class TestEnvironment
{
    /// <summary><paramref name="spec"/> with the request's timeout and the shared variables plus <paramref name="extra"/>.</summary>
    public static CommandSpec Prepare(CommandSpec spec, TestRunRequest request, params (string Name, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["NO_COLOR"] = "1",
            ["TERM"] = "dumb",
            ["FORCE_COLOR"] = null,
            ["CLICOLOR_FORCE"] = null,
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }
        return spec with { Timeout = request.Timeout, Environment = environment };
    }
}
