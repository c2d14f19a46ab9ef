using ConnectLocal.Protocol;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Composition;

/// <summary>Wires authentication, limits, throttling and fault injection into the server (docs/security.md).</summary>
internal static class SecurityHosting
{
    public static ProtocolOptions ProtocolOptionsOf(ServerOptions options) => new()
    {
        Authentication = options.Authentication,
        AccessKeys = options.AccessKeys,
        Regions = options.Regions,
        MaxBodyBytes = options.Limits.BodyBytes,
        MaxUrlBytes = options.Limits.UrlBytes,
        MaxHeaderBytes = options.Limits.HeaderBytes,
        MaxHeaderCount = options.Limits.HeaderCount,
        MaxJsonDepth = options.Limits.JsonDepth,
    };

    /// <summary>
    /// Kestrel refuses what exceeds its own limits before any ConnectLocal code runs, with a bare status and no
    /// AWS-shaped body. Its limits are therefore set to twice ConnectLocal's, so that requests between the two get
    /// the AWS-shaped 414/431 of the protocol layer, and only grossly oversized ones meet Kestrel's answer.
    /// </summary>
    public static void ConfigureKestrelLimits(KestrelServerLimits kestrel, RequestLimits limits)
    {
        kestrel.MaxRequestLineSize = (2 * limits.UrlBytes) + 1024; // method and HTTP version share the line
        kestrel.MaxRequestHeadersTotalSize = 2 * limits.HeaderBytes;
        kestrel.MaxRequestHeaderCount = 2 * limits.HeaderCount;
        kestrel.RequestHeadersTimeout = limits.HeadersTimeout;
        kestrel.KeepAliveTimeout = limits.KeepAliveTimeout;
        kestrel.MinRequestBodyDataRate = limits.MinBodyBytesPerSecond > 0
            ? new MinDataRate(limits.MinBodyBytesPerSecond, limits.MinBodyRateGrace)
            : null;
    }

    /// <summary>Every Region and operation of one account has room for its bucket, so none is ever dropped before it is full.</summary>
    public static int BucketsPerAccount(ServerOptions options) => options.Regions.Count * OperationTable.All.Count;

    /// <summary>
    /// Strict mode: room for every bucket of every account of the credentials, so that no account can crowd out
    /// another; permissive mode (any 12-digit key is an account) keeps the default bound.
    /// </summary>
    public static int Buckets(ServerOptions options) =>
        options.Authentication == AuthenticationMode.Strict
            ? Math.Max(RequestThrottle.DefaultBuckets, options.AccessKeys.Values.Select(k => k.AccountId).Distinct().Count() * BucketsPerAccount(options))
            : RequestThrottle.DefaultBuckets;

    /// <summary>Throttling (with --throttle aws) runs before injected faults, as AWS throttles before it does any work.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, ServerOptions options)
    {
        if (options.Throttle)
        {
            services.AddSingleton<IRequestInterceptor>(new RequestThrottle(
                options.ThrottleOverrides, TimeProvider.System, BucketsPerAccount(options), Buckets(options)));
        }

        services.AddSingleton<FaultInjector>();
        services.AddSingleton<IRequestInterceptor>(sp => sp.GetRequiredService<FaultInjector>());
        return services;
    }
}
