using System.Text.RegularExpressions;

namespace SelfHeal.Security;

/// <summary>A pattern for one kind of credential.</summary>
/// <param name="ValueGroup">The regex group holding the secret itself (redacted); 0 for the whole match.</param>
/// <param name="IsValid">Extra check on the secret value (entropy, placeholders); <see langword="null"/> accepts every match.</param>
internal sealed record SecretRule(string Id, SecuritySeverity Severity, string Description, Regex Pattern, int ValueGroup = 0, Func<string, bool>? IsValid = null);
