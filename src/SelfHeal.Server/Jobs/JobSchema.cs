using SelfHeal.Storage;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// Quartz.NET's own tables, as the <c>quartz</c> component's schema steps (recorded in <c>schema_migrations</c> like
/// every other store's). The SQL is the script the Quartz package ships for its version, embedded in this assembly.
/// </summary>
internal static class JobSchema
{
    public const string Component = "quartz";

    public static IReadOnlyList<SchemaMigration> Sqlite { get; } = [new(1, Read("quartz_sqlite.sql"))];

    public static IReadOnlyList<SchemaMigration> Postgres { get; } = [new(1, Read("quartz_postgres.sql"))];

    private static string Read(string name)
    {
        using var stream = typeof(JobSchema).Assembly.GetManifestResourceStream($"SelfHeal.Server.Jobs.Schema.{name}")
            ?? throw new InvalidOperationException($"The job schema '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        // Quartz separates statements with a line reading '--;;' and leaves some without a closing ';' (SQLite's
        // CREATE TRIGGER ... END): close each one, so the step runs as one batch.
        var statements = reader.ReadToEnd().ReplaceLineEndings("\n").Split("\n--;;\n")
            .Select(statement => statement.TrimEnd())
            .Select(statement => statement.EndsWith(';') || IsCommentOnly(statement) ? statement : statement + ";");
        return string.Join("\n", statements);
    }

    private static bool IsCommentOnly(string statement) =>
        statement.Split('\n').All(line => line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal));
}
