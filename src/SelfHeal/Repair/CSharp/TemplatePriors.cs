namespace SelfHeal.Repair.CSharp;

/// <summary>
/// Each template's prior: how often it is the fix when it applies, after the template-repair literature
/// (PAR, TBar: condition and operator mutations, null checks and wrong method/variable references lead) and
/// tuned so that templates which only fire on a specific smell (a missing <c>await</c>, an undisposed writer,
/// an unhandled enum member) come first when they fire. A candidate's score is suspect score × prior.
/// </summary>
internal static class TemplatePriors
{
    public const double Unknown = 0.1;

    private static readonly Dictionary<string, double> Priors = new(StringComparer.Ordinal)
    {
        ["missing-await"] = 0.95,
        ["missing-using"] = 0.95,
        ["missing-case"] = 0.9,
        ["relational-boundary"] = 0.9,
        ["similar-member"] = 0.9,
        ["format-specifier"] = 0.88,
        ["logical-operator"] = 0.85,
        ["null-coalescing"] = 0.8,
        ["integer-division"] = 0.8,
        ["off-by-one"] = 0.75,
        ["null-conditional"] = 0.7,
        ["receiver-replacement"] = 0.7,
        ["string-comparison"] = 0.7,
        ["null-guard"] = 0.65,
        ["equality-operator"] = 0.6,
        ["variable-replacement"] = 0.6,
        ["add-catch"] = 0.55,
        ["relational-operator"] = 0.5,
        ["condition-negation"] = 0.5,
        ["arithmetic-operator"] = 0.5,
        ["catch-exception"] = 0.45,
        ["condition-narrowing"] = 0.45,
        ["literal"] = 0.4,
        ["argument-swap"] = 0.4,
        ["overload"] = 0.35,
        ["condition-widening"] = 0.35,
        ["missing-jump"] = 0.35,
        ["cast"] = 0.35,
        ["missing-dispose"] = 0.3,
        ["statement-removal"] = 0.2,
    };

    /// <summary>Every template name the engine knows.</summary>
    public static IReadOnlyCollection<string> Names => Priors.Keys;

    public static double Of(string template) => Priors.GetValueOrDefault(template, Unknown);
}
