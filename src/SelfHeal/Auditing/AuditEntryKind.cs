namespace SelfHeal.Auditing;

/// <summary>What an <see cref="AuditEntry"/> records. Persisted by name (<see cref="AuditEntryKinds"/>): never rename.</summary>
public enum AuditEntryKind
{
    /// <summary>A process was run (<c>command</c>).</summary>
    Command,

    /// <summary>A file in the worktree was changed (<c>file-edit</c>).</summary>
    FileEdit,

    /// <summary>A language model was called (<c>model-call</c>).</summary>
    ModelCall,

    /// <summary>An external API was called (<c>api-call</c>).</summary>
    ApiCall,

    /// <summary>SelfHeal decided something (accept, reject, deliver) (<c>decision</c>).</summary>
    Decision,
}
