using System.Text;
using System.Text.Json;
using ConnectLocal.Protocol;
using ConnectLocal.Server.CommandLine;
using ConnectLocal.Server.Options;
using ConnectLocal.Server.Workers;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Tests.Hosting;

/// <summary>The command line's conventions (issue 19): per-command help, the start-up banner, --log-format json.</summary>
public sealed class CliConventionsTests
{
    [Theory]
    [InlineData("serve", "--port N")]
    [InlineData("export", "--account ID")]
    [InlineData("import", "replace the stored state")]
    [InlineData("simulate", "--out DIR")]
    [InlineData("validate-flow", "--type T")]
    [InlineData("compatibility", "which operations are implemented")]
    [InlineData("iac", "Terraform")]
    [InlineData("version", "print the version")]
    public void Every_command_has_its_own_usage_taken_from_the_overview(string command, string mentions)
    {
        var usage = Cli.CommandUsage(command);

        Assert.NotNull(usage);
        Assert.StartsWith($"usage: connectlocal {command}", usage, StringComparison.Ordinal);
        Assert.Contains(mentions, usage, StringComparison.Ordinal);
        Assert.DoesNotContain("commands:", usage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_serve_usage_stops_before_the_next_command_and_lists_help_and_log_format()
    {
        var usage = Cli.CommandUsage("serve")!;
        Assert.Contains("--log-format", usage, StringComparison.Ordinal);
        Assert.Contains("--help", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("export FILE", usage, StringComparison.Ordinal);
        Assert.Null(Cli.CommandUsage("nonsense"));
    }

    [Fact]
    public async Task Help_after_a_command_prints_its_usage_and_exits_zero()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await Cli.RunAsync(["serve", "--port", "1", "--help"]));
            Assert.Equal(0, await Cli.RunAsync(["import", "-h"]));
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Contains("usage: connectlocal serve", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: connectlocal import", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_format_takes_text_or_json_from_the_flag_or_the_environment()
    {
        Assert.Equal("text", ServerOptions.Parse([], _ => null, out _)!.LogFormat);
        Assert.Equal("json", ServerOptions.Parse(["--log-format", "json"], _ => null, out _)!.LogFormat);
        Assert.Equal("json", ServerOptions.Parse([], name => name == "CONNECTLOCAL_LOG_FORMAT" ? "json" : null, out _)!.LogFormat);
        Assert.Null(ServerOptions.Parse(["--log-format", "xml"], _ => null, out var error));
        Assert.Contains("--log-format", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_banner_names_version_endpoint_data_storage_auth_and_throttling()
    {
        var memory = ServeCommand.Banner(new ServerOptions { InMemory = true }, "http://127.0.0.1:4570");
        Assert.Contains("endpoint:   http://127.0.0.1:4570", memory, StringComparison.Ordinal);
        Assert.Contains("data:       in memory", memory, StringComparison.Ordinal);
        Assert.Contains("storage:    sqlite", memory, StringComparison.Ordinal);
        Assert.Contains("auth:       permissive", memory, StringComparison.Ordinal);
        Assert.Contains("throttling: off", memory, StringComparison.Ordinal);

        var postgres = ServeCommand.Banner(new ServerOptions
        {
            Storage = "postgres",
            PostgresConnectionString = "Host=db.example;Port=5433;Username=u;Password=hunter2;Database=connect",
            Authentication = AuthenticationMode.Strict,
            Throttle = true,
        }, "http://127.0.0.1:1");
        Assert.Contains("storage:    postgres", postgres, StringComparison.Ordinal);
        Assert.Contains("connect on db.example:5433", postgres, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", postgres, StringComparison.Ordinal);
        Assert.Contains("auth:       strict", postgres, StringComparison.Ordinal);
        Assert.Contains("throttling: on", postgres, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_log_format_writes_one_object_per_line_with_the_named_values()
    {
        var output = new MemoryStream();
        using (var provider = new LineLoggerProvider(output, json: true))
        {
            provider.CreateLogger("ConnectLocal.Protocol.ConnectEndpoint").LogInformation(
                "{Method} {Operation} {Status} {ErrorCode} account={Account} region={Region} {Milliseconds:0.0}ms {RequestId}",
                "GET", "DescribeQueue", 404, "ResourceNotFoundException", "123456789012", "us-west-2", 1.25, "r-1");
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entry = Assert.Single(lines);
        using var json = JsonDocument.Parse(entry);
        var root = json.RootElement;
        Assert.Equal("info", root.GetProperty("level").GetString());
        Assert.Equal("DescribeQueue", root.GetProperty("operation").GetString());
        Assert.Equal(404, root.GetProperty("status").GetInt32());
        Assert.Equal("ResourceNotFoundException", root.GetProperty("errorCode").GetString());
        Assert.Equal("123456789012", root.GetProperty("account").GetString());
        Assert.Equal("us-west-2", root.GetProperty("region").GetString());
        Assert.Equal(1.25, root.GetProperty("milliseconds").GetDouble());
        Assert.Equal("r-1", root.GetProperty("requestId").GetString());
        Assert.Contains("DescribeQueue 404", root.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_up_failure_is_reported_by_its_innermost_message_on_one_line()
    {
        var e = new IOException("Failed to bind", new InvalidOperationException("Address already in use\nsecond line"));
        Assert.Equal("Address already in use second line", ServeCommand.OneLine(e));
    }
}
