using SelfHeal.Localization;
using SelfHeal.Localization.Signals;

namespace SelfHeal.Tests.Localization;

public class AssertionFocusTests
{
    private const string Test = "tests/Notify.Tests/PlannerTests.cs";

    [Fact]
    public async Task Score_AssertionFailure_ScoresTheFunctionTheAssertionCallsOfTheClassItNames()
    {
        using var inputs = await SignalTestInputs.CreateAsync("notify-cs");
        var trace = SignalTestInputs.Trace("Notify.Tests.PlannerTests.Time_Evening_UsesTwentyFourHourClock", "Xunit.Sdk.EqualException",
            SignalTestInputs.ProjectFrame("Notify.Tests.PlannerTests.Time_Evening_UsesTwentyFourHourClock()", Test, 16));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        var time = scores.Hits[new SuspectSpan("src/Notify/Formats.cs", 7, 7)];
        Assert.Equal(AssertionFocus.Share, time.Value, 6);
        Assert.Contains("Formats.Time computes what the assertion", time.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new SuspectSpan("src/Notify/Formats.cs", 11, 11), scores.Hits.Keys);
        Assert.DoesNotContain(new SuspectSpan("src/Notify/Clock.cs", 5, 5), scores.Hits.Keys);
    }

    [Fact]
    public async Task Score_AssertionOnVariable_TracesItsAssignmentBackToTheCallAndItsCallees()
    {
        using var inputs = await SignalTestInputs.CreateAsync("notify-cs");
        var trace = SignalTestInputs.Trace("Notify.Tests.PlannerTests.Subject_Paid_IsUpperCase", "Xunit.Sdk.EqualException",
            SignalTestInputs.ProjectFrame("Notify.Tests.PlannerTests.Subject_Paid_IsUpperCase()", Test, 10));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        var subject = scores.Hits[new SuspectSpan("src/Notify/Planner.cs", 26, 26)];
        Assert.Equal(AssertionFocus.Share * 0.6, subject.Value, 6);
        var callee = scores.Hits[new SuspectSpan("src/Notify/Formats.cs", 5, 5)];
        Assert.Equal(AssertionFocus.Share * 0.6, callee.Value, 6);
        Assert.Contains("Formats.Title is called by what the assertion", callee.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new SuspectSpan("src/Notify/Formats.cs", 7, 7), scores.Hits.Keys);
    }

    [Fact]
    public async Task Score_TwoAssertionsCheckingTheSameCode_CombineAsNoisyOr()
    {
        using var inputs = await SignalTestInputs.CreateAsync("notify-cs");
        var subject = SignalTestInputs.Trace("Notify.Tests.PlannerTests.Subject_Paid_IsUpperCase", "Xunit.Sdk.EqualException",
            SignalTestInputs.ProjectFrame("Notify.Tests.PlannerTests.Subject_Paid_IsUpperCase()", Test, 10));
        var time = SignalTestInputs.Trace("Notify.Tests.PlannerTests.Time_Evening_UsesTwentyFourHourClock", "Xunit.Sdk.EqualException",
            SignalTestInputs.ProjectFrame("Notify.Tests.PlannerTests.Time_Evening_UsesTwentyFourHourClock()", Test, 16));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [subject, subject with { Source = "again" }, time]));

        var share = AssertionFocus.Share * 0.6;
        var plan = scores.Hits[new SuspectSpan("src/Notify/Planner.cs", 26, 26)];
        Assert.Equal(1 - ((1 - share) * (1 - share)), plan.Value, 6);
        Assert.Contains("checked by 2 failing assertions", plan.Detail, StringComparison.Ordinal);
        Assert.Equal(AssertionFocus.Share, scores.Hits[new SuspectSpan("src/Notify/Formats.cs", 7, 7)].Value, 6);
    }

    [Fact]
    public async Task Score_CodeFrameAboveTheTest_NoAssertionFocus()
    {
        using var inputs = await SignalTestInputs.CreateAsync("notify-cs");
        var trace = SignalTestInputs.Trace("t", "System.Exception",
            SignalTestInputs.ProjectFrame("Notify.Formats.Unused(Int32 value)", "src/Notify/Formats.cs", 11),
            SignalTestInputs.ProjectFrame("Notify.Tests.PlannerTests.Time_Evening_UsesTwentyFourHourClock()", Test, 16));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        Assert.DoesNotContain(new SuspectSpan("src/Notify/Formats.cs", 7, 7), scores.Hits.Keys);
    }
}
