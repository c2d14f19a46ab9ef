using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ConnectLocal.Aspire.Hosting.Tests;

/// <summary>
/// An app host run for real: the orchestrator (DCP, from Aspire.Hosting.Orchestration.linux-x64) starts the resource
/// with the build's connectlocal apphost as its command, behind its proxy, and Aspire's health monitoring reports it
/// healthy; a request through the allocated endpoint, as a referencing project makes it, reaches the server.
/// </summary>
public sealed class OrchestratedTests
{
    [Fact]
    public async Task Under_the_orchestrator_the_resource_becomes_healthy_and_answers_on_its_endpoint()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DisableDashboard = true,
            // The options insist on a dashboard path even with the dashboard off; nothing is started from it.
            Args = [$"--DcpPublisher:CliPath={DcpCliPath()}", $"--DcpPublisher:DashboardPath={Path.GetDirectoryName(DcpCliPath())}"],
        });
        var connect = builder.AddConnectLocal("connect", command: ServerStartTests.ServerApphost());
        var app = builder.AddExecutable("app", "sleep", builder.AppHostDirectory, "600").WithReference(connect);
        await using var application = builder.Build();

        await application.StartAsync(timeout.Token);
        await application.ResourceNotifications.WaitForResourceHealthyAsync("connect", timeout.Token);

        var endpoint = await connect.Resource.HttpEndpoint.GetValueAsync(timeout.Token);
        var environment = (await Execution.Of(app.Resource)).Environment;
        Assert.Equal(endpoint, environment["AWS_ENDPOINT_URL_CONNECT"]);
        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(new Uri(endpoint!), ConnectLocalResource.HealthPath), timeout.Token);
        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);

        await application.StopAsync(timeout.Token);
    }

    private static string DcpCliPath()
    {
        var path = typeof(OrchestratedTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DcpCliPath").Value;
        Assert.True(File.Exists(path), $"the orchestrator is missing at '{path}'");
        return path!;
    }
}
