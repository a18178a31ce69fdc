using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Storage;

namespace SelfHeal.Server.Auth;

/// <summary>API keys in the shared PostgreSQL database, as <see cref="SqliteApiKeyStore"/> keeps them (hashed, constant-time checks).</summary>
internal sealed class PostgresApiKeyStore : DbApiKeyStore, IAsyncDisposable
{
    private static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, """
            CREATE TABLE api_keys (
                id text PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL,
                hash text NOT NULL,
                created_at bigint NOT NULL,
                revoked_at bigint
            );
            """),
    ];

    private readonly PostgresDatabase _database;

    public PostgresApiKeyStore(IOptions<PostgresBugStoreOptions> options, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _database = new PostgresDatabase(options.Value.ConnectionString, "api_keys", Migrations);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
}
