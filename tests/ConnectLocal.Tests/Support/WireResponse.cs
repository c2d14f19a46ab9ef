using System.Text.Json;

namespace ConnectLocal.Tests.Support;

/// <summary>An HTTP answer as it came off the wire: status, headers (case-insensitive) and body text.</summary>
public sealed class WireResponse
{
    public WireResponse(int status, IReadOnlyDictionary<string, string> headers, string body)
    {
        Status = status;
        Headers = headers;
        Body = body;
    }

    public int Status { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The restJson1 error code, from <c>x-amzn-ErrorType</c>.</summary>
    public string? ErrorType => Header("x-amzn-ErrorType");

    /// <summary>The operation the request was dispatched to, from ConnectLocal's <c>x-connectlocal-operation</c>.</summary>
    public string? Operation => Header("x-connectlocal-operation");

    /// <summary>The <c>Message</c> member of a JSON error body.</summary>
    public string? Message => Field("Message");

    public string? Field(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    public override string ToString() => $"{Status} {ErrorType} {Operation} {Body}";
}
