namespace SelfHeal.Repair.Tokens;

/// <summary>The languages the token templates understand.</summary>
internal enum TokenLanguage
{
    Python,
    JavaScript,
    Java,
    Go,
}
