using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnectLocal.Load.Http;

/// <summary>What came back: the status, the error type header (if any) and the body (valid until the next call).</summary>
internal readonly record struct HttpResult(int Status, string? ErrorType, ReadOnlyMemory<byte> Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}

/// <summary>
/// One keep-alive HTTP/1.1 connection with one request in flight, over a raw socket. HttpClient would cost the
/// generator several times more CPU per request than the server under test needs, on a machine where both share
/// two cores; a minimal client leaves the cores to the server and is the same for every target measured.
/// Understands Content-Length, chunked and close-delimited bodies, and "Connection: close" (moto's server closes
/// after every response, so it pays a TCP connect per request — as its clients do).
/// </summary>
internal sealed class RawHttpConnection(IPEndPoint endpoint) : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;

    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private byte[] _chunked = [];
    private int _start;
    private int _end;

    public long Connects { get; private set; }

    public async ValueTask<HttpResult> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellation)
    {
        var reused = _socket is not null;
        try
        {
            return await SendOnceAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (reused && e is SocketException or IOException or EndOfStreamException)
        {
            // A keep-alive connection the server closed while idle: one fresh attempt, as HTTP clients do.
            Close();
            return await SendOnceAsync(request, cancellation).ConfigureAwait(false);
        }
    }

    public void Dispose() => Close();

    /// <summary>Opens the connection now (otherwise the first request does).</summary>
    public async ValueTask ConnectAsync(CancellationToken cancellation)
    {
        if (_socket is null)
        {
            await OpenAsync(cancellation).ConfigureAwait(false);
        }
    }

    private async ValueTask OpenAsync(CancellationToken cancellation)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellation).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _start = _end = 0;
        Connects++;
    }

    private async ValueTask<HttpResult> SendOnceAsync(ReadOnlyMemory<byte> request, CancellationToken cancellation)
    {
        if (_socket is null)
        {
            await OpenAsync(cancellation).ConfigureAwait(false);
        }

        while (!request.IsEmpty)
        {
            var sent = await _socket!.SendAsync(request, SocketFlags.None, cancellation).ConfigureAwait(false);
            request = request[sent..];
        }

        return await ReceiveAsync(cancellation).ConfigureAwait(false);
    }

    private async ValueTask<HttpResult> ReceiveAsync(CancellationToken cancellation)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeaderBytes)
            {
                throw new IOException("response header too large");
            }

            if (!await FillAsync(cancellation).ConfigureAwait(false))
            {
                throw new EndOfStreamException("connection closed before a response");
            }
        }

        var head = _buffer.AsSpan(_start, headerEnd);
        var (status, contentLength, chunked, close, errorType) = ParseHead(head);
        _start += headerEnd + 4;

        ReadOnlyMemory<byte> body;
        if (chunked)
        {
            body = await ReadChunkedAsync(cancellation).ConfigureAwait(false);
        }
        else if (contentLength >= 0)
        {
            await EnsureAsync(contentLength, cancellation).ConfigureAwait(false);
            body = _buffer.AsMemory(_start, contentLength);
            _start += contentLength;
        }
        else
        {
            while (await FillAsync(cancellation).ConfigureAwait(false))
            {
            }

            body = _buffer.AsMemory(_start, _end - _start);
            _start = _end;
            close = true;
        }

        if (close)
        {
            // The body lives in _buffer, which Close keeps; only the socket goes.
            _socket?.Dispose();
            _socket = null;
        }

        return new HttpResult(status, errorType, body);
    }

    private static (int Status, int ContentLength, bool Chunked, bool Close, string? ErrorType) ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];

        // "HTTP/1.1 200 OK"
        if (statusLine.Length < 12 || !int.TryParse(Encoding.ASCII.GetString(statusLine.Slice(9, 3)), out var status))
        {
            throw new IOException("malformed status line: " + Encoding.ASCII.GetString(statusLine));
        }

        var http10 = statusLine.StartsWith("HTTP/1.0"u8);
        var contentLength = -1;
        var chunked = false;
        var close = http10;
        string? errorType = null;
        var rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlySpan<byte>.Empty : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                contentLength = int.Parse(Encoding.ASCII.GetString(value), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (http10 && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
            else if (Ascii.EqualsIgnoreCase(name, "x-amzn-errortype"u8))
            {
                errorType = Encoding.ASCII.GetString(value);
            }
        }

        return (status, contentLength, chunked, close, errorType);
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadChunkedAsync(CancellationToken cancellation)
    {
        var length = 0;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
            {
                if (!await FillAsync(cancellation).ConfigureAwait(false))
                {
                    throw new EndOfStreamException("connection closed inside a chunked body");
                }
            }

            var sizeText = Encoding.ASCII.GetString(_buffer, _start, lineEnd).Split(';')[0].Trim();
            var size = Convert.ToInt32(sizeText, 16);
            _start += lineEnd + 2;
            await EnsureAsync(size + 2, cancellation).ConfigureAwait(false);
            if (size == 0)
            {
                // no trailers from the servers measured here
                _start += 2;
                return _chunked.AsMemory(0, length);
            }

            if (_chunked.Length < length + size)
            {
                Array.Resize(ref _chunked, Math.Max(length + size, _chunked.Length * 2));
            }

            _buffer.AsSpan(_start, size).CopyTo(_chunked.AsSpan(length));
            length += size;
            _start += size + 2;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available from <c>_start</c>.</summary>
    private async ValueTask EnsureAsync(int count, CancellationToken cancellation)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(cancellation, count).ConfigureAwait(false))
            {
                throw new EndOfStreamException("connection closed inside a body");
            }
        }
    }

    /// <summary>Reads more bytes after the unread ones; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellation, int want = 0)
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        var needed = Math.Max(want, _end - _start + 4096);
        if (_buffer.Length - _start < needed)
        {
            if (_buffer.Length < needed)
            {
                var bigger = new byte[Math.Max(needed, _buffer.Length * 2)];
                _buffer.AsSpan(_start, _end - _start).CopyTo(bigger);
                _buffer = bigger;
            }
            else
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            }

            _end -= _start;
            _start = 0;
        }

        if (_socket is null)
        {
            return false;
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellation).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }
}
