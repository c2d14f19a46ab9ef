using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnectLocal.Aspire.Hosting.Tests;

/// <summary>The command-line arguments and environment variables the orchestrator would start a resource with.</summary>
internal sealed record Execution(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    public static async Task<Execution> Of(IResource resource)
    {
        // A value that is never resolved (an endpoint not allocated) waits for ever; a test fails instead.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, timeout.Token);
        return new Execution(
            result.Arguments.Select(a => a.Item1).ToList(), // (value, is sensitive)
            result.EnvironmentVariables.ToDictionary(e => e.Key, e => e.Value.ToString()!));
    }
}
