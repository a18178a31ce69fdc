using System.Text.Json.Nodes;

namespace SelfHeal.Auditing;

/// <summary>What a caller asks <see cref="IAuditLog.AppendAsync"/> to record; the log adds sequence, time and hashes.</summary>
/// <param name="Actor">Who acted: <c>selfheal</c>, a stage name, a model id or a user.</param>
/// <param name="Summary">One line for people (<c>ran pytest -q: exit 1</c>).</param>
/// <param name="Detail">Structured detail (arguments, exit code, token counts); <see langword="null"/> for none.</param>
public sealed record AuditRecord(string RunId, string Actor, AuditEntryKind Kind, string Summary, JsonNode? Detail = null);
