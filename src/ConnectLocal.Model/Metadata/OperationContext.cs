using System;

namespace ConnectLocal.Model.Metadata;

/// <summary>Who is calling and where: what every operation handler needs besides its input shape.</summary>
public sealed record OperationContext(
    string OperationName,
    string AccountId,
    string Region,
    string RequestId,
    string AccessKeyId,
    DateTimeOffset ReceivedAt);

/// <summary>Thrown by the generated base for an operation that has no handler yet.</summary>
public sealed class OperationNotImplementedException(string operationName)
    : Exception($"Operation {operationName} is not implemented")
{
    public string OperationName { get; } = operationName;
}
