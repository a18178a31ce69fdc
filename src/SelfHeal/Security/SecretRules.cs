namespace SelfHeal.Security;

/// <summary>Credential shapes, after gitleaks' rules: provider prefixes first, then a generic high-entropy assignment.</summary>
internal static class SecretRules
{
    /// <summary>Minimum Shannon entropy (bits per character) of a generic secret value.</summary>
    public const double MinimumGenericEntropy = 3.5;

    /// <summary>Minimum length of a generic secret value.</summary>
    public const int MinimumGenericLength = 16;

    public static IReadOnlyList<SecretRule> All { get; } =
    [
        Rule(SecurityRuleIds.PrivateKey, "a private key block", @"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----"),
        Rule(SecurityRuleIds.AwsAccessKey, "an AWS access key id", @"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b"),
        Rule(SecurityRuleIds.GitHubToken, "a GitHub token", @"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b"),
        Rule(SecurityRuleIds.SlackToken, "a Slack token", @"\bxox[baprs]-[A-Za-z0-9-]{10,250}"),
        Rule(SecurityRuleIds.StripeKey, "a Stripe live key", @"\b(?:sk|rk)_live_[A-Za-z0-9]{20,247}\b"),
        Rule(SecurityRuleIds.GoogleApiKey, "a Google API key", @"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])"),
        Rule(SecurityRuleIds.Jwt, "a JSON Web Token", @"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
        Rule(SecurityRuleIds.AnthropicKey, "an Anthropic API key", @"\bsk-ant-[A-Za-z0-9_\-]{32,}"),
        Rule(SecurityRuleIds.OpenAiKey, "an OpenAI-style API key", @"\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"),
        Rule(SecurityRuleIds.AzureStorageKey, "an Azure storage account key", @"AccountKey=[A-Za-z0-9+/]{86}=="),
        Rule(SecurityRuleIds.AzureClientSecret, "an Azure AD client secret", @"(?<![A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}(?![A-Za-z0-9_~.\-])"),
        new SecretRule(
            SecurityRuleIds.GenericSecret,
            SecuritySeverity.High,
            "a high-entropy value assigned to a secret-looking name",
            SecurityRegex.Create(
                @"(?i)\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|credentials?)[\w.-]*\b[""']?(?:\s*:\s*[A-Za-z_][\w\[\]<>?.]*)?\s*(?::=|=>|[:=])\s*[@$]?[""'`]([^""'`\s]{16,})[""'`]"),
            ValueGroup: 1,
            IsValid: LooksRandom),
    ];

    private static SecretRule Rule(string id, string description, string pattern) =>
        new(id, SecuritySeverity.Critical, description, SecurityRegex.Create(pattern));

    private static bool LooksRandom(string value) =>
        value.Length >= MinimumGenericLength
        && ShannonEntropy.Of(value) >= MinimumGenericEntropy
        && !value.Contains("${", StringComparison.Ordinal)
        && !value.Contains("{{", StringComparison.Ordinal)
        && !value.StartsWith('<')
        && !value.StartsWith("%(", StringComparison.Ordinal)
        && !value.Contains("process.env", StringComparison.Ordinal)
        && !value.Contains("REDACTED", StringComparison.Ordinal);
}
