namespace SelfHeal.Reports;

/// <summary>One thing wrong with a report.</summary>
/// <param name="Field">The field, camelCase as in the API (<c>title</c>, <c>links[1].url</c>).</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record BugReportProblem(string Field, string Message);
