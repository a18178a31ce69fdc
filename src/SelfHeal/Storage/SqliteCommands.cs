using Microsoft.Data.Sqlite;

namespace SelfHeal.Storage;

/// <summary>Parameterized commands in one line. Values are always parameters, never spliced into SQL.</summary>
internal static class SqliteCommands
{
    public static Task<int> ExecuteAsync(this SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        connection.ExecuteAsync(null, sql, cancellationToken, parameters);

    public static Task<int> ExecuteAsync(this SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        connection.NonQueryAsync(transaction, sql, cancellationToken, parameters);

    public static Task<object?> ScalarAsync(this SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        connection.ValueAsync(transaction, sql, cancellationToken, parameters);

    public static SqliteCommand Create(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
