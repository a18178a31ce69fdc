using Microsoft.Extensions.Options;
using SelfHeal.Repair;
using SelfHeal.Security;
using SelfHeal.Validation;
using SelfHeal.Validation.Layers;

namespace SelfHeal.Tests.Support;

/// <summary>A <see cref="CandidateValidator"/> with the real built-in layers, as <c>AddValidation()</c> composes them.</summary>
internal static class Validators
{
    public static CandidateValidator Default(IEnumerable<ICandidateBuilder>? builders = null) => new(Layers(builders));

    public static IReadOnlyList<IValidationLayer> Layers(IEnumerable<ICandidateBuilder>? builders = null)
    {
        var probe = new CommandProbe(TestSandbox.Runner());
        return
        [
            new SecurityScanLayer(new DiffSecurityScanner(), TimeProvider.System),
            new CompileLayer(builders ?? [], Options.Create(new RepairOptions()), TimeProvider.System),
            new TargetedTestsLayer(),
            new RegressionLayer(),
            new PerformanceLayer(probe),
            new EndToEndLayer(probe),
        ];
    }
}
