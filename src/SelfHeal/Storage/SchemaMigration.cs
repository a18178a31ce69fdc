namespace SelfHeal.Storage;

/// <summary>One step of a component's schema (SQLite or PostgreSQL), applied once, in order, in a transaction.</summary>
/// <param name="Version">1, 2, 3, ...: the order of application.</param>
/// <param name="Sql">The statements of the step.</param>
internal sealed record SchemaMigration(int Version, string Sql);
