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
                            replica-deletion, vocabulary-create, vocabulary-delete, mirroring; number-cooldown,
                            a released phone number's cooldown, one day by default)
            --active-tasks-quota N
                            open task contacts per instance before StartTaskContact answers
                            ServiceQuotaExceededException (env CONNECTLOCAL_ACTIVE_TASKS_QUOTA; default 2500)
            --allow-campaign-calls
                            place TrafficType CAMPAIGN calls, as after AWS's campaigns quota increase (env
                            CONNECTLOCAL_ALLOW_CAMPAIGN_CALLS=1; default: refused, OutboundContactNotPermittedException)
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
            --log-format F  text (default: one line per entry) or json (one JSON object per line)
                            (env CONNECTLOCAL_LOG_FORMAT)
            -h, --help      print this command's usage
          export FILE     write the stored state as JSON (FILE - is stdout); --account ID for one account;
                          takes the storage options of serve
          import FILE     replace the stored state (or the accounts the file holds) with an export
          simulate SCENARIO.json|SCENARIO.yaml [--out DIR] [--quiet] [--replications N] [--export-contacts F.csv]
                          replay a day of traffic against a configuration in virtual time (docs/routing.md);
                          --replications N runs N independent seeds in parallel and gives 95 % intervals;
                          --export-contacts writes the run's contact records as CSV
          staffing PLAN.json|PLAN.yaml [--out DIR] [--quiet]
                          the fewest agents per interval that meet a service-level or abandonment goal, by
                          simulation (Erlang C beside voice), with required FTE before and after shrinkage,
                          occupancy and the cost of each unit of chat concurrency (docs/routing.md, "For planners")
          validate-flow FILE [--type T]
                          check a flow-language file as CreateContactFlow does (T: a ContactFlowType or
                          FLOW_MODULE, default CONTACT_FLOW; references to queues, prompts, hours and flows are not checked offline);
                          prints each problem with its action, exits 1 on problems (docs/flows.md)
          compatibility   print docs/compatibility.md (which operations are implemented)
          iac             print docs/iac.md (the operations Terraform and CloudFormation call, and their status)
          rules           print docs/rules.md (the rules AWS states in prose, and where each is enforced)
          version         print the version
        """;

    /// <summary>
    /// The usage of one command: its block of <see cref="Usage"/> (the lines from its name, indented two spaces,
    /// to the next command's), so that the overview and the commands' own help never disagree.
    /// </summary>
    public static string? CommandUsage(string command)
    {
        var lines = Usage.Split('\n');
        var block = new List<string>();
        foreach (var line in lines.SkipWhile(l => l != "commands:").Skip(1))
        {
            var starts = line.Length > 2 && line[..2] == "  " && line[2] != ' ';
            if (starts && block.Count > 0)
            {
                break;
            }

            if (starts ? line[2..].Split(' ')[0] == command : block.Count > 0)
            {
                block.Add(line);
            }
        }

        return block.Count == 0 ? null : $"usage: connectlocal {string.Join('\n', block).Trim()}\n";
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "serve" : args[0];
        // [choice] --help or -h anywhere after a command prints that command's usage and exits 0, whatever else is on the line.
        if (args.Length > 1 && args.Skip(1).Any(a => a is "--help" or "-h") && CommandUsage(command) is { } usage)
        {
            Console.Write(usage);
            return 0;
        }

        switch (command)
        {
            case "serve":
                return await ServeCommand.RunAsync(args.Skip(1).ToList());
            case "export" or "import":
                return await TransferCommands.RunAsync(command, args.Skip(1).ToList());
            case "simulate":
                return Simulation.SimulateCommand.Run(args.Skip(1).ToList());
            case "staffing":
                return Simulation.StaffingCommand.Run(args.Skip(1).ToList());
            case "validate-flow":
                return ValidateFlowCommand.Run(args.Skip(1).ToList());
            case "compatibility":
                Console.Write(CompatibilityReport.Markdown());
                return 0;
            case "iac":
                Console.Write(IacReport.Markdown());
                return 0;
            case "rules":
                Console.Write(ProseRuleReport.Markdown());
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
