using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Tagging;
using ConnectLocal.Model;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Handlers;
using ConnectLocal.Server.Options;
using ConnectLocal.Server.Routing;
using ConnectLocal.Server.Workers;
using ConnectLocal.Storage.Postgres;
using ConnectLocal.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Composition;

/// <summary>
/// The composition root: every host (<c>serve</c>, <c>simulate</c>, <c>export</c>/<c>import</c>, the in-process
/// test server, the benchmarks) takes its services from <see cref="AddConnectLocal"/>, so that none of them is
/// wired differently. Before there was one, the simulator built its own API and its tags never learned traffic
/// distribution group or phone number ARNs, which only the server's Global Resiliency wiring registered.
/// </summary>
internal static class ConnectLocalServices
{
    // TagService keeps the top-level kinds of other areas in a static table that requests read without a lock.
    // Filling it once, before the first host's services exist, gives every host the same table and never writes
    // to it while a host built earlier in the process (the test suite runs several at once) is reading it.
    private static readonly Lazy<bool> TagKinds = new(() =>
    {
        // Tags reach groups from both of their Regions, and numbers wherever they are visible.
        TagService.RegisterTopLevel<TrafficDistributionGroup>(TrafficDistributionGroup.ArnSegment, TrafficDistributionService.TagScope);
        TagService.RegisterTopLevel<ClaimedPhoneNumber>(ClaimedPhoneNumber.ArnSegment, PhoneNumberService.TagScope);
        return true;
    });

    /// <summary>
    /// The store the options name, settings, the Connect API and its error translation, the in-process invoker,
    /// authentication, throttling and fault injection, the routing host and the status-transition worker.
    /// </summary>
    public static IServiceCollection AddConnectLocal(this IServiceCollection services, ServerOptions options)
    {
        _ = TagKinds.Value;
        services.AddLogging();
        services.AddSingleton(options);
        services.AddConnectProtocol(SecurityHosting.ProtocolOptionsOf(options));
        services.AddSecurity(options);
        services.AddSingleton<IErrorTranslator, DomainErrorTranslator>();
        services.AddSingleton(new ConnectSettings { TransitionDelays = options.TransitionDelays, ActiveTasksPerInstance = options.ActiveTasksQuota, CampaignCallsAllowed = options.AllowCampaignCalls });
        // Global Resiliency's mirroring wraps every backend: writes of mirrored records schedule their copy to the other Region.
        services.AddSingleton<IConnectStore>(sp => new MirroringStore(OpenStore(options), sp.GetRequiredService<ConnectSettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => (IStoreArchive)sp.GetRequiredService<IConnectStore>());
        services.AddSingleton<ConnectApiBase, ConnectApi>();
        services.AddSingleton<InProcessInvoker>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RoutingHost>();
        services.AddSingleton<Dashboard.LiveFeeds>(); // the dashboard's coalesced live streams
        services.AddSingleton<TransitionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TransitionWorker>());
        return services;
    }

    /// <summary>
    /// The same services for a host without a web server (<c>simulate</c>, <c>export</c>, <c>import</c>): nothing
    /// starts the hosted workers there, and disposing the provider closes the store.
    /// </summary>
    public static ServiceProvider BuildServiceProvider(ServerOptions options) =>
        new ServiceCollection().AddConnectLocal(options).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

    /// <summary>Opens the configured backend; a schema newer than this build stops start-up with a clear message.</summary>
    private static IConnectStore OpenStore(ServerOptions options) => options switch
    {
        { Storage: "postgres" } => PostgresStore.Open(options.PostgresConnectionString!),
        { InMemory: true } => SqliteStore.OpenInMemory(),
        _ => SqliteStore.OpenFile(options.DataDirectory, options.Durability),
    };
}
