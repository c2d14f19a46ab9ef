using System.Data.Common;
using ConnectLocal.Core.Ports;

namespace ConnectLocal.Storage;

/// <summary>
/// What export and import do alike on both backends: which columns a record is read from and written to, in which
/// order a <see cref="RecordFilter"/>'s members are bound, how rows become a <see cref="StoreSnapshot"/> and how its
/// secrets are written back. Each backend keeps its own SQL (table names, parameter syntax, collation).
/// </summary>
internal static class StoreArchive
{
    /// <summary>The columns an export selects, in the order <see cref="ReadSnapshot"/> reads them.</summary>
    public const string ExportColumns = "account, region, kind, parent, id, name, version, data";

    /// <summary>The columns an import inserts, in the order of <see cref="ImportValues"/>.</summary>
    public const string ImportColumns = "account, region, kind, parent, id, name, data, version";

    /// <summary>The filter's members in key order (account, region, kind, parent, id); a null one matches everything.</summary>
    public static string?[] FilterValues(RecordFilter filter) => [filter.AccountId, filter.Region, filter.Kind, filter.Parent, filter.Id];

    /// <summary>The values of <see cref="ImportColumns"/> for one record.</summary>
    public static object[] ImportValues(StoredRecord record) =>
        [record.AccountId, record.Region, record.Kind, record.Parent, record.Id, (object?)record.Name ?? DBNull.Value, record.Data, record.Version];

    /// <summary>
    /// Runs <paramref name="records"/> (a select of <see cref="ExportColumns"/>) and, when given,
    /// <paramref name="secrets"/> (a select of name, value) in the caller's transaction.
    /// </summary>
    public static StoreSnapshot ReadSnapshot(DbCommand records, DbCommand? secrets)
    {
        var rows = new List<StoredRecord>();
        using (var reader = records.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(new StoredRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetString(7)));
            }
        }

        // Ordinal, so an export lists its secrets in the same order whatever the backend's collation.
        var values = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (secrets is not null)
        {
            using var reader = secrets.ExecuteReader();
            while (reader.Read())
            {
                values[reader.GetString(0)] = (byte[])reader.GetValue(1);
            }
        }

        return new StoreSnapshot(rows, values);
    }

    /// <summary>
    /// Stores each secret with <paramref name="upsert"/>, an insert of (name, value) that replaces an existing value;
    /// <paramref name="nameParameter"/> and <paramref name="valueParameter"/> are its parameter names, or null where the
    /// backend binds by position.
    /// </summary>
    public static void WriteSecrets(DbConnection connection, string upsert, string? nameParameter, string? valueParameter,
        IReadOnlyDictionary<string, byte[]> secrets)
    {
        foreach (var (name, value) in secrets)
        {
            using var command = connection.CreateCommand();
            command.CommandText = upsert;
            Add(command, nameParameter, name);
            Add(command, valueParameter, value);
            command.ExecuteNonQuery();
        }
    }

    private static void Add(DbCommand command, string? name, object value)
    {
        var parameter = command.CreateParameter();
        if (name is not null)
        {
            parameter.ParameterName = name;
        }

        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
