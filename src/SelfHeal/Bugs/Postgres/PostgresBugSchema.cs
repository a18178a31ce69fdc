using SelfHeal.Storage;

namespace SelfHeal.Bugs.Postgres;

/// <summary>The bug store's schema steps on PostgreSQL, the same tables as on SQLite. Append a step to change it.</summary>
internal static class PostgresBugSchema
{
    public const string Component = "bugs";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, """
            CREATE TABLE bugs (
                id text PRIMARY KEY,
                title text NOT NULL,
                excerpt text,
                status text NOT NULL,
                severity integer NOT NULL,
                priority integer NOT NULL,
                fingerprint text,
                repository text,
                sources text NOT NULL,
                occurrence_count bigint NOT NULL,
                first_seen bigint NOT NULL,
                last_seen bigint NOT NULL,
                first_report text NOT NULL
            );
            CREATE UNIQUE INDEX bugs_open_fingerprint ON bugs(fingerprint) WHERE fingerprint IS NOT NULL AND status = 'open';
            CREATE INDEX bugs_last_seen ON bugs(last_seen DESC);
            CREATE TABLE occurrences (
                id bigserial PRIMARY KEY,
                bug_id text NOT NULL REFERENCES bugs(id),
                received_at bigint NOT NULL,
                source text NOT NULL,
                match text NOT NULL,
                similarity double precision,
                delivery_id text,
                report text NOT NULL
            );
            CREATE INDEX occurrences_bug ON occurrences(bug_id, id DESC);
            CREATE TABLE deliveries (
                channel text NOT NULL,
                delivery_id text NOT NULL,
                bug_id text NOT NULL REFERENCES bugs(id),
                received_at bigint NOT NULL,
                PRIMARY KEY (channel, delivery_id)
            );
            """),
        new(2, """
            ALTER TABLE bugs ADD COLUMN heal_status text;
            ALTER TABLE bugs ADD COLUMN heal_reason text;
            ALTER TABLE bugs ADD COLUMN run_id text;
            """),
    ];
}
