using SelfHeal.Storage;

namespace SelfHeal.Runs.Sqlite;

/// <summary>The run store's schema steps on SQLite. Append a step to change it; never edit a step that has shipped.</summary>
internal static class SqliteRunSchema
{
    public const string Component = "runs";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        // IF NOT EXISTS: files written before schema_migrations existed already hold these tables.
        new(1, """
            CREATE TABLE IF NOT EXISTS runs (
                id TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                title TEXT NOT NULL,
                repository TEXT NOT NULL,
                status TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS events (
                run_id TEXT NOT NULL REFERENCES runs(id),
                seq INTEGER NOT NULL,
                at INTEGER NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS runs_created ON runs(created_at DESC);
            """),
        new(2, """
            ALTER TABLE runs ADD COLUMN bug_id TEXT;
            CREATE INDEX runs_bug ON runs(bug_id, created_at DESC);
            """),
    ];
}
