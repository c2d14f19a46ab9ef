using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConnectLocal.Aspire.Hosting.Tests;

/// <summary>
/// The resource started the way the orchestrator starts an executable resource — its command, working directory,
/// arguments and environment, the endpoint allocated first — with the build's connectlocal apphost as its command, and
/// the health check AddConnectLocal registered run against it. (The orchestrator itself, DCP, is not run: docs/aspire.md.)
/// </summary>
public sealed class ServerStartTests
{
    [Fact]
    public async Task The_resource_command_line_starts_a_server_its_health_check_finds_healthy()
    {
        var builder = ConnectLocalResourceTests.NewBuilder();
        var connect = builder.AddConnectLocal("connect", command: ServerApphost());
        var port = FreePort();
        ConnectLocalResourceTests.Allocate(connect.Resource, port);
        using var app = builder.Build();
        // Before it starts a resource the orchestrator announces it; the HTTP health check takes its URL then.
        await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(connect.Resource, app.Services));
        var key = Assert.Single(connect.Resource.Annotations.OfType<HealthCheckAnnotation>()).Key;

        Assert.Equal(HealthStatus.Unhealthy, await ResourceHealthCheck.RunAsync(app.Services, key));

        var execution = await Execution.Of(connect.Resource);
        var start = new ProcessStartInfo(connect.Resource.Command)
        {
            WorkingDirectory = connect.Resource.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in execution.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in execution.Environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var status = HealthStatus.Unhealthy;
            // Generous: the machine that runs the suite may be shared with builds.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                status = await ResourceHealthCheck.RunAsync(app.Services, key);
                if (status == HealthStatus.Healthy)
                {
                    break;
                }

                await Task.Delay(200);
            }

            string log;
            lock (output) { log = output.ToString(); }
            Assert.True(status == HealthStatus.Healthy, $"not healthy; the server printed:\n{log}");
            Assert.Contains($"connectlocal: ready on http://127.0.0.1:{port}", log, StringComparison.Ordinal);
            Assert.Contains("in memory", log, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal(HealthStatus.Unhealthy, await ResourceHealthCheck.RunAsync(app.Services, key));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/ConnectLocal.Server/bin/{configuration}/net10.0/connectlocal, of the configuration these tests were built in.</summary>
    internal static string ServerApphost()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var apphost = Path.Combine(root, "src", "ConnectLocal.Server", "bin", configuration, "net10.0", "connectlocal");
        Assert.True(File.Exists(apphost), $"{apphost} is missing: build src/ConnectLocal.Server in {configuration} first");
        return apphost;
    }
}
