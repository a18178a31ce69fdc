using SelfHeal.Localization;
using SelfHeal.Patches;
using SelfHeal.Reports;
using SelfHeal.Security;
using SelfHeal.Validation;

namespace SelfHeal.Decisions;

/// <summary>Everything a decision is made from.</summary>
/// <param name="Patch">The chosen patch.</param>
/// <param name="Verdict">The chosen patch's verdict and evidence.</param>
/// <param name="Engine">The engine that proposed it.</param>
/// <param name="Template">The engine's template or strategy.</param>
/// <param name="ReproducedFailures">How many failing tests reproduced the bug (0: not reproduced).</param>
/// <param name="Alternatives">The other plausible candidates.</param>
/// <param name="Suspect">The suspect the patch repairs, with its localization evidence, when known.</param>
/// <param name="ChangedSecurityFindings">What the security scan finds in the lines the patch removes: security-relevant code it changes.</param>
/// <param name="Report">The bug report.</param>
public sealed record DecisionInput(
    PatchDocument Patch,
    Verdict Verdict,
    string Engine,
    string Template,
    int ReproducedFailures,
    IReadOnlyList<AlternativeFix> Alternatives,
    Suspect? Suspect,
    IReadOnlyList<SecurityFinding> ChangedSecurityFindings,
    BugReport? Report);

/// <summary>Another plausible candidate of the same run.</summary>
public sealed record AlternativeFix(string Engine, string Template, string Description, PatchDocument Patch);
