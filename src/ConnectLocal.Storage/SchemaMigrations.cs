using System.Data.Common;
using System.Globalization;

namespace ConnectLocal.Storage;

/// <summary>
/// A backend's schema as a list of steps, and the one way both backends apply them: in one transaction, read the
/// version stored in the meta table, refuse (changing nothing) a database written by a newer ConnectLocal, run the
/// steps after the stored version, record the new version. Only the SQL of the steps, the meta table's name and how
/// the transaction begins and is abandoned differ per backend.
/// </summary>
internal sealed class SchemaMigrations
{
    private readonly string[] _steps;
    private readonly string _begin;
    private readonly string _createMeta;
    private readonly string _readVersion;
    private readonly string _writeVersion;
    private readonly string _upgradeAdvice;

    /// <param name="version">The schema version this build writes; one step per version.</param>
    /// <param name="metaTable">The key/value table that holds <c>schema_version</c>.</param>
    /// <param name="begin">The statement that opens the migration's transaction.</param>
    /// <param name="upgradeAdvice">The last sentence of the refusal: what the user can do about it.</param>
    /// <param name="steps">Step <c>n</c> (from 1) takes the schema from version <c>n - 1</c> to <c>n</c>.</param>
    public SchemaMigrations(int version, string metaTable, string begin, string upgradeAdvice, params string[] steps)
    {
        // The version is a public constant of each store (tests and operators read it); a step added without
        // raising it, or the reverse, would leave databases that claim a schema they do not have.
        if (steps.Length != version)
        {
            throw new ArgumentException($"schema version {version} needs {version} steps, not {steps.Length}", nameof(steps));
        }

        Version = version;
        _steps = steps;
        _begin = begin;
        _upgradeAdvice = upgradeAdvice;
        _createMeta = $"CREATE TABLE IF NOT EXISTS {metaTable} (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
        _readVersion = $"SELECT value FROM {metaTable} WHERE key = 'schema_version'";
        _writeVersion = $"INSERT INTO {metaTable} (key, value) VALUES ('schema_version', '{version}') ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    }

    public int Version { get; }

    /// <summary>
    /// Brings the schema of <paramref name="connection"/> up to <see cref="Version"/>; refuses, changing nothing, a
    /// database written by a newer version. <paramref name="database"/> names it in that refusal;
    /// <paramref name="rollback"/> abandons the transaction when anything fails.
    /// </summary>
    public void Apply(DbConnection connection, string database, Action<DbConnection> rollback)
    {
        connection.Execute(_begin);
        try
        {
            connection.Execute(_createMeta);
            using var read = connection.CreateCommand();
            read.CommandText = _readVersion;
            var stored = read.ExecuteScalar() is string text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            if (stored > Version)
            {
                throw new InvalidOperationException(
                    $"The database {database} was written by a newer ConnectLocal (schema {stored}; this version understands up to {Version}). {_upgradeAdvice}");
            }

            for (var version = stored + 1; version <= Version; version++)
            {
                connection.Execute(_steps[version - 1]);
            }

            connection.Execute(_writeVersion);
            connection.Execute("COMMIT");
        }
        catch
        {
            rollback(connection);
            throw;
        }
    }
}
