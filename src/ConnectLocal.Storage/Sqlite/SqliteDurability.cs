namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// How hard SQLite works to keep a committed transaction (<c>--durability</c>). The database is always in WAL mode;
/// the setting is its <c>PRAGMA synchronous</c> (https://www.sqlite.org/pragma.html#pragma_synchronous).
/// </summary>
public enum SqliteDurability
{
    /// <summary>synchronous=OFF: survives a crash of ConnectLocal; an OS crash or power loss can lose or corrupt the database.</summary>
    Fast,

    /// <summary>synchronous=NORMAL: survives a crash of ConnectLocal; an OS crash or power loss can lose the last commits, never corrupt.</summary>
    Normal,

    /// <summary>synchronous=FULL: the WAL is fsynced before a commit is acknowledged; survives power loss.</summary>
    Full,
}
