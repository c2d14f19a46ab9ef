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
    public const string UnrecognizedClientException = "UnrecognizedClientException";

    // [choice] AWS has no error shapes for these; the names follow HTTP's statuses (414, 431, 408) and, for the
    // last, the RequestTimeoutException that SDKs retry (docs/wire-choices.md).
    public const string RequestUriTooLongException = "RequestUriTooLongException";
    public const string RequestHeaderFieldsTooLargeException = "RequestHeaderFieldsTooLargeException";
    public const string RequestTimeoutException = "RequestTimeoutException";
    public const string ThrottlingException = "ThrottlingException";

    public const string UnknownOperationMessage = "The requested path and method do not match any Amazon Connect operation.";
    public const string MissingAuthenticationTokenMessage = "Missing Authentication Token";
    public const string InternalServiceMessage = "An internal error occurred in ConnectLocal; see the server log for this request id.";

    // The texts AWS answers with for these (behaviour doc §7); SDKs look for "Signature expired" to detect clock skew.
    public const string UnrecognizedClientMessage = "The security token included in the request is invalid.";
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    public const string MissingDate = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    public const string HostNotSigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
    public const string ContentHashMismatch = "The provided 'x-amz-content-sha256' header does not match what was computed.";
    public const string ThrottlingMessage = "Rate exceeded";

    public static string BadDate(string value) =>
        $"Date must be in ISO-8601 'basic format'. Got '{value}'. See http://en.wikipedia.org/wiki/ISO_8601";

    public static string ScopeDateMismatch(string scopeDate, string amzDate) =>
        $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.";

    public static string SignatureExpired(string amzDate, string earliest, string now, TimeSpan skew) =>
        $"Signature expired: {amzDate} is now earlier than {earliest} ({now} - {skew.TotalMinutes:0} min.)";

    public static string SignatureNotYetCurrent(string amzDate, string latest, string now, TimeSpan skew) =>
        $"Signature not yet current: {amzDate} is still later than {latest} ({now} + {skew.TotalMinutes:0} min.)";

    public static string UriTooLong(int limit) => $"The request URI is longer than {limit} bytes.";

    public static string HeadersTooLarge(int limitBytes, int limitCount) =>
        $"The request headers are larger than {limitBytes} bytes or more than {limitCount} fields.";

    public static string NotImplemented(string operation) =>
        $"ConnectLocal does not implement the operation {operation} yet.";

    public static string IncompleteSignature(string detail) =>
        $"The Authorization header is not a valid AWS Signature Version 4 header: {detail}.";

    // AWS's text for an Authorization value that is not key=value pairs, e.g. two signatures joined (envoy#23702).
    public static string NotKeyValuePair(string token, string header) =>
        $"'{token}' not a valid key=value pair (missing equal-sign) in Authorization header: '{header}'.";

    public static string WrongService(string service) =>
        $"Credential should be scoped to correct service: 'connect', not '{service}'.";

    // AWS's text for a scope naming a Region the endpoint does not serve (aws-sdk-java-v2#988, aws-sdk-go#156).
    public static string InvalidRegion(string region) =>
        $"Credential should be scoped to a valid region, not '{region}'.";

    // Presigned (query-string) requests: the texts AWS front ends answer for these.
    public const string PresignedParametersMissing =
        "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'. Re-examine the query-string parameters.";

    public const string PresignedAlgorithm = "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"";

    public const string TwoAuthMechanisms =
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified";

    public static string BadExpires(int maxSeconds) =>
        $"X-Amz-Expires must be a whole number of seconds from 1 to {maxSeconds} (a week).";

    // [choice] "Signature expired" as for the header form (SDKs look for it); the window is X-Amz-Expires.
    public static string PresignedExpired(string amzDate, string earliest, string now, int seconds) =>
        $"Signature expired: {amzDate} is now earlier than {earliest} ({now} - {seconds} sec.)";

    public static string BodyTooLarge(long limit) => $"The request body is larger than {limit} bytes.";

    public static string UnreadableBody(string detail) => $"The request body could not be read: {detail}";

    public static string NotJson(string detail) => $"The request body is not valid JSON: {detail}";

    public const string LoneSurrogate = "it contains a \\u escape of a lone surrogate, which is not text.";

    public static string NotAnObject => "The request body must be a JSON object.";

    public static string WrongType(string path, string expected, string found) =>
        $"Expected {expected} at '{path}', found {found}.";

    // [choice] docs/security.md: SigV4 signs the path without these segments, so it is refused rather than run.
    public const string DotSegment =
        "The request path must not contain '.' or '..' segments: AWS Signature Version 4 signs the path with them removed.";

    public static string BadEncoding(string where) => $"The request {where} is not valid percent-encoded UTF-8.";

    public static string BadScalar(string where, string expected, string value) =>
        $"Cannot read '{value}' in {where} as {expected}.";

    /// <param name="total">Every violation found.</param>
    /// <param name="reported">The first of them as text ([choice] at most 100; the rest are counted: "; and N more").</param>
    public static string ValidationSummary(int total, IReadOnlyList<string> reported) =>
        total == 1
            ? "1 validation error detected: " + reported[0]
            : $"{total} validation errors detected: " + string.Join("; ", reported)
              + (total > reported.Count ? $"; and {total - reported.Count} more" : string.Empty);
}
