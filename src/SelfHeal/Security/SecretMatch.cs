namespace SelfHeal.Security;

/// <summary>A secret found in a piece of text.</summary>
/// <param name="Index">Where the secret value starts in the text that was searched.</param>
/// <param name="Evasion">How it was hidden (<c>base64-encoded</c>, <c>split across lines</c>), or <see langword="null"/> when in plain sight.</param>
internal sealed record SecretMatch(SecretRule Rule, int Index, int Length, string? Evasion);
