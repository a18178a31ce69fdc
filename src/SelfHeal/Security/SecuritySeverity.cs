namespace SelfHeal.Security;

/// <summary>How bad a <see cref="SecurityFinding"/> is. Ordered: a higher value is worse.</summary>
public enum SecuritySeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
