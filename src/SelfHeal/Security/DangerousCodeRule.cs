using System.Text.RegularExpressions;

namespace SelfHeal.Security;

/// <summary>A pattern for a risky construct in added code, for the languages it is written for.</summary>
internal sealed record DangerousCodeRule(string Id, SecuritySeverity Severity, SourceLanguage Languages, Regex Pattern, string Message);
