using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>Frames that belong to a runtime, a standard library or an installed package, never to the project.</summary>
internal static partial class LibraryFrames
{
    private static readonly string[] PathMarkers =
    [
        "/site-packages/", "/dist-packages/", "/node_modules/", "/pkg/mod/", "/vendor/bundle/", "/.cargo/registry/", "/.m2/repository/",
    ];

    private static readonly string[] JvmPackages = ["java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala."];

    private static readonly string[] DotnetNamespaces = ["System.", "Microsoft.", "Xunit.", "NUnit.", "Internal."];

    public static bool IsLibrary(StackFrame frame, string language)
    {
        if (frame.File is { Length: > 0 } file && IsLibraryPath(file.Replace('\\', '/')))
        {
            return true;
        }
        var function = frame.Function;
        return language switch
        {
            "java" => JvmPackages.Any(p => function.StartsWith(p, StringComparison.Ordinal)),
            "dotnet" => frame.File is null && DotnetNamespaces.Any(p => function.StartsWith(p, StringComparison.Ordinal)),
            "go" => function is "panic" || function.StartsWith("runtime.", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static bool IsLibraryPath(string path) =>
        path.StartsWith("node:", StringComparison.Ordinal)
        || path.StartsWith("internal/", StringComparison.Ordinal)
        || path.StartsWith('<')
        || PathMarkers.Any(m => path.Contains(m, StringComparison.OrdinalIgnoreCase))
        || RegexGuard.IsMatch(StandardLibraryRegex, path);

    /// <summary>
    /// Python's standard library (<c>/usr/lib/python3.11/</c>, <c>C:/Python312/Lib/</c>) and Go's
    /// (<c>/usr/local/go/src/runtime/</c>; a GOPATH checkout's <c>go/src/github.com/...</c> is not).
    /// </summary>
    [GeneratedRegex(@"/lib/python\d(?:\.\d+)?/|/python\d+/lib/|/go(?:-?\d+(?:\.\d+)*)?/src/[^./]+/", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StandardLibraryRegex { get; }
}
