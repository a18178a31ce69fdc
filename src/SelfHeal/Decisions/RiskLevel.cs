namespace SelfHeal.Decisions;

/// <summary>How much harm a wrong fix could do, from what the patch touches. Ordered: higher is riskier.</summary>
public enum RiskLevel
{
    /// <summary>Documentation, comments, test code.</summary>
    Low,
    /// <summary>Ordinary application code.</summary>
    Medium,
    /// <summary>Paths the policy names as core, or code the security scan has advisory findings in.</summary>
    High,
    /// <summary>Security-relevant code: authentication, cryptography, permissions, SQL, deserialization.</summary>
    Critical,
}
