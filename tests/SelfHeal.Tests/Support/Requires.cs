using SelfHeal.Processes;

namespace SelfHeal.Tests.Support;

/// <summary>
/// Guards for tests that need a real tool. Under <c>CI=true</c> a missing tool fails the test; elsewhere
/// it fails too, with the command that installs it: a skipped test proves nothing.
/// </summary>
public static class Requires
{
    private static readonly Dictionary<string, string> InstallHints = new()
    {
        ["git"] = "apt-get install git",
        ["python3"] = "apt-get install python3",
        ["node"] = "apt-get install nodejs",
        ["java"] = "apt-get install default-jdk",
        ["javac"] = "apt-get install default-jdk",
        ["ant"] = "apt-get install ant ant-optional",
        ["go"] = "apt-get install golang-go",
        ["dotnet"] = "install the .NET SDK",
        ["bwrap"] = "apt-get install bubblewrap",
        ["aiosmtpd"] = "apt-get install python3-aiosmtpd",
        ["dovecot"] = "apt-get install dovecot-imapd",
    };

    /// <summary>Fails the test with an install hint when <paramref name="tool"/> is not on PATH.</summary>
    public static void Tool(string tool)
    {
        if (FindOnPath(tool) is null)
        {
            var hint = InstallHints.GetValueOrDefault(tool, "install it");
            Assert.Fail($"This test needs '{tool}' on PATH ({hint}; ./test.sh installs everything the suite needs).");
        }
    }

    /// <summary>
    /// A Python interpreter that can import <paramref name="module"/>: Debian's (<c>/usr/bin/python3</c>, where Debian's
    /// <c>python3-*</c> packages install) or the first on PATH. Fails the test with an install hint when neither can.
    /// </summary>
    public static string PythonWith(string module)
    {
        Tool("python3");
        var python = new[] { "/usr/bin/python3", FindOnPath("python3") }.OfType<string>().Where(File.Exists).FirstOrDefault(p => CanImport(p, module));
        if (python is null)
        {
            Assert.Fail($"This test needs Python's {module} ({InstallHints.GetValueOrDefault(module, "install it")}; ./test.sh installs everything the suite needs).");
        }
        return python;
    }

    private static bool CanImport(string python, string module)
    {
        using var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(python, ["-c", $"import {module}"]) { RedirectStandardError = true, UseShellExecute = false })!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or <see langword="null"/>.</summary>
    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The connection string of the test PostgreSQL server (<c>SELFHEAL_TEST_POSTGRES</c>); fails the test with how to
    /// start one when it is not set.
    /// </summary>
    public static string Postgres()
    {
        var connectionString = Environment.GetEnvironmentVariable("SELFHEAL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Fail("This test needs a PostgreSQL server: run 'eval \"$(tests/postgres.sh start)\"' first (it installs Debian's postgresql and sets SELFHEAL_TEST_POSTGRES); ./test.sh does this.");
        }
        return connectionString;
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    internal static ProcessRunner Processes { get; } = new();
}
