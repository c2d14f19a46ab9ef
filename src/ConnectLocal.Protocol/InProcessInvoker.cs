using System.Text.Json;
using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Protocol;

/// <summary>
/// Calls an operation in-process with its input as JSON (every member, path labels included, by member name): what
/// <see cref="ConnectEndpoint"/> does once it has bound an HTTP request — the model's validation, the handler, and the
/// same error translation. The what-if simulator makes its configuration changes through it, so they meet exactly
/// the rules an API client meets.
/// </summary>
public sealed class InProcessInvoker(ConnectApiBase api, IErrorTranslator errors)
{
    /// <returns>The operation's output as JSON bytes.</returns>
    /// <exception cref="ServiceErrorException">The error an API client would get (code and message).</exception>
    public byte[] Invoke(OperationDescriptor operation, OperationContext context, JsonElement input)
    {
        Violations violations;
        try
        {
            violations = RequestValidator.Validate(operation.Input, input);
        }
        catch (SerializationFailure e)
        {
            throw new ServiceErrorException(operation.ValidationErrorCode, e.Message);
        }

        if (violations.Total > 0)
        {
            throw new ServiceErrorException(operation.ValidationErrorCode, ProtocolErrors.ValidationSummary(violations.Total, violations));
        }

        try
        {
            return api.InvokeAsync(operation, context, input).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not ServiceErrorException && errors.Translate(operation, e) is { } error)
        {
            throw error;
        }
    }
}
