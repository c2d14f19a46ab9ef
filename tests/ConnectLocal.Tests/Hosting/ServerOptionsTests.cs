using ConnectLocal.Server.Options;

namespace ConnectLocal.Tests.Hosting;

public sealed class ServerOptionsTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Defaults_apply_without_flags_or_environment()
    {
        var options = Parse([], NoEnvironment, out var error);

        Assert.Null(error);
        Assert.Equal(new ServerOptions(), options);
        Assert.Equal("127.0.0.1", options!.Host);
        Assert.Equal(4570, options.Port);
        Assert.False(options.InMemory);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".connectlocal"), options.DataDirectory);
    }

    [Fact]
    public void Environment_overrides_defaults()
    {
        var options = Parse([], new()
        {
            ["CONNECTLOCAL_HOST"] = "0.0.0.0",
            ["CONNECTLOCAL_PORT"] = "4999",
            ["CONNECTLOCAL_DATA_DIR"] = "/var/lib/connectlocal",
            ["CONNECTLOCAL_IN_MEMORY"] = "1",
        }, out var error);

        Assert.Null(error);
        Assert.Equal(new ServerOptions { Host = "0.0.0.0", Port = 4999, DataDirectory = "/var/lib/connectlocal", InMemory = true }, options);
    }

    [Fact]
    public void Flags_override_environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["CONNECTLOCAL_HOST"] = "0.0.0.0",
            ["CONNECTLOCAL_PORT"] = "4999",
            ["CONNECTLOCAL_DATA_DIR"] = "/var/lib/connectlocal",
        };

        var options = Parse(["--host", "127.0.0.2", "--port", "0", "--data-dir", "/tmp/cl", "--in-memory"], environment, out var error);

        Assert.Null(error);
        Assert.Equal(new ServerOptions { Host = "127.0.0.2", Port = 0, DataDirectory = "/tmp/cl", InMemory = true }, options);
    }

    [Fact]
    public void Durability_is_normal_by_default_and_set_by_flag_over_environment()
    {
        Assert.Equal(ConnectLocal.Storage.Sqlite.SqliteDurability.Normal, Parse([], NoEnvironment, out _)!.Durability);
        Assert.Equal(ConnectLocal.Storage.Sqlite.SqliteDurability.Fast, Parse([], new() { ["CONNECTLOCAL_DURABILITY"] = "fast" }, out _)!.Durability);

        var options = Parse(["--durability", "full"], new() { ["CONNECTLOCAL_DURABILITY"] = "fast" }, out var error);

        Assert.Null(error);
        Assert.Equal(ConnectLocal.Storage.Sqlite.SqliteDurability.Full, options!.Durability);
    }

    [Theory]
    [InlineData("FULL")]
    [InlineData("off")]
    [InlineData("")]
    public void Unknown_durability_is_refused_with_the_choices(string value)
    {
        Assert.Null(Parse(["--durability", value], NoEnvironment, out var error));
        Assert.Equal($"--durability must be fast, normal or full, not '{value}'", error);
    }

    [Fact]
    public void Relative_data_directory_flag_becomes_absolute()
    {
        var options = Parse(["--data-dir", "state"], NoEnvironment, out _);

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "state"), options!.DataDirectory);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("yes", false)]
    public void In_memory_environment_variable_accepts_1_and_true(string value, bool inMemory)
    {
        var options = Parse([], new() { ["CONNECTLOCAL_IN_MEMORY"] = value }, out _);

        Assert.Equal(inMemory, options!.InMemory);
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("http")]
    [InlineData("+80")]
    [InlineData(" 80")]
    [InlineData("")]
    public void Bad_port_flag_is_refused(string port)
    {
        var options = Parse(["--port", port], NoEnvironment, out var error);

        Assert.Null(options);
        Assert.Equal($"--port needs a port number from 0 to 65535, not '{port}'", error);
    }

    [Fact]
    public void Port_flag_without_a_value_is_refused()
    {
        var options = Parse(["--port"], NoEnvironment, out var error);

        Assert.Null(options);
        Assert.Equal("--port needs a port number from 0 to 65535, not ''", error);
    }

    [Fact]
    public void Bad_port_in_the_environment_is_refused()
    {
        var options = Parse([], new() { ["CONNECTLOCAL_PORT"] = "99999" }, out var error);

        Assert.Null(options);
        Assert.Equal("CONNECTLOCAL_PORT must be a port number from 0 to 65535, not '99999'", error);
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("-p")]
    [InlineData("serve")]
    [InlineData("--PORT")]
    public void Unknown_flag_is_refused(string flag)
    {
        var options = Parse([flag], NoEnvironment, out var error);

        Assert.Null(options);
        Assert.Equal($"unknown option '{flag}'", error);
    }

    [Theory]
    [InlineData("--host")]
    [InlineData("--data-dir")]
    public void Flag_that_needs_a_value_is_refused_without_one(string flag)
    {
        var options = Parse([flag], NoEnvironment, out var error);

        Assert.Null(options);
        Assert.StartsWith(flag + " needs", error);
    }

    private static ServerOptions? Parse(string[] args, Dictionary<string, string> environment, out string? error) =>
        ServerOptions.Parse(args, name => environment.GetValueOrDefault(name), out error);
}
