using ConnectLocal.Protocol;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Dashboard;
using ConnectLocal.Server.Options;
using ConnectLocal.Server.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Server.Composition;

/// <summary>The web application of <c>connectlocal serve</c>, the in-process test server and the benchmarks.</summary>
internal static class ConnectLocalApp
{
    private const int MinThreads = 64;

    /// <summary>How long in-flight requests get to finish after SIGTERM.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    /// <param name="options">The server's settings.</param>
    /// <param name="services">Replacements registered after the server's own services (ConnectLocal.Testing's virtual clock).</param>
    /// <param name="quiet">Writes no log at all (ConnectLocal.Testing's default, so that test output stays the tests').</param>
    public static WebApplication Build(ServerOptions options, Action<IServiceCollection>? services = null, bool quiet = false)
    {
        // The storage port is synchronous: a request holds its thread while its transaction runs or waits for the
        // writer (SQLite's one connection, PostgreSQL's writer lock). With the default minimum (one thread per core)
        // a burst of concurrent writes starved the pool, which grows by about two threads a second (measured: 7
        // concurrent writers on PostgreSQL got 0-17 writes through in 1.5 s; with this, 100-200).
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinThreads), completionPorts);
        // The server reads no appsettings.json. Left on, the host watches the working directory recursively for
        // one (an inotify watch per subdirectory, set up at start) and wakes on every write below it — each SQLite
        // commit when the data directory is inside, as with `connectlocal serve` run from the home directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        if (!quiet)
        {
            builder.Logging.AddLineLogger(options.LogFormat); // the console formatter's single-line layout (or JSON lines), written in batches
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // [choice] The host's own entry for a failed start (the exception with its stack trace) is not logged:
        // `connectlocal serve` reports every start-up failure as one line on standard error (ServeCommand).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // the protocol layer answers oversized bodies with an AWS-shaped 413
            SecurityHosting.ConfigureKestrelLimits(k.Limits, options.Limits);
            k.Listen(System.Net.IPAddress.Parse(options.Host == "localhost" ? "127.0.0.1" : options.Host), options.Port);
        });
        // [choice] Shutdown is bounded (docs/security.md): on SIGTERM Kestrel stops accepting, lets in-flight requests
        // finish for up to this long, then aborts the rest (their cancellation tokens fire, so injected latency and
        // waits end), and the workers stop. The default of 30 s let one slow request or busy keep-alive connection
        // hold a loaded server well past what a supervisor waits before it kills it.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddConnectLocal(options);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapConnectLocal();
        return app;
    }

    /// <summary>
    /// The control API's route group under /_connectlocal, and the Connect front door for every other request.
    /// The front door branches off before endpoint routing, so that AWS requests (all but a few) never pay for
    /// matching routes they cannot have, and it sees every path exactly as sent: routing would match
    /// case-insensitively and forgive a trailing slash, which the Connect protocol does not.
    /// </summary>
    public static WebApplication MapConnectLocal(this WebApplication app)
    {
        app.MapControlApi();
        app.MapBrowserHome(); // a browser's GET / goes to the dashboard (Dashboard/DashboardEndpoints.cs)
        app.MapWhen(http => !ControlApi.Owns(http.Request.Path), connect => connect.UseConnectApi());
        // Explicit, so that routing runs after the branch above rather than first, where the host would put it.
        app.UseRouting();
        app.UseEndpoints(_ => { });
        return app;
    }
}
