using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Protocol;

public sealed class ProtocolOptions
{
    /// <summary>Requests with a larger body get a 413 before anything is parsed.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The account of every access key id that is not itself a 12-digit account id.</summary>
    public string DefaultAccountId { get; set; } = "000000000000";

    public AuthenticationMode Authentication { get; set; } = AuthenticationMode.Permissive;

    /// <summary>The credentials strict mode accepts, by access key id.</summary>
    public IReadOnlyDictionary<string, AccessKey> AccessKeys { get; set; } = new Dictionary<string, AccessKey>();

    /// <summary>How far a request's time may be from the server's clock (AWS: 5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The Regions a credential scope may name (both modes); any other answers 403 InvalidSignatureException.</summary>
    public IReadOnlySet<string> Regions { get; set; } = ConnectRegions.Default;

    /// <summary>Longer request targets (path and query as sent) get an AWS-shaped 414.</summary>
    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>Larger header sections (names, values and separators) or more fields get an AWS-shaped 431.</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    public int MaxHeaderCount { get; set; } = 100;

    /// <summary>Deeper JSON bodies are refused as SerializationException; at most 64, the deserializer's own limit.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>A 12-digit access key id is the account id; every other key belongs to the default account.</summary>
    public string AccountOf(string accessKeyId) =>
        accessKeyId.Length == 12 && accessKeyId.All(char.IsAsciiDigit) ? accessKeyId : DefaultAccountId;
}

/// <summary>
/// Runs for every authenticated request before its input is bound: throttling, injected faults. Returning an
/// error answers the request with it; the handler is not called.
/// </summary>
public interface IRequestInterceptor
{
    ValueTask<ServiceErrorException?> InterceptAsync(OperationDescriptor operation, string accountId, string region, CancellationToken cancellationToken);
}

/// <summary>
/// The restJson1 front door for every Connect operation: dispatch, SigV4 parsing, binding, validation, invoking
/// the handler and writing the answer or the AWS-shaped error. Knows nothing of storage or the domain.
/// </summary>
public sealed partial class ConnectEndpoint
{
    public const string OperationHeader = "x-connectlocal-operation";
    private static readonly RouteTable Routes = new(OperationTable.All);
    private static readonly JsonWriterOptions WireWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConnectApiBase _api;
    private readonly ProtocolOptions _options;
    private readonly IErrorTranslator _errors;
    private readonly ILogger<ConnectEndpoint> _logger;
    private readonly Authenticator _authenticator;
    private readonly IRequestInterceptor[] _interceptors;

    /// <summary>An endpoint without interceptors (benchmarks and tests build it by hand).</summary>
    public ConnectEndpoint(ConnectApiBase api, ProtocolOptions options, IErrorTranslator errors, ILogger<ConnectEndpoint> logger)
        : this(api, options, errors, logger, [])
    {
    }

