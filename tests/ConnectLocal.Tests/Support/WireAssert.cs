using System.Text.RegularExpressions;

namespace ConnectLocal.Tests.Support;

internal static partial class WireAssert
{
    private static readonly HashSet<string> ProtocolErrorCodes =
    [
        "SerializationException",
        "UnknownOperationException",
        "MissingAuthenticationTokenException",
        "IncompleteSignatureException",
        "InvalidSignatureException",
        "RequestEntityTooLargeException",
        "InternalServiceException",
        "UnrecognizedClientException",
        "RequestUriTooLongException",
        "RequestHeaderFieldsTooLargeException",
        "RequestTimeoutException",
    ];

    /// <summary>
    /// The request was dispatched to <paramref name="operation"/> and got past authentication, binding and
    /// validation. What the handler answered after that (501 today, a result or a model error once it is
    /// implemented) is not what these tests are about.
    /// </summary>
    public static void PassedTheFrontDoor(WireResponse response, string operation)
    {
        Assert.Equal(operation, response.Operation);
        Assert.False(response.ErrorType is { } code && ProtocolErrorCodes.Contains(code), $"refused by the protocol layer: {response}");
        Assert.False(response.Status == 400 && response.Message is { } message && ValidationSummary().IsMatch(message), $"refused by validation: {response}");
    }

    [GeneratedRegex(@"^\d+ validation errors? detected: ")]
    private static partial Regex ValidationSummary();
}
