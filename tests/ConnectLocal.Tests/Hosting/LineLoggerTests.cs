using System.Text;
using System.Text.RegularExpressions;
using ConnectLocal.Server.Workers;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Tests.Hosting;

public sealed partial class LineLoggerTests
{
    [Fact]
    public void Each_entry_is_one_line_in_the_console_formatters_single_line_layout()
    {
        var output = new MemoryStream();
        using (var provider = new LineLoggerProvider(output))
        {
            var logger = provider.CreateLogger("ConnectLocal.Protocol.ConnectEndpoint");
            logger.LogInformation(new EventId(3), "GET {Operation} {Status}", "DescribeRoutingProfile", 200);
            logger.LogError(new InvalidOperationException("first\nsecond"), "Unhandled failure in\nrequest {RequestId}", "r-1");
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(InfoLine(), lines[0]);
        Assert.StartsWith("fail: ConnectLocal.Protocol.ConnectEndpoint[0] Unhandled failure in request r-1 System.InvalidOperationException: first second", lines[1][13..], StringComparison.Ordinal);
        Assert.Equal("", lines[2]);
    }

    [Fact]
    public void Lines_keep_their_order_and_all_are_written_by_shutdown()
    {
        var output = new MemoryStream();
        using (var provider = new LineLoggerProvider(output))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 3 * LineLoggerProvider.Capacity; i++)
            {
                logger.LogInformation("line {Number}", i);
            }
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(3 * LineLoggerProvider.Capacity, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.EndsWith($"info: c[0] line {i}", lines[i], StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d\d\d info: ConnectLocal\.Protocol\.ConnectEndpoint\[3\] GET DescribeRoutingProfile 200$")]
    private static partial Regex InfoLine();
}
