namespace SelfHeal.Cli;

/// <summary>The process exit codes of <c>selfheal</c>, stable for scripts.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran but found nothing (no reproduction, no fix).</summary>
    public const int NothingFound = 1;

    /// <summary>Bad input: a wrong option, a path that is not a repo, an unreadable log.</summary>
    public const int BadInput = 2;

    /// <summary>SelfHeal itself failed; the message says where.</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Cancelled = 130;
}
