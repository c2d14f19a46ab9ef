using ConnectLocal.Core.Ports;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConnectLocal.Server.CommandLine;

/// <summary>
/// <c>connectlocal serve</c>: parses the options, opens the storage, starts listening, prints the start-up banner
/// and, once the server accepts requests, the readiness line (<see cref="ReadyPrefix"/>); runs until SIGTERM/Ctrl+C.
/// [choice] Every start-up failure (a bad option, storage that cannot be opened, a port that cannot be bound) is one
/// line on standard error starting <c>connectlocal:</c> and a non-zero exit code (2 for bad options, 1 for the rest),
/// never a stack trace (docs/cli.md).
/// </summary>
internal static class ServeCommand
{
    /// <summary>The start of the readiness line; the endpoint URL follows (scripts wait for it).</summary>
    public const string ReadyPrefix = "connectlocal: ready on ";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ServerOptions.Parse(args, Environment.GetEnvironmentVariable, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"connectlocal: {error} (connectlocal serve --help lists the options)");
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
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"connectlocal: cannot open storage: {OneLine(e)}");
            return 1;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception e)
            {
                // e.g. the port is taken: one line instead of a stack trace (the host's own error entry is filtered out)
                await Console.Error.WriteLineAsync($"connectlocal: cannot listen on {options.Host}:{options.Port}: {OneLine(e)}");
                return 1;
            }

            var endpoint = Endpoint(app, options);
            Console.Out.Write(Banner(options, endpoint));
            Console.Out.WriteLine(ReadyPrefix + endpoint);
            Console.Out.Flush();
            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>The innermost message of an exception chain (the one that names the cause), on one line.</summary>
    public static string OneLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is { } next && (inner is AggregateException or IOException or TypeInitializationException or System.Reflection.TargetInvocationException || inner.Message.Length == 0))
        {
            inner = next;
        }

        return inner.Message.ReplaceLineEndings(" ").Trim();
    }

    /// <summary>The URL the server listens on (the bound port when --port 0 picked one).</summary>
    private static string Endpoint(WebApplication app, ServerOptions options)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? $"http://{options.Host}:{options.Port}" : address.TrimEnd('/');
    }

    /// <summary>
    /// The start-up banner: version, endpoint, where the data is, storage, authentication mode and throttling.
    /// [choice] It goes to standard output before the readiness line; a PostgreSQL connection string is shown as
    /// host, port and database only (never its password).
    /// </summary>
    public static string Banner(ServerOptions options, string endpoint)
    {
        string data, storage;
        if (options.Storage == "postgres")
        {
            var cs = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            data = $"PostgreSQL database {cs.Database} on {cs.Host}:{cs.Port}";
            storage = "postgres";
        }
        else
        {
            data = options.InMemory ? "in memory" : options.DataDirectory;
            storage = $"sqlite (durability {options.Durability.ToString().ToLowerInvariant()})";
        }

        var auth = options.Authentication == AuthenticationMode.Strict ? "strict (signatures verified)" : "permissive (signatures not checked)";
        return $"""
            connectlocal {ControlApi.Version}
              endpoint:   {endpoint}
              data:       {data}
              storage:    {storage}
              auth:       {auth}
              throttling: {(options.Throttle ? "on (--throttle aws)" : "off")}

            """;
    }
}
