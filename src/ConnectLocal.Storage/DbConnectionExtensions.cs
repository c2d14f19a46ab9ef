using System.Data.Common;

namespace ConnectLocal.Storage;

internal static class DbConnectionExtensions
{
    /// <summary>Runs a statement once, unprepared: for setup, migrations and rollbacks, not for request paths.</summary>
    public static void Execute(this DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
