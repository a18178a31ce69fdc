using SelfHeal.Runs;

namespace SelfHeal.Validation.Layers;

/// <summary>
/// Runs the repository's end-to-end command (<c>validation.e2e</c> in <c>.selfheal.yml</c>) with the candidate: exit
/// code 0 passes. Skipped when not configured.
/// </summary>
internal sealed class EndToEndLayer(CommandProbe probe) : IValidationLayer
{
    public const string LayerName = "e2e";

    public string Name => LayerName;

    public int Order => ValidationLayerOrder.EndToEnd;

    public async Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        var check = context.Request.Policy.EndToEnd;
        if (check is null)
        {
            return new LayerResult(Name, LayerOutcome.Skipped, TimeSpan.Zero, "not configured (validation.e2e in .selfheal.yml)");
        }
        var result = await probe.RunAsync(check.Command, context.WorkspacePath, check.Timeout, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return new LayerResult(Name, LayerOutcome.Passed, result.Duration, "the end-to-end command succeeded") { Command = check.Command };
        }
        var why = result.TimedOut ? $"timed out after {check.Timeout.TotalSeconds:0} s" : result.StartError ?? $"exited with code {result.ExitCode}";
        return new LayerResult(Name, LayerOutcome.Failed, result.Duration, "the end-to-end command " + why)
        {
            Command = check.Command,
            Verdict = CandidateVerdict.EndToEndFailed,
            Details = CommandProbe.Tail(result.Output, 10),
        };
    }
}
