namespace SelfHeal.Auditing;

/// <summary>How audit entries are spread over files.</summary>
public enum AuditLogLayout
{
    /// <summary>One file per run: <c>&lt;run id&gt;.jsonl</c>. The default.</summary>
    PerRun,

    /// <summary>One file for every run: <see cref="AuditOptions.SingleFileName"/>.</summary>
    SingleFile,
}
