using System.Diagnostics;
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

    public ConnectEndpoint(ConnectApiBase api, ProtocolOptions options, IErrorTranslator errors, ILogger<ConnectEndpoint> logger)
    {
        _api = api;
        _options = options;
        _errors = errors;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        string operationName = "-";
        try
        {
            operationName = await DispatchAsync(http, requestId).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            // The body could not be read as HTTP (bad chunking, shorter than Content-Length, too slow).
            await WriteErrorAsync(http, e.StatusCode, ProtocolErrors.SerializationException, ProtocolErrors.UnreadableBody(e.Message)).ConfigureAwait(false);
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

        LogRequest(http.Request.Method, operationName, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
    }

    private async Task<string> DispatchAsync(HttpContext http, string requestId)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
        var questionMark = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = questionMark < 0 ? target.AsSpan() : target.AsSpan(0, questionMark);
        var rawQuery = questionMark < 0 ? string.Empty : target[(questionMark + 1)..];

        if (!Routes.TryMatch(http.Request.Method, rawPath, out var match, out var badEncoding))
        {
            await (badEncoding
                ? WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, ProtocolErrors.BadEncoding("path"))
                : WriteErrorAsync(http, 404, ProtocolErrors.UnknownOperationException, ProtocolErrors.UnknownOperationMessage)).ConfigureAwait(false);
            return "-";
        }

        var operation = match.Operation;
        http.Response.Headers[OperationHeader] = operation.Name;

        if (!Authenticate(http, out var credential, out var authError))
        {
            await WriteErrorAsync(http, 403, authError.Code, authError.Message).ConfigureAwait(false);
            return operation.Name;
        }

        if (http.Request.ContentLength > _options.MaxBodyBytes)
        {
            await WriteErrorAsync(http, 413, ProtocolErrors.RequestEntityTooLargeException, ProtocolErrors.BodyTooLarge(_options.MaxBodyBytes)).ConfigureAwait(false);
            return operation.Name;
        }

        var body = operation.HasBodyMembers ? await ReadBodyAsync(http.Request).ConfigureAwait(false) : ReadOnlyMemory<byte>.Empty;
        if (body.Length > _options.MaxBodyBytes)
        {
            await WriteErrorAsync(http, 413, ProtocolErrors.RequestEntityTooLargeException, ProtocolErrors.BodyTooLarge(_options.MaxBodyBytes)).ConfigureAwait(false);
            return operation.Name;
        }

        JsonDocument input;
        try
        {
            input = RequestBinder.Bind(operation, match.Labels, rawQuery, name => HeaderValue(http.Request, name), body);
        }
        catch (SerializationFailure e)
        {
            await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, e.Message).ConfigureAwait(false);
            return operation.Name;
        }

        using (input)
        {
            List<string> violations;
            try
            {
                violations = RequestValidator.Validate(operation.Input, input.RootElement);
            }
            catch (SerializationFailure e)
            {
                await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, e.Message).ConfigureAwait(false);
                return operation.Name;
            }

            if (violations.Count > 0)
            {
                await WriteErrorAsync(http, 400, operation.ValidationErrorCode, ProtocolErrors.ValidationSummary(violations)).ConfigureAwait(false);
                return operation.Name;
            }

            var context = new OperationContext(
                operation.Name,
                AccountOf(credential!.AccessKeyId),
                credential.Region,
                requestId,
                credential.AccessKeyId,
                DateTimeOffset.UtcNow);
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
            await WriteErrorAsync(http, e.HttpStatus, e.Code, e.Message, e.Fields).ConfigureAwait(false);
            return;
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(http, 400, ProtocolErrors.SerializationException, ProtocolErrors.NotJson(e.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (_errors.Translate(operation, e) is { } error)
        {
            await WriteErrorAsync(http, error.HttpStatus, error.Code, error.Message, error.Fields).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = output.Length;
        await http.Response.Body.WriteAsync(output).ConfigureAwait(false);
    }

    private bool Authenticate(HttpContext http, out SigV4Credential? credential, out (string Code, string Message) error)
    {
        credential = null;
        error = default;
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            error = (ProtocolErrors.MissingAuthenticationTokenException, ProtocolErrors.MissingAuthenticationTokenMessage);
            return false;
        }

        if (!SigV4.TryParse(header, out credential, out var problem))
        {
            error = (ProtocolErrors.IncompleteSignatureException, ProtocolErrors.IncompleteSignature(problem));
            return false;
        }

        if (credential!.Service != "connect")
        {
            error = (ProtocolErrors.InvalidSignatureException, ProtocolErrors.WrongService(credential.Service));
            return false;
        }

        return true;
    }

    /// <summary>A 12-digit access key id is the account id; every other key belongs to the default account.</summary>
    public string AccountOf(string accessKeyId) =>
        accessKeyId.Length == 12 && accessKeyId.All(char.IsAsciiDigit) ? accessKeyId : _options.DefaultAccountId;

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 256);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _options.MaxBodyBytes)
            {
                break;
            }
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static string? HeaderValue(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>restJson1 errors: the model's status, the shape name in x-amzn-ErrorType, a flat JSON body.</summary>
    public static async Task WriteErrorAsync(HttpContext http, int status, string code, string message, IReadOnlyDictionary<string, string>? fields = null)
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

            writer.WriteEndObject();
        }

        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Operation} {Status} {Milliseconds:0.0}ms {RequestId}")]
    private partial void LogRequest(string method, string operation, int status, double milliseconds, string requestId);

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
