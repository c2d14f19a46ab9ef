using ConnectLocal.Core.Ports;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.CommandLine;

/// <summary>The command line: <c>connectlocal serve [--host H] [--port N] [--data-dir D] [--in-memory]</c>.</summary>
internal static class Cli
{
    public const string Usage = """
        usage: connectlocal <command> [options]

        commands:
          serve           start the Amazon Connect endpoint
            --host H        address to listen on (env CONNECTLOCAL_HOST; default 127.0.0.1)
            --port N        port to listen on (env CONNECTLOCAL_PORT; default 4570; 0 picks a free port)
            --data-dir D    directory for stored state (env CONNECTLOCAL_DATA_DIR; default ~/.connectlocal)
            --in-memory     keep nothing on disk (env CONNECTLOCAL_IN_MEMORY=1)
            --storage S     sqlite (default) or postgres (env CONNECTLOCAL_STORAGE)
            --postgres CS   Npgsql connection string; implies --storage postgres (env CONNECTLOCAL_POSTGRES)
            --durability D  SQLite only: fast, normal (default) or full (fsync before each acknowledged commit);
                            see docs/storage.md (env CONNECTLOCAL_DURABILITY)
            --transition-delays K=MS,...
                            delays of status transitions in milliseconds, e.g.
                            tdg-create=2000,tdg-update=500 (env CONNECTLOCAL_TRANSITION_DELAYS; default: immediate,
                            but 500 for the vocabulary kinds; kinds: tdg-create, tdg-update, tdg-delete, replication,
                            replica-deletion, vocabulary-create, vocabulary-delete)
            --auth MODE     permissive (default: a well-formed SigV4 header, signature not checked) or strict
                            (every signature verified) (env CONNECTLOCAL_AUTH)
            --credentials F strict mode's credentials file (env CONNECTLOCAL_CREDENTIALS; one more credential from
                            CONNECTLOCAL_ACCESS_KEY_ID, CONNECTLOCAL_SECRET_ACCESS_KEY, CONNECTLOCAL_ACCOUNT_ID,
                            CONNECTLOCAL_SESSION_TOKEN)
            --allow-unauthenticated-remote
                            let permissive mode listen on a non-loopback address and the control API answer
                            remote callers (env CONNECTLOCAL_ALLOW_UNAUTHENTICATED_REMOTE=1)
            --control-token T
                            the control API (/_connectlocal) then needs Authorization: Bearer T; without it strict
                            mode closes the control API (env CONNECTLOCAL_CONTROL_TOKEN; 16+ characters)
            --throttle aws  emulate Connect's API rate limits per account, region and operation (env CONNECTLOCAL_THROTTLE)
            --throttle-rates OP=RATE[/BURST],...
                            replace rates of --throttle aws, e.g. ListQueues=5/10,*=20/40 (env CONNECTLOCAL_THROTTLE_RATES)
            --regions R,... the Regions a credential scope may name (env CONNECTLOCAL_REGIONS; default: the
                            Regions Amazon Connect runs in, docs/security.md)
            --limits K=N,...
                            request limits, e.g. body-bytes=1048576,json-depth=20 (env CONNECTLOCAL_LIMITS; keys:
                            body-bytes, url-bytes, header-bytes, header-count, json-depth, headers-timeout-ms,
                            keep-alive-timeout-ms, min-body-bytes-per-second, min-body-grace-ms, import-bytes;
                            docs/security.md)
          export FILE     write the stored state as JSON (FILE - is stdout); --account ID for one account;
                          takes the storage options of serve
          import FILE     replace the stored state (or the accounts the file holds) with an export
          simulate SCENARIO.json|SCENARIO.yaml [--out DIR] [--quiet]
                          replay a day of traffic against a configuration in virtual time (docs/routing.md)
          validate-flow FILE [--type T]
                          check a flow-language file as CreateContactFlow does (T: a ContactFlowType or
                          FLOW_MODULE, default CONTACT_FLOW; references to queues, prompts, hours and flows are not checked offline);
                          prints each problem with its action, exits 1 on problems (docs/flows.md)
          compatibility   print docs/compatibility.md (which operations are implemented)
          iac             print docs/iac.md (the operations Terraform and CloudFormation call, and their status)
          version         print the version
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "serve" : args[0];
        switch (command)
        {
            case "serve":
                var options = ServerOptions.Parse(args.Skip(1).ToList(), Environment.GetEnvironmentVariable, out var error);
                if (options is null)
                {
                    await Console.Error.WriteLineAsync($"connectlocal: {error}\n\n{Usage}");
                    return 2;
                }

                if (options.StartupProblem() is { } problem)
                {
                    await Console.Error.WriteLineAsync($"connectlocal: {problem}");
                    return 2;
                }

                WebApplication app;
                try
                {
                    app = ConnectLocalApp.Build(options);
                    _ = app.Services.GetRequiredService<IConnectStore>();
                }
                catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    await Console.Error.WriteLineAsync($"connectlocal: cannot open storage: {e.Message}");
                    return 1;
                }

                try
                {
                    await app.RunAsync();
                }
                catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException)
                {
                    // e.g. the port is taken: say so in one line instead of a stack trace
                    await Console.Error.WriteLineAsync($"connectlocal: cannot listen on {options.Host}:{options.Port}: {e.InnerException.Message}");
                    return 1;
                }

                return 0;
            case "export" or "import":
                return await TransferCommands.RunAsync(command, args.Skip(1).ToList());
            case "simulate":
                return Simulation.SimulateCommand.Run(args.Skip(1).ToList());
            case "validate-flow":
                return ValidateFlowCommand.Run(args.Skip(1).ToList());
            case "compatibility":
                Console.Write(CompatibilityReport.Markdown());
                return 0;
            case "iac":
                Console.Write(IacReport.Markdown());
                return 0;
            case "version" or "--version":
                Console.WriteLine(ControlApi.Version);
                return 0;
            case "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"connectlocal: unknown command '{command}'\n\n{Usage}");
                return 2;
        }
    }
}
