using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.Auditing;
using SelfHeal.Security;

namespace SelfHeal.Tests.Auditing;

/// <summary>Writes the five-entry log of a small run, deterministically (fixed clock).</summary>
internal static class AuditTestLog
{
    public const string RunId = "20261123-105722-k3f9";

    public static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "TestData", "Auditing", RunId + ".jsonl");

    public static async Task WriteAsync(string path)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 57, 22, TimeSpan.Zero));
        using var log = new FileAuditLog(path, time, SecretRedactor.Instance);
        var records = new[]
        {
            new AuditRecord(RunId, "selfheal", AuditEntryKind.Command, "ran pytest -q: exit 1",
                new JsonObject { ["program"] = "pytest", ["arguments"] = new JsonArray("-q"), ["exitCode"] = 1, ["durationMs"] = 812.5 }),
            new AuditRecord(RunId, "model:claude", AuditEntryKind.ModelCall, "asked for a patch to invoice.py",
                new JsonObject { ["inputTokens"] = 1834, ["outputTokens"] = 412, ["costUsd"] = 0.0123 }),
            new AuditRecord(RunId, "repair", AuditEntryKind.FileEdit, "edited src/invoice.py (+1 -1)",
                new JsonObject { ["path"] = "src/invoice.py", ["added"] = 1, ["removed"] = 1 }),
            new AuditRecord(RunId, "selfheal", AuditEntryKind.ApiCall, "opened pull request #42", null),
            new AuditRecord(RunId, "decide", AuditEntryKind.Decision, "accepted: 12 tests pass, policy clean, no findings",
                new JsonObject { ["confidence"] = 0.92, ["violations"] = new JsonArray() }),
        };
        foreach (var record in records)
        {
            await log.AppendAsync(record);
            time.Advance(TimeSpan.FromMilliseconds(1500.1234));
        }
    }
}
