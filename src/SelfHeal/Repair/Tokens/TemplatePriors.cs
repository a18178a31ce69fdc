namespace SelfHeal.Repair.Tokens;

/// <summary>
/// How likely each template is to be the fix, before any test runs. A candidate's score is the
/// suspect's score times its template's prior. The figures rank the common one-token mistakes (an
/// off-by-one boundary, the wrong equality, a misused API) above broad mutations (replacing an
/// identifier, deleting a statement), following the template-repair literature's observed fix frequencies.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>relational-boundary</term><description>1.00: <c>&lt;</c>↔<c>&lt;=</c>, <c>&gt;</c>↔<c>&gt;=</c></description></item>
/// <item><term>catch-exception</term><description>0.95: catch the trace's exception type</description></item>
/// <item><term>strict-equality, integer-division, equals-call, format-specifier, radix, dict-get, api-swap</term><description>0.90–0.85</description></item>
/// <item><term>arithmetic-operator, member-replace</term><description>0.80</description></item>
/// <item><term>bound-plus-one, bound-minus-one, null-guard</term><description>0.75–0.70</description></item>
/// <item><term>boolean-operator, missing-case</term><description>0.70</description></item>
/// <item><term>number-literal, boolean-literal, equality-flip, identity-check, membership, negation</term><description>0.60–0.55</description></item>
/// <item><term>relational-flip, identifier-replace</term><description>0.50</description></item>
/// <item><term>string-literal</term><description>0.45</description></item>
/// <item><term>statement-delete, statement-duplicate</term><description>0.30, 0.20</description></item>
/// </list>
/// </remarks>
internal static class TemplatePriors
{
    private static readonly Dictionary<string, double> Priors = new(StringComparer.Ordinal)
    {
        ["relational-boundary"] = 1.00,
        ["catch-exception"] = 0.95,
        ["strict-equality"] = 0.90,
        ["integer-division"] = 0.90,
        ["equals-call"] = 0.88,
        ["format-specifier"] = 0.88,
        ["radix"] = 0.87,
        ["dict-get"] = 0.86,
        ["api-swap"] = 0.85,
        ["arithmetic-operator"] = 0.80,
        ["member-replace"] = 0.80,
        ["bound-plus-one"] = 0.75,
        ["bound-minus-one"] = 0.72,
        ["null-guard"] = 0.72,
        ["boolean-operator"] = 0.70,
        ["missing-case"] = 0.70,
        ["number-literal"] = 0.60,
        ["boolean-literal"] = 0.60,
        ["equality-flip"] = 0.60,
        ["identity-check"] = 0.60,
        ["membership"] = 0.55,
        ["negation"] = 0.55,
        ["relational-flip"] = 0.50,
        ["identifier-replace"] = 0.50,
        ["string-literal"] = 0.45,
        ["statement-delete"] = 0.30,
        ["statement-duplicate"] = 0.20,
    };

    /// <summary>The prior of <paramref name="template"/>; 0.4 for a name not in the table.</summary>
    public static double Of(string template) => Priors.GetValueOrDefault(template, 0.4);
}
