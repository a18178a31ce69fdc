namespace SelfHeal.Reports;

/// <summary>A link back to where a report came from or what it relates to.</summary>
/// <param name="Title">What the link is: <c>issue</c>, <c>comment</c>, <c>sentry event</c>, <c>alert source</c>.</param>
/// <param name="Url">Absolute http or https URL.</param>
public sealed record BugLink(string Title, string Url);
