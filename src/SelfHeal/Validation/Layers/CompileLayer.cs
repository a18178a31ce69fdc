using Microsoft.Extensions.Options;
using SelfHeal.Repair;

namespace SelfHeal.Validation.Layers;

/// <summary>
/// Builds the candidate in memory with the first <see cref="ICandidateBuilder"/> that can (C# with
/// <see cref="RepairOptions.FastCSharpValidation"/>), over the outputs of the earlier build, so the tests run without a
/// rebuild; the outputs are put back after the last layer. Otherwise the layer is skipped: the test runner builds (or
/// the interpreter syntax-checks) the candidate when it runs the previously failing tests, and a failure there is a
/// build failure of that layer. Runs before the candidate is applied: builders read the unedited files.
/// </summary>
internal sealed class CompileLayer(IEnumerable<ICandidateBuilder> builders, IOptions<RepairOptions> options, TimeProvider timeProvider) : IValidationLayer
{
    public const string LayerName = "compile";

    private readonly IReadOnlyList<ICandidateBuilder> _builders = options.Value.FastCSharpValidation ? [.. builders] : [];

    public string Name => LayerName;

    public int Order => ValidationLayerOrder.Compile;

    public async Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        foreach (var builder in _builders)
        {
            if (await builder.TryBuildAsync(context.WorkspacePath, context.Candidate, cancellationToken).ConfigureAwait(false) is { } build)
            {
                context.OnCleanup(token => builder.RestoreAsync(build, token));
                context.Prebuilt = true;
                return new LayerResult(Name, LayerOutcome.Passed, timeProvider.GetElapsedTime(started), $"compiled {build.AssemblyName} in memory without errors")
                {
                    Details = [.. build.Outputs.Select(o => "wrote " + Path.GetRelativePath(context.WorkspacePath, o).Replace('\\', '/'))],
                };
            }
        }
        return new LayerResult(Name, LayerOutcome.Skipped, timeProvider.GetElapsedTime(started),
            "no in-memory build: the test runner builds or syntax-checks the candidate with the previously failing tests");
    }
}
