using System.Text.RegularExpressions;

namespace SelfHeal.Code;

/// <summary>What the text before an opening brace declares.</summary>
internal enum BlockKind
{
    /// <summary>A control block, lambda, initializer or anything else that is not a declaration.</summary>
    Other,
    Namespace,
    Type,
    Function,
}

/// <summary>A classified block header: its kind and, for types and functions, the declared name.</summary>
internal readonly record struct BlockHeader(BlockKind Kind, string? Name, string? ClassName = null);

/// <summary>Classifies the (masked, whitespace-collapsed) text that precedes a <c>{</c> or ends a member with <c>;</c>.</summary>
internal static partial class BraceHeader
{
    private static readonly HashSet<string> ControlWords = new(StringComparer.Ordinal)
    {
        "if", "else", "for", "foreach", "while", "do", "switch", "try", "catch", "finally", "using", "lock",
        "fixed", "checked", "unchecked", "unsafe", "return", "yield", "await", "case", "default", "select",
        "go", "defer", "synchronized", "with", "new", "throw", "typeof", "sizeof", "nameof", "function", "when",
        "in", "of", "delete", "var", "let", "const",
    };

    /// <summary>Accessor blocks (<c>get { ... }</c>) belong to the property around them.</summary>
    private static readonly HashSet<string> AccessorWords = new(StringComparer.Ordinal) { "get", "set", "init", "add", "remove", "static" };

    public static BlockHeader Classify(string header, CodeLanguage language, bool directlyInType)
    {
        var h = Whitespace().Replace(header, " ").Trim();
        if (h.Length == 0)
        {
            return default;
        }
        if (language == CodeLanguage.Go)
        {
            return ClassifyGo(h);
        }
        if (TypeDeclaration().Match(h) is { Success: true } type && !h[..type.Index].Contains('(') && !h[..type.Index].Contains('='))
        {
            return type.Groups[1].Value == "namespace"
                ? new BlockHeader(BlockKind.Namespace, type.Groups[2].Value)
                : new BlockHeader(BlockKind.Type, type.Groups[2].Value);
        }
        if (language == CodeLanguage.JavaScript && ClassifyJavaScript(h) is { Kind: not BlockKind.Other } js)
        {
            return js;
        }
        var first = FirstWord().Match(h).Value;
        if (ControlWords.Contains(first) || AccessorWords.Contains(h) || h.Contains("=>", StringComparison.Ordinal))
        {
            return default;
        }
        return MethodName(h, directlyInType) is { } name ? new BlockHeader(BlockKind.Function, name) : default;
    }

    /// <summary>The member an expression-bodied declaration (<c>int Total() =&gt; ...;</c>) declares, or <see langword="null"/>.</summary>
    public static string? ExpressionBodiedName(string statement, CodeLanguage language)
    {
        var h = Whitespace().Replace(statement, " ").Trim();
        var arrow = h.IndexOf("=>", StringComparison.Ordinal);
        if (arrow <= 0)
        {
            return null;
        }
        if (language == CodeLanguage.JavaScript && ArrowDeclaration().Match(h) is { Success: true } js)
        {
            return js.Groups[1].Value;
        }
        var head = h[..arrow];
        var paren = head.IndexOf('(', StringComparison.Ordinal);
        var before = StripGenerics((paren >= 0 ? head[..paren] : head).TrimEnd());
        if (before.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }
        var name = TrailingIdentifier().Match(before);
        return name.Success && !ControlWords.Contains(name.Value) ? name.Value : null;
    }

    private static BlockHeader ClassifyGo(string h)
    {
        if (GoFunction().Match(h) is { Success: true } f)
        {
            return new BlockHeader(BlockKind.Function, f.Groups[2].Value, f.Groups[1].Success ? f.Groups[1].Value : null);
        }
        return GoType().Match(h) is { Success: true } t ? new BlockHeader(BlockKind.Type, t.Groups[1].Value) : default;
    }

    private static BlockHeader ClassifyJavaScript(string h)
    {
        if (JsFunction().Match(h) is { Success: true } f)
        {
            return new BlockHeader(BlockKind.Function, f.Groups[1].Value);
        }
        if (JsFunctionExpression().Match(h) is { Success: true } e)
        {
            return new BlockHeader(BlockKind.Function, e.Groups[1].Value);
        }
        if (ArrowDeclaration().Match(h) is { Success: true } a && h.EndsWith("=>", StringComparison.Ordinal))
        {
            return new BlockHeader(BlockKind.Function, a.Groups[1].Value);
        }
        if (JsAccessor().Match(h) is { Success: true } g)
        {
            return new BlockHeader(BlockKind.Function, g.Groups[1].Value);
        }
        return default;
    }

    private static string? MethodName(string h, bool directlyInType)
    {
        var open = h.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            // A property with accessors: `public int Count { get { ... } }`.
            return directlyInType && PropertyHeader().IsMatch(h) ? TrailingIdentifier().Match(h).Value : null;
        }
        var before = StripGenerics(h[..open].TrimEnd());
        var name = TrailingIdentifier().Match(before);
        if (!name.Success || ControlWords.Contains(name.Value) || before.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }
        if (name.Index > 0 && before[name.Index - 1] == '.')
        {
            return null;
        }
        var close = MatchingParen(h, open);
        if (close < 0)
        {
            return null;
        }
        var rest = h[(close + 1)..].Trim();
        return rest.Length == 0 || rest.StartsWith(':') || rest.StartsWith("throws", StringComparison.Ordinal)
            || rest.StartsWith("where", StringComparison.Ordinal) || rest.StartsWith("const", StringComparison.Ordinal)
            ? name.Value
            : null;
    }

    private static int MatchingParen(string h, int open)
    {
        var depth = 0;
        for (var i = open; i < h.Length; i++)
        {
            depth += h[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static string StripGenerics(string text)
    {
        if (!text.EndsWith('>'))
        {
            return text;
        }
        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            depth += text[i] switch { '>' => 1, '<' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[..i].TrimEnd();
            }
        }
        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z_$@][\w$]*")]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"[A-Za-z_$][\w$]*$")]
    private static partial Regex TrailingIdentifier();

    [GeneratedRegex(@"\b(class|struct|interface|record|enum|namespace)\s+(@?[A-Za-z_][\w]*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^[\w\s<>\[\],.?]+$")]
    private static partial Regex PropertyHeader();

    [GeneratedRegex(@"^func\s*(?:\(\s*(?:\w+\s+)?\*?\s*(\w+)[^)]*\)\s*)?(\w+)\s*[\[(]")]
    private static partial Regex GoFunction();

    [GeneratedRegex(@"^type\s+(\w+)\s+(?:struct|interface)\b")]
    private static partial Regex GoType();

    [GeneratedRegex(@"^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*[(<]")]
    private static partial Regex JsFunction();

    [GeneratedRegex(@"^(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$.]*?)\s*[=:]\s*(?:async\s+)?function\b")]
    private static partial Regex JsFunctionExpression();

    [GeneratedRegex(@"^(?:export\s+)?(?:default\s+)?(?:static\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?[=:]\s*(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?=>")]
    private static partial Regex ArrowDeclaration();

    [GeneratedRegex(@"^(?:static\s+)?(?:get|set)\s+([A-Za-z_$][\w$]*)\s*\(")]
    private static partial Regex JsAccessor();
}
