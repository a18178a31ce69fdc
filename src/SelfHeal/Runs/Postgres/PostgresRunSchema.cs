using SelfHeal.Storage;

namespace SelfHeal.Runs.Postgres;

/// <summary>The run store's schema steps on PostgreSQL, the same tables as on SQLite. Append a step to change it.</summary>
internal static class PostgresRunSchema
{
    public const string Component = "runs";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, """
            CREATE TABLE runs (
                id text PRIMARY KEY,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                title text NOT NULL,
                repository text NOT NULL,
                status text NOT NULL,
                bug_id text
            );
            CREATE TABLE events (
                run_id text NOT NULL REFERENCES runs(id),
                seq bigint NOT NULL,
                at bigint NOT NULL,
                payload text NOT NULL,
                PRIMARY KEY (run_id, seq)
            );
            CREATE INDEX runs_created ON runs(created_at DESC);
            CREATE INDEX runs_bug ON runs(bug_id, created_at DESC);
            """),
    ];
}
