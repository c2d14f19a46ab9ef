using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>The SQLite backend's tables, indexes and triggers, one migration step per schema version.</summary>
internal static class SqliteSchema
{
    /// <summary>1: resources, secrets, meta. 2: a version per resource. 3: resource counts kept by triggers.</summary>
    public const int Version = 3;

    // BEGIN IMMEDIATE takes the write lock before the version is read, so two processes opening one new file
    // cannot both run the steps.
    private static readonly SchemaMigrations Migrations = new(
        Version,
        metaTable: "meta",
        begin: "BEGIN IMMEDIATE",
        upgradeAdvice: "Upgrade ConnectLocal or use another --data-dir.",
        """
        CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS resources (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
            id TEXT NOT NULL, name TEXT, data TEXT NOT NULL,
            PRIMARY KEY (account, region, kind, parent, id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS resources_by_name ON resources (account, region, kind, parent, name);
        CREATE INDEX IF NOT EXISTS resources_by_parent ON resources (account, region, parent);
        """,
        "ALTER TABLE resources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",

        // Quota checks count a kind under a parent before every create; COUNT(*) walked the index range, so creating
        // the 100,000th routing profile read 99,999 index entries. The triggers keep the counts in the same
        // transaction as the rows (an upsert that updates fires neither; an update changes no key).
        """
        CREATE TABLE IF NOT EXISTS resource_counts (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (account, region, kind, parent)) WITHOUT ROWID;
        INSERT INTO resource_counts (account, region, kind, parent, n)
            SELECT account, region, kind, parent, COUNT(*) FROM resources GROUP BY account, region, kind, parent;
        CREATE TRIGGER IF NOT EXISTS resources_counted_in AFTER INSERT ON resources BEGIN
            INSERT INTO resource_counts (account, region, kind, parent, n) VALUES (NEW.account, NEW.region, NEW.kind, NEW.parent, 1)
            ON CONFLICT (account, region, kind, parent) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS resources_counted_out AFTER DELETE ON resources BEGIN
            UPDATE resource_counts SET n = n - 1
            WHERE account = OLD.account AND region = OLD.region AND kind = OLD.kind AND parent = OLD.parent;
        END;
        """);

    /// <summary>Brings the schema up to <see cref="Version"/>; refuses, changing nothing, a database written by a newer version.</summary>
    public static void Migrate(SqliteConnection connection) =>
        Migrations.Apply(connection, connection.DataSource, static c => c.Execute("ROLLBACK"));
}
