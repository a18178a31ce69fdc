using SelfHeal.Reports;
using SelfHeal.Triage;

namespace SelfHeal.Tests.Triage;

public sealed class LabelClassifierTests
{
    [Theory]
    [InlineData(BugSeverity.Critical, "severity:critical")]
    [InlineData(BugSeverity.Critical, "sev1")]
    [InlineData(BugSeverity.Critical, "Sev-0")]
    [InlineData(BugSeverity.Critical, "blocker")]
    [InlineData(BugSeverity.Critical, "severity=critical")]
    [InlineData(BugSeverity.High, "Severity: High")]
    [InlineData(BugSeverity.High, "S2")]
    [InlineData(BugSeverity.Medium, "severity/medium")]
    [InlineData(BugSeverity.Medium, "severity=warning")]
    [InlineData(BugSeverity.Low, "minor")]
    [InlineData(BugSeverity.Low, "severity:4")]
    [InlineData(BugSeverity.Unknown, "bug")]
    [InlineData(BugSeverity.Unknown, "2")]
    public void Severity_FromLabel(BugSeverity expected, string label)
    {
        Assert.Equal(expected, LabelClassifier.Severity(["bug", label]));
    }

    [Fact]
    public void Severity_SeveralLabels_StrongestWins()
    {
        Assert.Equal(BugSeverity.Critical, LabelClassifier.Severity(["minor", "sev1", "severity:medium"]));
    }

    [Theory]
    [InlineData(BugPriority.Urgent, "P0")]
    [InlineData(BugPriority.Urgent, "priority:urgent")]
    [InlineData(BugPriority.High, "p2")]
    [InlineData(BugPriority.High, "priority/high")]
    [InlineData(BugPriority.Normal, "prio: medium")]
    [InlineData(BugPriority.Low, "P4")]
    [InlineData(BugPriority.Unknown, "high")]
    [InlineData(BugPriority.Unknown, "payments")]
    public void Priority_FromLabel(BugPriority expected, string label)
    {
        Assert.Equal(expected, LabelClassifier.Priority([label]));
    }
}
