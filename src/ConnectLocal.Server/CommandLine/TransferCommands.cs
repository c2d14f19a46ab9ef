using ConnectLocal.Core.Ports;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Options;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.CommandLine;

/// <summary>
/// <c>connectlocal export FILE [--account ID]</c> and <c>connectlocal import FILE</c>: the document of
/// <see cref="StateTransfer"/>, read from or written to a file instead of the control API.
/// </summary>
internal static class TransferCommands
{
    public const string ExportUsage = "usage: connectlocal export FILE|- [--account ID] [--data-dir D | --in-memory | --postgres CS]";
    public const string ImportUsage = "usage: connectlocal import FILE|- [--data-dir D | --postgres CS]";

    /// <summary>
    /// <c>connectlocal export</c> / <c>import</c>: opens the store the serve options name (another process may be
    /// serving it: SQLite makes the two take turns, PostgreSQL runs the import as one transaction).
    /// </summary>
    public static async Task<int> RunAsync(string command, IReadOnlyList<string> args)
    {
        var usage = command == "export" ? ExportUsage : ImportUsage;
        var rest = args.ToList();
        string? account = null;
        var accountAt = rest.IndexOf("--account");
        if (command == "export" && accountAt >= 0)
        {
            if (accountAt + 1 >= rest.Count)
            {
                await Console.Error.WriteLineAsync($"connectlocal: --account needs an account id\n{usage}");
                return 2;
            }

            account = rest[accountAt + 1];
            rest.RemoveRange(accountAt, 2);
        }

        if (rest.Count == 0 || rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"connectlocal: {command} needs a file (- for {(command == "export" ? "stdout" : "stdin")})\n{usage}");
            return 2;
        }

        var file = rest[0];
        var options = ServerOptions.Parse(rest.Skip(1).ToList(), Environment.GetEnvironmentVariable, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"connectlocal: {error}\n{usage}");
            return 2;
        }

        // Disposing the services closes the store.
        using var services = ConnectLocalServices.BuildServiceProvider(options);
        IStoreArchive archive;
        try
        {
            archive = services.GetRequiredService<IStoreArchive>();
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            await Console.Error.WriteLineAsync($"connectlocal: cannot open storage: {e.Message}");
            return 1;
        }

        if (command == "export")
        {
            var snapshot = archive.Export(new RecordFilter(AccountId: account), withSecrets: account is null);
            await using var output = file == "-" ? Console.OpenStandardOutput() : File.Create(file);
            await StateTransfer.WriteAsync(output, snapshot, account is null ? null : [account], partial: false);
            if (file != "-")
            {
                Console.WriteLine($"exported {snapshot.Records.Count} resources to {file}");
            }

            return 0;
        }

        // Read one record at a time, twice (check, then store): standard input is first copied to a temporary file.
        string? importError;
        int imported;
        IReadOnlyList<string>? accounts;
        try
        {
            await using var input = file == "-" ? StateTransfer.CreateSpool() : File.OpenRead(file);
            if (file == "-")
            {
                await using var stdin = Console.OpenStandardInput();
                await stdin.CopyToAsync(input);
            }

            importError = StateTransfer.Import(input, archive, out imported, out accounts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"connectlocal: cannot read {file}: {e.Message}");
            return 1;
        }

        if (importError is not null)
        {
            await Console.Error.WriteLineAsync($"connectlocal: {file}: {importError}");
            return 1;
        }

        Console.WriteLine($"imported {imported} resources from {file} ({(accounts is null ? "whole store replaced" : "replaced accounts " + string.Join(", ", accounts))})");
        return 0;
    }
}
