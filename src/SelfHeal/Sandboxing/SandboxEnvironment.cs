namespace SelfHeal.Sandboxing;

/// <summary>
/// The environment a sandboxed command sees: an allow-list taken from the host, fixed values, then the
/// command's own variables, never a variable whose name looks like it holds a secret.
/// </summary>
internal static class SandboxEnvironment
{
    /// <summary>HOME inside the sandbox: a private, empty tmpfs.</summary>
    public const string Home = "/home/sandbox";

    private static readonly string[] PassedThrough =
    [
        "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "CI",
        "DOTNET_ROOT", "DOTNET_NOLOGO", "DOTNET_CLI_USE_MSBUILD_SERVER", "MSBUILDDISABLENODEREUSE", "UseSharedCompilation",
        "JAVA_HOME", "PYENV_ROOT", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "GIT_SSL_CAINFO", "PIP_CERT",
    ];

    /// <summary>Variables naming a host file the sandbox must be able to read (certificate bundles).</summary>
    public static readonly string[] FileVariables =
        ["SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "GIT_SSL_CAINFO", "PIP_CERT"];

    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["HOME"] = Home,
        ["TMPDIR"] = "/tmp",
        ["TERM"] = "dumb",
        ["USER"] = "sandbox",
        ["LOGNAME"] = "sandbox",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private static readonly string[] SecretMarkers =
        ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "APIKEY", "API_KEY", "PRIVATE_KEY", "AUTH_SOCK", "SESSION_KEY"];

    private static readonly string[] SecretPrefixes = ["AWS_", "AZURE_", "GOOGLE_APPLICATION_", "GH_", "GITHUB_", "NPM_CONFIG__AUTH"];

    /// <summary>
    /// The environment for a command: <paramref name="host"/>'s allow-listed variables, then
    /// <paramref name="requested"/> (a <see langword="null"/> value removes a variable), then the fixed
    /// ones (HOME, TMPDIR, TERM, ...), which a command cannot override.
    /// </summary>
    /// <returns>The variables and the names withheld because they look secret (sorted).</returns>
    public static (IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string> Withheld) Build(
        IReadOnlyDictionary<string, string?> requested, Func<string, string?> host)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var withheld = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in PassedThrough)
        {
            if (host(name) is { } value)
            {
                variables[name] = value;
            }
        }
        foreach (var (name, value) in requested)
        {
            if (LooksSecret(name))
            {
                withheld.Add(name);
            }
            else if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }
        foreach (var (name, value) in Fixed)
        {
            variables[name] = value;
        }
        return (variables, withheld.ToList());
    }

    /// <summary>Whether a variable named <paramref name="name"/> probably holds a credential.</summary>
    public static bool LooksSecret(string name)
    {
        var upper = name.ToUpperInvariant();
        return SecretMarkers.Any(m => upper.Contains(m, StringComparison.Ordinal))
            || SecretPrefixes.Any(p => upper.StartsWith(p, StringComparison.Ordinal))
            || upper.EndsWith("_KEY", StringComparison.Ordinal)
            || upper.Contains("_KEY_", StringComparison.Ordinal);
    }
}
