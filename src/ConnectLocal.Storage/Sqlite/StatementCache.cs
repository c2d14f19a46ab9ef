using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The commands of one connection, prepared once and reused (SQLite compiles a statement on first execution and
/// keeps it while the command lives; compiling was a fixed cost of every call). Used by one thread at a time.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public SqliteCommand Get(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        return command;
    }

    public void Execute(string sql) => Get(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
