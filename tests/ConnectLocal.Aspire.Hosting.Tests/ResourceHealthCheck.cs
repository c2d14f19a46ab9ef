using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConnectLocal.Aspire.Hosting.Tests;

/// <summary>The health checks an app host registered, as its resource health monitoring runs them.</summary>
internal static class ResourceHealthCheck
{
    public static IReadOnlyCollection<HealthCheckRegistration> Registrations(IServiceProvider services) =>
        services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToList();

    public static async Task<HealthStatus> RunAsync(IServiceProvider services, string key)
    {
        var registration = Registrations(services).Single(r => r.Name == key);
        var check = registration.Factory(services);
        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
        return result.Status;
    }
}
