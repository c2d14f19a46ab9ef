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
    private readonly bool _json;

    /// <summary>A provider writing to <paramref name="output"/>; with <paramref name="json"/> each entry is one JSON object (--log-format json).</summary>
    public LineLoggerProvider(Stream output, bool json = false)
    {
        _output = output;
        _json = json;
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
            if (provider._json)
            {
                provider.Enqueue(Json(logLevel, eventId, state, exception, message));
                return;
            }

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

        /// <summary>
        /// [choice] One entry as a JSON object: time (UTC, ISO 8601), level, category, event id, message, then each named
        /// value of the message template (a request's operation, status, errorCode, account, region, milliseconds and
        /// requestId) under its name with the first letter lower-cased, and the exception as text when there is one.
        /// </summary>
        private string Json<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, string message)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                writer.WriteString("level", Level(logLevel));
                writer.WriteString("category", category);
                writer.WriteNumber("eventId", eventId.Id);
                writer.WriteString("message", message);
                if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        if (key == "{OriginalFormat}" || key.Length == 0)
                        {
                            continue;
                        }

                        var name = char.ToLowerInvariant(key[0]) + key[1..];
                        switch (value)
                        {
                            case null:
                                writer.WriteNull(name);
                                break;
                            case int i:
                                writer.WriteNumber(name, i);
                                break;
                            case long l:
                                writer.WriteNumber(name, l);
                                break;
                            case double d when double.IsFinite(d):
                                writer.WriteNumber(name, Math.Round(d, 3));
                                break;
                            default:
                                writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                                break;
                        }
                    }
                }

                if (exception is not null)
                {
                    writer.WriteString("exception", exception.ToString());
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
    /// <summary>Logs to standard output through <see cref="LineLoggerProvider"/>, as text lines or (<paramref name="format"/> "json") JSON lines.</summary>
    public static ILoggingBuilder AddLineLogger(this ILoggingBuilder logging, string format = "text")
    {
        logging.Services.AddSingleton<ILoggerProvider>(_ => new LineLoggerProvider(Console.OpenStandardOutput(), json: format == "json"));
        return logging;
    }
}
