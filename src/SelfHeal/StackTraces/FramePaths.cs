using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>Turns a path as printed on some machine into repo-relative-looking segments.</summary>
internal static partial class FramePaths
{
    /// <summary>
    /// Forward slashes, no <c>file://</c> (or other URL scheme), query or drive letter, and without the checkout
    /// prefixes CI systems and containers use (<c>/home/runner/work/r/r/</c>, <c>D:\a\r\r\</c>, <c>/builds/g/p/</c>,
    /// <c>/app/</c>, <c>/src/</c>, <c>/workspace/</c>, <c>/tmp/x/</c>, ...). Returns the remaining segments.
    /// </summary>
    public static string[] Segments(string printed)
    {
        var path = printed.Trim().Replace('\\', '/');
        path = RegexGuard.Replace(SchemeRegex, path, "");
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            path = path[..query];
        }
        path = RegexGuard.Replace(DriveRegex, path, "/");
        var prefix = RegexGuard.Match(CheckoutPrefixRegex, path);
        if (prefix.Success)
        {
            path = path[prefix.Length..];
        }
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
    }

    /// <summary>The file name of a printed path (after its last <c>/</c> or <c>\</c>).</summary>
    public static string FileName(string printed)
    {
        var slash = printed.AsSpan().LastIndexOfAny('/', '\\');
        return slash >= 0 ? printed[(slash + 1)..] : printed;
    }

    /// <summary>Windows paths are compared without regard to case.</summary>
    public static bool IsWindowsPath(string printed) =>
        printed.Contains('\\', StringComparison.Ordinal) || RegexGuard.IsMatch(WindowsDriveRegex, printed);

    [GeneratedRegex(@"^[A-Za-z][\w+.-]*:///?", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SchemeRegex { get; }

    [GeneratedRegex(@"^/?[A-Za-z]:/", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DriveRegex { get; }

    [GeneratedRegex(@"^(?:file:///?)?/?[A-Za-z]:[\\/]", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex WindowsDriveRegex { get; }

    /// <summary>Checkout folders of GitHub Actions (Linux, macOS, Windows), GitLab, CircleCI, Jenkins, Azure Pipelines, and common container layouts.</summary>
    [GeneratedRegex(
        @"^/(?:(?:home|Users)/runner/work/[^/]+/[^/]+|a/[^/]+/[^/]+|github/workspace|builds/[^/]+/[^/]+|home/circleci/project|var/lib/jenkins/workspace/[^/]+|(?:home/vsts|agent)/work/\d+/s|usr/src/app|app|src|workspace|code|project|tmp/[^/]+)/",
        RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex CheckoutPrefixRegex { get; }
}
