namespace ConnectLocal.Protocol;

/// <summary>
/// Every error code and message the protocol layer itself produces, in one place (docs/wire-choices.md says why
/// each was chosen). Errors a handler raises come from the model's error shapes instead.
/// </summary>
public static class ProtocolErrors
{
    public const string SerializationException = "SerializationException";
    public const string UnknownOperationException = "UnknownOperationException";
    public const string NotImplementedException = "NotImplementedException";
    public const string MissingAuthenticationTokenException = "MissingAuthenticationTokenException";
    public const string IncompleteSignatureException = "IncompleteSignatureException";
    public const string InvalidSignatureException = "InvalidSignatureException";
    public const string InternalServiceException = "InternalServiceException";
    public const string RequestEntityTooLargeException = "RequestEntityTooLargeException";

    public const string UnknownOperationMessage = "The requested path and method do not match any Amazon Connect operation.";
    public const string MissingAuthenticationTokenMessage = "Missing Authentication Token";
    public const string InternalServiceMessage = "An internal error occurred in ConnectLocal; see the server log for this request id.";

    public static string NotImplemented(string operation) =>
        $"ConnectLocal does not implement the operation {operation} yet.";

    public static string IncompleteSignature(string detail) =>
        $"The Authorization header is not a valid AWS Signature Version 4 header: {detail}.";

    public static string WrongService(string service) =>
        $"Credential should be scoped to correct service: 'connect', not '{service}'.";

    public static string BodyTooLarge(long limit) => $"The request body is larger than {limit} bytes.";

    public static string UnreadableBody(string detail) => $"The request body could not be read: {detail}";

    public static string NotJson(string detail) => $"The request body is not valid JSON: {detail}";

    public const string LoneSurrogate = "it contains a \\u escape of a lone surrogate, which is not text.";

    public static string NotAnObject => "The request body must be a JSON object.";

    public static string WrongType(string path, string expected, string found) =>
        $"Expected {expected} at '{path}', found {found}.";

    public static string BadEncoding(string where) => $"The request {where} is not valid percent-encoded UTF-8.";

    public static string BadScalar(string where, string expected, string value) =>
        $"Cannot read '{value}' in {where} as {expected}.";

    public static string ValidationSummary(IReadOnlyList<string> violations) =>
        violations.Count == 1
            ? "1 validation error detected: " + violations[0]
            : $"{violations.Count} validation errors detected: " + string.Join("; ", violations);
}