    public ConnectEndpoint(
        ConnectApiBase api,
        ProtocolOptions options,
        IErrorTranslator errors,
        ILogger<ConnectEndpoint> logger,
        IEnumerable<IRequestInterceptor> interceptors)
    {
        _api = api;
        _options = options;
        _errors = errors;
        _logger = logger;
        _authenticator = new Authenticator(options);
        _interceptors = [.. interceptors];
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        string operationName = "-";
        var who = new RequestCaller();
        try
        {
            operationName = await DispatchAsync(http, requestId, who).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            // The body could not be read as HTTP (bad chunking, shorter than Content-Length, too slow: 408).
            await WriteErrorAsync(http, e.StatusCode, e.StatusCode == 408 ? ProtocolErrors.RequestTimeoutException : ProtocolErrors.SerializationException,
                ProtocolErrors.UnreadableBody(e.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the client went away; there is no one to answer
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            LogFailure(e, requestId);
            await WriteErrorAsync(http, 500, ProtocolErrors.InternalServiceException, ProtocolErrors.InternalServiceMessage).ConfigureAwait(false);
        }

        if (operationName == "-" && http.Response.Headers.TryGetValue(OperationHeader, out var dispatched))
        {
            operationName = dispatched.ToString();
        }

        var errorCode = http.Response.Headers.TryGetValue("x-amzn-ErrorType", out var type) ? type.ToString() : "-";
        LogRequest(http.Request.Method, operationName, http.Response.StatusCode, errorCode, who.Account, who.Region,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
    }

    /// <summary>Who sent a request, for its log line: [choice] "-" until the credential scope is read and its account known (docs/cli.md).</summary>
    private sealed class RequestCaller
    {
        public string Account { get; set; } = "-";

        public string Region { get; set; } = "-";
    }

    private async Task<string> DispatchAsync(HttpContext http, string requestId, RequestCaller who)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
        var questionMark = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = questionMark < 0 ? target : target[..questionMark];
        var rawQuery = questionMark < 0 ? string.Empty : target[(questionMark + 1)..];

        if (target.Length > _options.MaxUrlBytes)
        {
            await WriteErrorAsync(http, 414, ProtocolErrors.RequestUriTooLongException, ProtocolErrors.UriTooLong(_options.MaxUrlBytes)).ConfigureAwait(false);
            return "-";
        }

        if (HeadersTooLarge(http.Request))
        {
            await WriteErrorAsync(http, 431, ProtocolErrors.RequestHeaderFieldsTooLargeException, ProtocolErrors.HeadersTooLarge(_options.MaxHeaderBytes, _options.MaxHeaderCount)).ConfigureAwait(false);
            return "-";
        }

        if (RouteTable.HasDotSegment(rawPath))
        {
            await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, ProtocolErrors.DotSegment).ConfigureAwait(false);
            return "-";
        }

        if (!Routes.TryMatch(http.Request.Method, rawPath, out var match, out var badEncoding))
        {
            await (badEncoding
                ? WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, ProtocolErrors.BadEncoding("path"))
                : WriteErrorAsync(http, 404, ProtocolErrors.UnknownOperationException, ProtocolErrors.UnknownOperationMessage)).ConfigureAwait(false);
            return "-";
        }

        var operation = match.Operation;
        http.Response.Headers[OperationHeader] = operation.Name;

        var identified = _authenticator.TryIdentify(http.Request, rawQuery, out var caller, out var authError);
        if (caller is not null)
        {
            (who.Account, who.Region) = (caller.AccountId, caller.Credential.Region);
        }

        if (!identified)
        {
            await WriteErrorAsync(http, 403, authError.Code, authError.Message).ConfigureAwait(false);
            return operation.Name;
        }

        if (http.Request.ContentLength > _options.MaxBodyBytes)
        {
            await WriteErrorAsync(http, 413, ProtocolErrors.RequestEntityTooLargeException, ProtocolErrors.BodyTooLarge(_options.MaxBodyBytes)).ConfigureAwait(false);
            return operation.Name;
        }

        // Strict mode: a client that states its body's hash (x-amz-content-sha256: JS v3, .NET) has its signature
        // checked before a byte of the body is read; the body must then hash to what it stated.
        var strict = caller!.Key is not null;
        var claimedHash = strict ? Authenticator.ClaimedPayloadHash(http.Request) : null;
        if (claimedHash is not null && !_authenticator.TryVerify(http.Request, rawPath, rawQuery, caller, claimedHash, out authError))
        {
            await WriteErrorAsync(http, 403, authError.Code, authError.Message).ConfigureAwait(false);
            return operation.Name;
        }

        // Strict mode hashes the body into the signature, so it is read even where the operation ignores it; it is
        // hashed as it streams and kept only where the operation binds it.
        var body = ReadOnlyMemory<byte>.Empty;
        string? bodyHash = null;
        if (operation.HasBodyMembers || strict)
        {
            using var hash = strict ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            (body, var length) = await ReadBodyAsync(http.Request, operation.HasBodyMembers, hash).ConfigureAwait(false);
            if (length > _options.MaxBodyBytes)
            {
                await WriteErrorAsync(http, 413, ProtocolErrors.RequestEntityTooLargeException, ProtocolErrors.BodyTooLarge(_options.MaxBodyBytes)).ConfigureAwait(false);
                return operation.Name;
            }

            bodyHash = hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        if (strict && claimedHash is not null && !string.Equals(claimedHash, bodyHash, StringComparison.Ordinal))
        {
            // [choice] Connect signs the payload; UNSIGNED-PAYLOAD and a hash of other bytes are both refused.
            await WriteErrorAsync(http, 403, ProtocolErrors.InvalidSignatureException, ProtocolErrors.ContentHashMismatch).ConfigureAwait(false);
            return operation.Name;
        }

        if (strict && claimedHash is null && !_authenticator.TryVerify(http.Request, rawPath, rawQuery, caller, bodyHash!, out authError))
        {
            await WriteErrorAsync(http, 403, authError.Code, authError.Message).ConfigureAwait(false);
            return operation.Name;
        }

        foreach (var interceptor in _interceptors)
        {
            if (await interceptor.InterceptAsync(operation, caller!.AccountId, caller.Credential.Region, http.RequestAborted).ConfigureAwait(false) is { } refusal)
            {
                await WriteErrorAsync(http, refusal.HttpStatus, refusal.Code, refusal.Message, refusal.Fields).ConfigureAwait(false);
                return operation.Name;
            }
        }

        JsonDocument input;
        try
        {
            input = RequestBinder.Bind(operation, match.Labels, rawQuery, name => HeaderValue(http.Request, name), body, _options.MaxJsonDepth);
        }
        catch (SerializationFailure e)
        {
            await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, e.Message).ConfigureAwait(false);
            return operation.Name;
        }

        using (input)
        {
            Violations violations;
            try
            {
                violations = RequestValidator.Validate(operation.Input, input.RootElement);
            }
            catch (SerializationFailure e)
            {
                await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, e.Message).ConfigureAwait(false);
                return operation.Name;
            }

            if (violations.Total > 0)
            {
                await WriteErrorAsync(http, 400, operation.ValidationErrorCode, ProtocolErrors.ValidationSummary(violations.Total, violations)).ConfigureAwait(false);
                return operation.Name;
            }

            var context = new OperationContext(
                operation.Name,
                caller!.AccountId,
                caller.Credential.Region,
                requestId,
                caller.Credential.AccessKeyId,
                DateTimeOffset.UtcNow)
            {
                Origin = $"{http.Request.Scheme}://{http.Request.Host}",
            };
            await InvokeAsync(http, operation, context, input.RootElement).ConfigureAwait(false);
        }

