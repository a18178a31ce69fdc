using SelfHeal.Storage;

namespace SelfHeal.Bugs.Sqlite;

/// <summary>The bug store's schema steps. Append a step to change it; never edit a step that has shipped.</summary>
internal static class SqliteBugSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, """
            CREATE TABLE bugs (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                excerpt TEXT,
                status TEXT NOT NULL,
                severity INTEGER NOT NULL,
                priority INTEGER NOT NULL,
                fingerprint TEXT,
                repository TEXT,
                sources TEXT NOT NULL,
                occurrence_count INTEGER NOT NULL,
                first_seen INTEGER NOT NULL,
                last_seen INTEGER NOT NULL,
                first_report TEXT NOT NULL
            );
            CREATE UNIQUE INDEX bugs_open_fingerprint ON bugs(fingerprint) WHERE fingerprint IS NOT NULL AND status = 'open';
            CREATE INDEX bugs_last_seen ON bugs(last_seen DESC);
            CREATE TABLE occurrences (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bug_id TEXT NOT NULL REFERENCES bugs(id),
                received_at INTEGER NOT NULL,
                source TEXT NOT NULL,
                match TEXT NOT NULL,
                similarity REAL,
                delivery_id TEXT,
                report TEXT NOT NULL
            );
            CREATE INDEX occurrences_bug ON occurrences(bug_id, id DESC);
            CREATE TABLE deliveries (
                channel TEXT NOT NULL,
                delivery_id TEXT NOT NULL,
                bug_id TEXT NOT NULL REFERENCES bugs(id),
                received_at INTEGER NOT NULL,
                PRIMARY KEY (channel, delivery_id)
            ) WITHOUT ROWID;
            """),
        new(2, """
            ALTER TABLE bugs ADD COLUMN heal_status TEXT;
            ALTER TABLE bugs ADD COLUMN heal_reason TEXT;
            ALTER TABLE bugs ADD COLUMN run_id TEXT;
            """),
    ];
}
