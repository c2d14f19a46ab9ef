using System;

namespace ConnectLocal.Model.Metadata;

/// <summary>Who is calling and where: what every operation handler needs besides its input shape.</summary>
public sealed record OperationContext(
    string OperationName,
    string AccountId,
    string Region,
    string RequestId,
    string AccessKeyId,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The scheme, host and port the request came to (http://127.0.0.1:4566); null when it did not come over HTTP.</summary>
    public string? Origin { get; init; }
}

/// <summary>Thrown by the generated base for an operation that has no handler yet.</summary>
public sealed class OperationNotImplementedException(string operationName)
    : Exception($"Operation {operationName} is not implemented")
{
    public string OperationName { get; } = operationName;
}