        return operation.Name;
    }

    private async Task InvokeAsync(HttpContext http, OperationDescriptor operation, OperationContext context, JsonElement input)
    {
        byte[] output;
        try
        {
            output = await _api.InvokeAsync(operation, context, input).ConfigureAwait(false);
        }
        catch (OperationNotImplementedException)
        {
            await WriteErrorAsync(http, 501, ProtocolErrors.NotImplementedException, ProtocolErrors.NotImplemented(operation.Name),
                new Dictionary<string, string> { ["Operation"] = operation.Name }).ConfigureAwait(false);
            return;
        }
        catch (ServiceErrorException e)
        {
            await WriteErrorAsync(http, e.HttpStatus, e.Code, e.Message, e.Fields, e.ListFields, e.ObjectFields).ConfigureAwait(false);
            return;
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, ProtocolErrors.NotJson(e.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (_errors.Translate(operation, e) is { } error)
        {
            await WriteErrorAsync(http, error.HttpStatus, error.Code, error.Message, error.Fields, error.ListFields, error.ObjectFields).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = output.Length;
        await http.Response.Body.WriteAsync(output).ConfigureAwait(false);
    }

    /// <summary>A 12-digit access key id is the account id; every other key belongs to the default account (permissive mode).</summary>
    public string AccountOf(string accessKeyId) => _options.AccountOf(accessKeyId);

    private bool HeadersTooLarge(HttpRequest request)
    {
        var bytes = 0;
        var count = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // name ": " value CRLF, as the header section was sent
                bytes += name.Length + (value?.Length ?? 0) + 4;
                count++;
            }
        }

        return bytes > _options.MaxHeaderBytes || count > _options.MaxHeaderCount;
    }

    /// <summary>
    /// Reads the body up to one byte past the limit (the caller answers 413 when <c>Length</c> exceeds it), feeding
    /// <paramref name="hash"/> as it streams; keeps the bytes only when <paramref name="keep"/>.
    /// </summary>
    private async Task<(ReadOnlyMemory<byte> Body, long Length)> ReadBodyAsync(HttpRequest request, bool keep, IncrementalHash? hash)
    {
        if (keep && request.ContentLength is { } declared and >= 0 and <= int.MaxValue && declared <= _options.MaxBodyBytes)
        {
            // The usual case (every SDK sends Content-Length): read straight into an array of that size (Kestrel
            // ends the body stream at the declared length, and fails the read when the client sends less).
            var exact = new byte[(int)declared];
            var filled = 0;
            while (filled < exact.Length)
            {
                var read = await request.Body.ReadAsync(exact.AsMemory(filled)).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                hash?.AppendData(exact, filled, read);
                filled += read;
            }

            return (exact.AsMemory(0, filled), filled);
        }

        using var buffer = keep ? new MemoryStream(256) : null;
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        long length = 0;
        try
        {
            int count;
            while ((count = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                hash?.AppendData(chunk, 0, count);
                buffer?.Write(chunk, 0, count);
                length += count;
                if (length > _options.MaxBodyBytes)
                {
                    break;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer is null ? ReadOnlyMemory<byte>.Empty : buffer.GetBuffer().AsMemory(0, (int)buffer.Length), length);
    }

    private static string? HeaderValue(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>restJson1 errors: the model's status, the shape name in x-amzn-ErrorType, a flat JSON body.</summary>
    public static async Task WriteErrorAsync(
        HttpContext http,
        int status,
        string code,
        string message,
        IReadOnlyDictionary<string, string>? fields = null,
        IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>? listFields = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? objectFields = null)
    {
        http.Response.StatusCode = status;
        http.Response.Headers["x-amzn-ErrorType"] = code;
        http.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WireWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Message", message);
            if (fields is not null)
            {
                foreach (var (key, value) in fields)
                {
                    writer.WriteString(key, value);
                }
            }

            foreach (var (key, items) in listFields ?? new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>())
            {
                writer.WriteStartArray(key);
                foreach (var item in items)
                {
                    writer.WriteStartObject();
                    foreach (var (name, value) in item)
                    {
                        writer.WriteString(name, value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            foreach (var (key, members) in objectFields ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
            {
                writer.WriteStartObject(key);
                foreach (var (name, value) in members)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }

    /// <summary>One line per API request; ErrorCode is the x-amzn-ErrorType of an error answer ("-" otherwise).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Operation} {Status} {ErrorCode} account={Account} region={Region} {Milliseconds:0.0}ms {RequestId}")]
    private partial void LogRequest(string method, string operation, int status, string errorCode, string account, string region, double milliseconds, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure in request {RequestId}")]
    private partial void LogFailure(Exception exception, string requestId);
}

/// <summary>
/// Lets the composition root turn exceptions of layers the protocol does not know (the domain's) into model
/// errors; returns null for anything it does not recognise, which then answers 500.
/// </summary>
public interface IErrorTranslator
{
    ServiceErrorException? Translate(OperationDescriptor operation, Exception exception);
}

public static class ConnectEndpointExtensions
{
    /// <summary>Registers the endpoint; the caller registers the <see cref="ConnectApiBase"/> implementation.</summary>
    public static IServiceCollection AddConnectProtocol(this IServiceCollection services, ProtocolOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ConnectEndpoint>();
        return services;
    }

    /// <summary>Every request that is not for another endpoint goes to the Connect front door.</summary>
    public static IApplicationBuilder UseConnectApi(this IApplicationBuilder app)
    {
        var endpoint = app.ApplicationServices.GetRequiredService<ConnectEndpoint>();
        app.Run(endpoint.HandleAsync);
        return app;
    }
}
