using System.Text;

namespace ConnectLocal.Load.Http;

/// <summary>A request body and its SHA-256, computed once: workloads cycle through a few bodies.</summary>
internal sealed class Body
{
    private Body(byte[] bytes)
    {
        Bytes = bytes;
        Sha256 = SigV4Signer.PayloadHash(bytes);
    }

    public static readonly Body Empty = new([]);

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public static Body Json(string json) => new(Encoding.UTF8.GetBytes(json));
}

/// <summary>
/// One request as a workload describes it: <paramref name="Path"/> and <paramref name="Query"/> already
/// percent-encoded as an SDK sends them; the access key id picks the account (12 digits = that account).
/// </summary>
internal readonly record struct RequestSpec(string Method, string Path, string? Query, Body Body, string AccessKeyId, string Region);

/// <summary>
/// Builds the bytes of a signed HTTP/1.1 request into a buffer reused for every request of one connection.
/// Signed headers are those the JS v3 SDK signs that matter to the server: content-type (with a body), host,
/// x-amz-content-sha256 and x-amz-date. The date is taken once per second, as it has one-second resolution.
/// </summary>
internal sealed class RequestWriter(SigV4Signer signer, string host)
{
    private readonly (string Name, string Value)[] _withBody = new (string, string)[4];
    private readonly (string Name, string Value)[] _withoutBody = new (string, string)[3];
    private byte[] _buffer = new byte[4096];
    private long _dateSecond = -1;
    private string _amzDate = string.Empty;

    public ReadOnlyMemory<byte> Write(in RequestSpec spec)
    {
        var now = DateTime.UtcNow;
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        if (second != _dateSecond)
        {
            _dateSecond = second;
            _amzDate = SigV4Signer.AmzDate(now);
        }

        var hasBody = spec.Body.Bytes.Length > 0;
        var headers = hasBody ? _withBody : _withoutBody;
        var i = 0;
        if (hasBody)
        {
            headers[i++] = ("content-type", "application/json");
        }

        headers[i++] = ("host", host);
        headers[i++] = ("x-amz-content-sha256", spec.Body.Sha256);
        headers[i] = ("x-amz-date", _amzDate);
        var authorization = signer.Authorization(spec.Method, spec.Path, spec.Query, headers, spec.Body.Sha256, spec.AccessKeyId, spec.Region, _amzDate);

        var head = new StringBuilder(512)
            .Append(spec.Method).Append(' ').Append(spec.Path);
        if (!string.IsNullOrEmpty(spec.Query))
        {
            head.Append('?').Append(spec.Query);
        }

        head.Append(" HTTP/1.1\r\nHost: ").Append(host).Append("\r\n");
        if (hasBody)
        {
            head.Append("Content-Type: application/json\r\n");
        }

        if (hasBody || spec.Method is "POST" or "PUT")
        {
            head.Append("Content-Length: ").Append(spec.Body.Bytes.Length).Append("\r\n");
        }

        head.Append("X-Amz-Content-Sha256: ").Append(spec.Body.Sha256).Append("\r\n")
            .Append("X-Amz-Date: ").Append(_amzDate).Append("\r\n")
            .Append("Authorization: ").Append(authorization).Append("\r\n\r\n");

        var text = head.ToString();
        var headLength = Encoding.ASCII.GetByteCount(text);
        var total = headLength + spec.Body.Bytes.Length;
        if (_buffer.Length < total)
        {
            _buffer = new byte[Math.Max(total, _buffer.Length * 2)];
        }

        Encoding.ASCII.GetBytes(text, _buffer);
        spec.Body.Bytes.CopyTo(_buffer, headLength);
        return _buffer.AsMemory(0, total);
    }
}
