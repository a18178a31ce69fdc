using SelfHeal.Reports;

namespace SelfHeal.Tests.Reports;

public sealed class BugReportValidatorTests
{
    [Fact]
    public void Validate_FullReport_HasNoProblems()
    {
        var report = new BugReport("Cart total is wrong")
        {
            Description = "Details",
            StackTrace = "trace",
            Source = "github",
            Severity = BugSeverity.High,
            Priority = BugPriority.Urgent,
            Commit = "9fceb02",
            File = "src/Cart.cs",
            Line = 12,
            Environment = new Dictionary<string, string> { ["os"] = "linux" },
            Attachments = [new BugAttachment("crash.log", "https://files.example.com/crash.log", "text/plain", 120)],
            Links = [new BugLink("issue", "https://github.com/o/r/issues/1")],
        };
        Assert.Empty(BugReportValidator.Validate(report));
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("source", "GitHub!")]
    [InlineData("commit", "not-hex")]
    [InlineData("file", "../etc/passwd")]
    [InlineData("file", "/etc/passwd")]
    [InlineData("line", "0")]
    [InlineData("links[0].url", "file:///etc/passwd")]
    [InlineData("attachments[0].url", "relative/path")]
    public void Validate_BadField_NamesItWithAMessage(string field, string value)
    {
        var report = field switch
        {
            "title" => new BugReport(value),
            "source" => new BugReport("t") { Source = value },
            "commit" => new BugReport("t") { Commit = value },
            "file" => new BugReport("t") { File = value },
            "line" => new BugReport("t") { File = "a.cs", Line = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "links[0].url" => new BugReport("t") { Links = [new BugLink("x", value)] },
            _ => new BugReport("t") { Attachments = [new BugAttachment("a", value)] },
        };

        var problem = Assert.Single(BugReportValidator.Validate(report));

        Assert.Equal(field, problem.Field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void Validate_AttachmentNamedOnly_IsValid() =>
        Assert.Empty(BugReportValidator.Validate(new BugReport("t") { Attachments = [new BugAttachment("screenshot.png", null, "image/png", 48_213)] }));

    [Fact]
    public void Validate_TooLong_SaysTheLimits()
    {
        var problems = BugReportValidator.Validate(new BugReport(new string('t', 301)) { Log = new string('l', BugReportValidator.MaxLogLength + 1) });
        Assert.Contains(problems, p => p.Field == "title" && p.Message.Contains("300", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "log");
    }

    [Fact]
    public void Validate_LineWithoutFile_AsksForTheFile()
    {
        Assert.Contains(BugReportValidator.Validate(new BugReport("t") { Line = 3 }), p => p.Message.Contains("give 'file'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UndefinedSeverity_IsAProblem()
    {
        Assert.Contains(BugReportValidator.Validate(new BugReport("t") { Severity = (BugSeverity)42 }), p => p.Field == "severity");
    }
}
