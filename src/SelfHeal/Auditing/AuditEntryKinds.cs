namespace SelfHeal.Auditing;

/// <summary>The persisted names of <see cref="AuditEntryKind"/>.</summary>
public static class AuditEntryKinds
{
    public static string ToName(AuditEntryKind kind) => kind switch
    {
        AuditEntryKind.Command => "command",
        AuditEntryKind.FileEdit => "file-edit",
        AuditEntryKind.ModelCall => "model-call",
        AuditEntryKind.ApiCall => "api-call",
        AuditEntryKind.Decision => "decision",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown audit entry kind"),
    };

    public static bool TryParse(string? name, out AuditEntryKind kind)
    {
        (var known, kind) = name switch
        {
            "command" => (true, AuditEntryKind.Command),
            "file-edit" => (true, AuditEntryKind.FileEdit),
            "model-call" => (true, AuditEntryKind.ModelCall),
            "api-call" => (true, AuditEntryKind.ApiCall),
            "decision" => (true, AuditEntryKind.Decision),
            _ => (false, default),
        };
        return known;
    }
}
