namespace SelfHeal.Security;

/// <summary>The languages the dangerous-code rules know, as flags so a rule can cover several.</summary>
[Flags]
internal enum SourceLanguage
{
    None = 0,
    CSharp = 1,
    Python = 2,
    JavaScript = 4,
    Java = 8,
    Go = 16,
    Other = 32,
    Any = CSharp | Python | JavaScript | Java | Go | Other,
}
