using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Wrong member: a call or member access replaced by a similar member (<see cref="SimilarMembers"/>), a string
/// comparison made ordinal or case-insensitive, or a call to a same-name overload taking one argument fewer.
/// </summary>
internal sealed class MemberTemplates : IFixTemplateFamily
{
    private static readonly HashSet<string> ComparisonMethods = new(StringComparer.Ordinal) { "Equals", "Compare", "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "Contains", "Replace" };
    private static readonly string[] Comparisons = ["StringComparison.Ordinal", "StringComparison.OrdinalIgnoreCase"];

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var name in site.Nodes<SimpleNameSyntax>())
        {
            var info = site.Model.GetSymbolInfo(name);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is null or ILocalSymbol or IParameterSymbol or INamespaceOrTypeSymbol)
            {
                continue;
            }
            var (receiverType, isStatic) = Receiver(site, name);
            foreach (var alternative in SimilarMembers.For(name.Identifier.Text))
            {
                if (HasMember(site, name, receiverType, alternative, isStatic))
                {
                    yield return TemplateCandidate.Replace("similar-member", name.Identifier.Span, alternative, $"use '{alternative}' instead of '{name.Identifier.Text}'");
                }
            }
        }
        foreach (var invocation in site.Nodes<InvocationExpressionSyntax>())
        {
            if (site.Model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
            {
                continue;
            }
            foreach (var candidate in StringComparisons(site, invocation, method).Concat(Overloads(site, invocation, method)))
            {
                yield return candidate;
            }
        }
    }

    private static (ITypeSymbol? Type, bool IsStatic) Receiver(TemplateSite site, SimpleNameSyntax name)
    {
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            var symbol = site.Model.GetSymbolInfo(access.Expression).Symbol;
            return symbol is ITypeSymbol type ? (type, true) : (site.TypeOf(access.Expression), false);
        }
        return (site.Model.GetEnclosingSymbol(name.SpanStart)?.ContainingType, false);
    }

    private static bool HasMember(TemplateSite site, SimpleNameSyntax name, ITypeSymbol? type, string member, bool isStatic)
    {
        if (type is null)
        {
            return false;
        }
        var found = name.Parent is MemberAccessExpressionSyntax
            ? site.Model.LookupSymbols(name.SpanStart, type, member, includeReducedExtensionMethods: true)
            : site.Model.LookupSymbols(name.SpanStart, name: member);
        return found.Any(s => !isStatic || s.IsStatic);
    }

    private static IEnumerable<TemplateCandidate> StringComparisons(TemplateSite site, InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        if (method.ContainingType.SpecialType != SpecialType.System_String || !ComparisonMethods.Contains(method.Name))
        {
            yield break;
        }
        var existing = invocation.ArgumentList.Arguments.FirstOrDefault(a => site.TypeOf(a.Expression)?.Name == "StringComparison");
        if (existing is not null)
        {
            foreach (var comparison in Comparisons.Where(c => c != site.TextOf(existing.Expression)))
            {
                yield return TemplateCandidate.Replace("string-comparison", existing.Expression.Span, comparison, $"compare with {comparison}");
            }
            yield break;
        }
        var close = invocation.ArgumentList.CloseParenToken.SpanStart;
        var separator = invocation.ArgumentList.Arguments.Count > 0 ? ", " : string.Empty;
        foreach (var comparison in Comparisons)
        {
            yield return TemplateCandidate.Insert("string-comparison", close, separator + comparison, $"compare with {comparison}");
        }
    }

    private static IEnumerable<TemplateCandidate> Overloads(TemplateSite site, InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(m => !SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, (method.ReducedFrom ?? method).OriginalDefinition))
            .ToList();
        var count = method.ReducedFrom is not null ? arguments.Count + 1 : arguments.Count;
        if (arguments.Count > 0 && overloads.Any(m => m.Parameters.Length == count - 1))
        {
            var last = arguments[^1];
            var start = arguments.Count > 1 ? arguments.GetSeparator(arguments.Count - 2).SpanStart : last.SpanStart;
            yield return new TemplateCandidate("overload", [new SourceEdit(start, last.Span.End - start, string.Empty)], $"call the overload of '{method.Name}' without '{site.TextOf(last)}'");
        }
        var close = invocation.ArgumentList.CloseParenToken.SpanStart;
        var separator = arguments.Count > 0 ? ", " : string.Empty;
        foreach (var extra in overloads.Where(m => m.Parameters.Length == count + 1).SelectMany(m => ArgumentsFor(m.Parameters[^1].Type)).Distinct(StringComparer.Ordinal))
        {
            yield return TemplateCandidate.Insert("overload", close, separator + extra, $"call the overload of '{method.Name}' with '{extra}'");
        }
    }

    /// <summary>Values worth passing for a parameter an overload adds: the usual fixes of culture, comparison and rounding bugs.</summary>
    private static IEnumerable<string> ArgumentsFor(ITypeSymbol type) => type.Name switch
    {
        "MidpointRounding" => ["MidpointRounding.AwayFromZero", "MidpointRounding.ToEven"],
        "IFormatProvider" => ["System.Globalization.CultureInfo.InvariantCulture"],
        "StringComparison" => ["StringComparison.Ordinal", "StringComparison.OrdinalIgnoreCase"],
        "IEqualityComparer" or "IComparer" => ["StringComparer.OrdinalIgnoreCase", "StringComparer.Ordinal"],
        _ => [],
    };
}
