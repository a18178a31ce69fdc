namespace SelfHeal.Security;

/// <summary>The rule ids a <see cref="SecurityFinding"/> can carry. Persisted: never rename.</summary>
public static class SecurityRuleIds
{
    public const string SecretPrefix = "secret-";
    public const string AwsAccessKey = "secret-aws-access-key";
    public const string GitHubToken = "secret-github-token";
    public const string SlackToken = "secret-slack-token";
    public const string StripeKey = "secret-stripe-key";
    public const string GoogleApiKey = "secret-google-api-key";
    public const string PrivateKey = "secret-private-key";
    public const string Jwt = "secret-jwt";
    public const string AnthropicKey = "secret-anthropic-key";
    public const string OpenAiKey = "secret-openai-key";
    public const string AzureStorageKey = "secret-azure-storage-key";
    public const string AzureClientSecret = "secret-azure-client-secret";
    public const string GenericSecret = "secret-generic-assignment";
    public const string ProcessExecution = "process-execution";
    public const string DynamicCode = "dynamic-code";
    public const string UnsafeDeserialization = "unsafe-deserialization";
    public const string TlsValidationDisabled = "tls-validation-disabled";
    public const string SqlInjection = "sql-injection";
    public const string NewNetworkEndpoint = "new-network-endpoint";
    public const string NewNetworkClient = "new-network-client";
}
