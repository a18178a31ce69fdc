using SelfHeal.Localization;
using SelfHeal.Localization.Signals;

namespace SelfHeal.Tests.Localization;

public class SwitchLabelsTests
{
    [Fact]
    public async Task Score_ThrowInDefaultSection_ScoresTheSwitchCases()
    {
        using var inputs = await SignalTestInputs.CreateAsync("notify-cs");
        var trace = SignalTestInputs.Trace("t", "System.ArgumentOutOfRangeException",
            SignalTestInputs.ProjectFrame("Notify.Planner.Plan(Status status)", "src/Notify/Planner.cs", 22));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        Assert.Equal(1.0, scores.Hits[new SuspectSpan("src/Notify/Planner.cs", 22, 22)].Value, 6);
        foreach (var label in new[] { 12, 15, 18 })
        {
            var hit = scores.Hits[new SuspectSpan("src/Notify/Planner.cs", label, label)];
            Assert.Equal(SwitchLabels.Share, hit.Value, 6);
            Assert.Contains("another case of the switch", hit.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Score_ThrowInACaseSection_NoOtherCaseScored()
    {
        using var inputs = await SignalTestInputs.CreateAsync("notify-cs");
        var trace = SignalTestInputs.Trace("t", "System.Exception",
            SignalTestInputs.ProjectFrame("Notify.Planner.Plan(Status status)", "src/Notify/Planner.cs", 16));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        Assert.DoesNotContain(new SuspectSpan("src/Notify/Planner.cs", 12, 12), scores.Hits.Keys);
        Assert.DoesNotContain(new SuspectSpan("src/Notify/Planner.cs", 18, 18), scores.Hits.Keys);
    }
}
