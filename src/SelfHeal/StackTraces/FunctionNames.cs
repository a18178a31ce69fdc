using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// Function names with the noise that changes between builds and runs taken out: compiler-generated ordinals of
/// lambdas, closures and anonymous classes, generic arity and parameters, async wrappers and aliases.
/// </summary>
internal static partial class FunctionNames
{
    private const int Timeout = StackTraceLimits.RegexTimeoutMilliseconds;

    public static string Normalize(string function, string language) => language switch
    {
        "dotnet" => Dotnet(function),
        "java" => Replace(JavaOrdinalRegex, function, "$$"),
        "node" => Replace(NodeAliasRegex, function.StartsWith("async ", StringComparison.Ordinal) ? function[6..] : function, ""),
        "go" => Replace(GoGenericRegex, Replace(GoClosureRegex, function, ".func"), ""),
        _ => function,
    };

    /// <summary>
    /// <c>Ns.T.&lt;&gt;c__DisplayClass7_0.&lt;Run&gt;b__1</c> → <c>Ns.T.Run.lambda</c>;
    /// <c>Ns.T.&lt;Run&gt;g__Local|3_0</c> → <c>Ns.T.Run.Local</c>; <c>First[T]</c>, <c>List`1</c> → <c>First</c>, <c>List</c>.
    /// </summary>
    private static string Dotnet(string function)
    {
        var name = Replace(DotnetAsyncRegex, function, "${method}");
        name = Replace(DotnetClosureClassRegex, name, "");
        name = Replace(DotnetLambdaRegex, name, "${outer}.lambda");
        name = Replace(DotnetLocalFunctionRegex, name, "${outer}.${local}");
        name = Replace(DotnetGenericRegex, name, "");
        return name.Replace('+', '.');
    }

    private static string Replace(Regex regex, string input, string replacement) => RegexGuard.Replace(regex, input, replacement);

    [GeneratedRegex(@"<(?<method>[^<>.]+|<[^<>]+>\$?b__\w+)>d(?:__\d+)?\.MoveNext$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex DotnetAsyncRegex { get; }

    [GeneratedRegex(@"<>c(?:__DisplayClass\d+_\d+)?\.", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex DotnetClosureClassRegex { get; }

    [GeneratedRegex(@"<(?<outer>[^<>]*|<[^<>]+>\$?)>b__\w+", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex DotnetLambdaRegex { get; }

    [GeneratedRegex(@"<(?<outer>[^<>]*|<[^<>]+>\$?)>g__(?<local>\w+)\|[\d_]+", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex DotnetLocalFunctionRegex { get; }

    [GeneratedRegex(@"`\d+|\[[^\[\]]*\]", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex DotnetGenericRegex { get; }

    /// <summary><c>lambda$main$0</c> → <c>lambda$main$</c>, <c>App$1</c> → <c>App$</c>.</summary>
    [GeneratedRegex(@"\$\d+", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex JavaOrdinalRegex { get; }

    [GeneratedRegex(@" \[as [^\]]*\]$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex NodeAliasRegex { get; }

    /// <summary><c>main.run.func1.2</c> → <c>main.run.func</c>.</summary>
    [GeneratedRegex(@"\.func\d+(?:\.\d+)*", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex GoClosureRegex { get; }

    [GeneratedRegex(@"\[[^\[\]]*\]", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex GoGenericRegex { get; }
}
