using ConnectLocal.Testing;
using ConnectLocal.Testing.Xunit;

namespace ConnectLocal.Testing.Tests;

public sealed class ResetTests(ConnectLocalFixture fixture) : IClassFixture<ConnectLocalFixture>
{
    private ConnectLocalTestServer Server => fixture.Server;

    [Fact]
    public async Task Reset_removes_what_earlier_tests_created_so_tests_run_in_any_order()
    {
        await Server.ResetAsync();
        await Connect.CreateInstanceAsync(Server, Server.Credentials, "reset-one");
        await Connect.CreateInstanceAsync(Server, Server.Credentials, "reset-two");
        Assert.Equal(["reset-one", "reset-two"], (await Connect.ListInstanceAliasesAsync(Server, Server.Credentials)).Order());

        var removed = await Server.ResetAsync();

        Assert.True(removed >= 2, $"removed {removed}");
        Assert.Empty(await Connect.ListInstanceAliasesAsync(Server, Server.Credentials));
    }

    [Fact]
    public async Task Reset_of_one_account_leaves_the_other_accounts_alone()
    {
        var other = ConnectLocalTestServer.CredentialsFor("210987654321");
        await Server.ResetAsync();
        await Connect.CreateInstanceAsync(Server, Server.Credentials, "mine");
        await Connect.CreateInstanceAsync(Server, other, "theirs");

        await Server.ResetAsync(Server.Credentials.AccountId);

        Assert.Empty(await Connect.ListInstanceAliasesAsync(Server, Server.Credentials));
        Assert.Equal(["theirs"], await Connect.ListInstanceAliasesAsync(Server, other));
    }

    [Fact]
    public async Task Credentials_are_the_account_the_server_acts_as()
    {
        Assert.Equal("123456789012", Server.Credentials.AccessKeyId);
        Assert.Equal("123456789012", Server.Credentials.AccountId);
        Assert.Throws<ArgumentException>(() => ConnectLocalTestServer.CredentialsFor("12345"));
        var health = await new HttpClient().GetStringAsync(new Uri(Server.Endpoint, "_connectlocal/health"));
        Assert.Contains("\"ok\"", health);
    }
}
