using Xunit;

namespace ConnectLocal.Testing.Xunit;

/// <summary>
/// An xunit class or collection fixture: one in-process server for the tests that share it, started before the first
/// and disposed after the last. Reset it at the start of each test (<c>await fixture.Server.ResetAsync()</c>), or give
/// each test an account of its own, so that tests run in any order. Derive and override <see cref="Options"/> for
/// other settings (virtual time, another account).
/// </summary>
public class ConnectLocalFixture : IAsyncLifetime
{
    private ConnectLocalTestServer? _server;

    public ConnectLocalTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started (xunit calls InitializeAsync first).");

    protected virtual ConnectLocalTestOptions Options => new();

    public async Task InitializeAsync() => _server = await ConnectLocalTestServer.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
