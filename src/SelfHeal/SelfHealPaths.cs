namespace SelfHeal;

/// <summary>Per-user folders SelfHeal keeps its state in.</summary>
public static class SelfHealPaths
{
    /// <summary>
    /// <c>$SELFHEAL_HOME</c> when set, else <c>$XDG_DATA_HOME/selfheal</c>, else
    /// <c>~/.local/share/selfheal</c> (the platform's local application data folder elsewhere).
    /// </summary>
    public static string DataDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable("SELFHEAL_HOME");
            if (!string.IsNullOrWhiteSpace(home))
            {
                return Path.GetFullPath(home);
            }
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (!string.IsNullOrWhiteSpace(xdg))
            {
                return Path.Combine(xdg, "selfheal");
            }
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "selfheal");
        }
    }
}
