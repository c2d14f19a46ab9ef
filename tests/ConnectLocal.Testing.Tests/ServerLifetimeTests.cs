using System.Net.Sockets;
using ConnectLocal.Testing;

namespace ConnectLocal.Testing.Tests;

public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task Servers_started_in_parallel_get_ports_and_state_of_their_own()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ConnectLocalTestServer.StartAsync()));
        try
        {
            Assert.Equal(3, servers.Select(s => s.Endpoint.Port).Distinct().Count());
            await Task.WhenAll(servers.Select((s, i) => Connect.CreateInstanceAsync(s, s.Credentials, $"parallel-{i}")));
            for (var i = 0; i < servers.Length; i++)
            {
                Assert.Equal([$"parallel-{i}"], await Connect.ListInstanceAliasesAsync(servers[i], servers[i].Credentials));
            }
        }
        finally
        {
            await Task.WhenAll(servers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_frees_its_port()
    {
        var server = await ConnectLocalTestServer.StartAsync();
        var port = server.Endpoint.Port;

        await server.DisposeAsync();
        await server.DisposeAsync(); // twice is harmless

        using var socket = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync("127.0.0.1", port));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.ResetAsync());
    }

    [Fact]
    public async Task A_data_directory_keeps_the_state_for_the_next_server()
    {
        var dir = Path.Combine(Path.GetTempPath(), "connectlocal-testing-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await ConnectLocalTestServer.StartAsync(new ConnectLocalTestOptions { DataDirectory = dir }))
            {
                await Connect.CreateInstanceAsync(first, first.Credentials, "kept");
            }

            await using var second = await ConnectLocalTestServer.StartAsync(new ConnectLocalTestOptions { DataDirectory = dir });
            Assert.Equal(["kept"], await Connect.ListInstanceAliasesAsync(second, second.Credentials));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
