using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Server.Workers;

/// <summary>
/// The server's log on standard output: one line per entry, in the simple console formatter's single-line layout
/// (<c>12:00:00.123 info: Category[0] message</c>, no colours). The console logger writes and flushes every line
/// on its own (one write system call per request: its thread took 6–7 % of the server's CPU under load); here a
/// background task writes whatever lines are waiting in one go. Lines keep their order; when more than
/// <see cref="Capacity"/> wait, logging waits for the writer (as the console logger does), so memory stays bounded.
/// Disposing (at shutdown) writes what is left.
/// </summary>
internal sealed class LineLoggerProvider : ILoggerProvider
{
    public const int Capacity = 10_000;

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Stream _output;
    private readonly Task _writer;

    public LineLoggerProvider(Stream output)
    {
        _output = output;
        _writer = Task.Run(WriteAsync);
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, this);

    public void Dispose()
    {
        // Lines still queued get a moment to reach the output; an output nobody reads (a full pipe) must not
        // hold the process past its bounded shutdown.
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(1));
    }

    private void Enqueue(string line)
    {
        if (!_lines.Writer.TryWrite(line))
        {
            // Full (the output is slower than the requests) or shut down: wait for room, like the console logger.
            try
            {
                _lines.Writer.WriteAsync(line).AsTask().GetAwaiter().GetResult();
            }
            catch (ChannelClosedException)
            {
            }
        }
    }

    private async Task WriteAsync()
    {
        var buffer = new MemoryStream(64 * 1024);
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (buffer.Length < 64 * 1024 && reader.TryRead(out var line))
            {
                var bytes = Encoding.UTF8.GetByteCount(line);
                var start = (int)buffer.Length;
                buffer.SetLength(start + bytes + 1);
                Encoding.UTF8.GetBytes(line, buffer.GetBuffer().AsSpan(start));
                buffer.GetBuffer()[start + bytes] = (byte)'\n';
            }

            try
            {
                await _output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
                await _output.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // stdout closed (the reader went away): keep draining so that logging never blocks the server
            }

            buffer.SetLength(0);
        }
    }

    private sealed class LineLogger(string category, LineLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var line = new StringBuilder(48 + category.Length + message.Length)
                .Append(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture))
                .Append(Level(logLevel)).Append(": ")
                .Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(message.ReplaceLineEndings(" "));
            if (exception is not null)
            {
                line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
            }

            provider.Enqueue(line.ToString());
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}

internal static class LineLoggerExtensions
{
    /// <summary>Logs to standard output through <see cref="LineLoggerProvider"/>.</summary>
    public static ILoggingBuilder AddLineLogger(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<ILoggerProvider>(_ => new LineLoggerProvider(Console.OpenStandardOutput()));
        return logging;
    }
}
