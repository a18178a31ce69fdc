using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Auditing;

/// <summary>Where audit logs are written.</summary>
public sealed class AuditOptions
{
    /// <summary>Folder holding the logs. Default: <c>audit</c> in the per-user data folder.</summary>
    [Required]
    public string Directory { get; set; } = Path.Combine(SelfHealPaths.DataDirectory, "audit");

    /// <summary>One file per run or one for all. Default: <see cref="AuditLogLayout.PerRun"/>.</summary>
    public AuditLogLayout Layout { get; set; } = AuditLogLayout.PerRun;

    /// <summary>File name used by <see cref="AuditLogLayout.SingleFile"/>. Default: <c>audit.jsonl</c>.</summary>
    [Required]
    public string SingleFileName { get; set; } = "audit.jsonl";
}
