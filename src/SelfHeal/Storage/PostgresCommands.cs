using Npgsql;

namespace SelfHeal.Storage;

/// <summary>Parameterized commands in one line (<c>@name</c> placeholders). Values are always parameters, never spliced into SQL.</summary>
internal static class PostgresCommands
{
    public static Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        connection.NonQueryAsync(null, sql, cancellationToken, parameters);

    public static Task<object?> ScalarAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        connection.ValueAsync(null, sql, cancellationToken, parameters);

    /// <summary>A command; a <see langword="null"/> value is sent untyped, so SQL that may receive one casts it (<c>@p::text</c>).</summary>
    public static NpgsqlCommand Create(this NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
