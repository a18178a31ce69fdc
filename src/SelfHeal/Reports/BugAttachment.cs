namespace SelfHeal.Reports;

/// <summary>A file that came with a report, kept by reference (or, when it cannot be fetched, named only).</summary>
/// <param name="Name">The file's name as the reporter gave it.</param>
/// <param name="Url">Where it can be fetched (absolute http or https); <see langword="null"/> when it came inline and was not kept (an email attachment).</param>
/// <param name="ContentType">Its media type, when known.</param>
/// <param name="Size">Its size in bytes, when known.</param>
public sealed record BugAttachment(string Name, string? Url, string? ContentType = null, long? Size = null);
