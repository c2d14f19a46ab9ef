namespace ConnectLocal.Testing;

/// <summary>What <see cref="ConnectLocalTestServer.StartAsync"/> starts.</summary>
public sealed record ConnectLocalTestOptions
{
    /// <summary>
    /// Where SQLite keeps the state; null (the default) keeps it in memory, gone when the server is disposed.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The account of <see cref="ConnectLocalTestServer.Credentials"/> (twelve digits).</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The Region clients are told to use.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>
    /// Runs the server on a clock that moves only through <see cref="ConnectLocalTestServer.AdvanceTime"/>: status
    /// transitions, routing timers and every timestamp the server writes follow it.
    /// </summary>
    public bool VirtualTime { get; init; }

    /// <summary>Where virtual time starts (default: now).</summary>
    public DateTimeOffset? VirtualTimeStart { get; init; }

    /// <summary>Writes the server's log (a line per request) to standard output; off by default.</summary>
    public bool Log { get; init; }
}

/// <summary>Credentials for an AWS client: the access key id is the account id (permissive mode).</summary>
public sealed record ConnectLocalCredentials(string AccessKeyId, string SecretAccessKey, string AccountId);

/// <summary>A contact as the routing control API shows it.</summary>
public sealed record RoutedContact(
    string ContactId,
    string InstanceId,
    string Region,
    string Channel,
    string InitiationMethod,
    string? QueueId,
    string State,
    string? EndReason,
    string? AgentId,
    DateTimeOffset? EnqueuedAt,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? EndedAt);

/// <summary>
/// An agent's Region as the control API shows it (Global Resiliency): <see cref="RegionChange"/> is <c>PENDING</c>
/// (the agent still holds <see cref="ContactIds"/> in <see cref="ActiveRegion"/> and moves to
/// <see cref="NextActiveRegion"/> when they end), <c>COMPLETED</c> (it moved from <see cref="PreviousRegion"/> at
/// <see cref="CompletedAt"/>) or <c>NONE</c>.
/// </summary>
public sealed record AgentRegion(
    string UserId,
    string? ActiveRegion,
    string RegionChange,
    string? NextActiveRegion,
    IReadOnlyList<string> ContactIds,
    string? PreviousRegion,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The status-transition control state: held kinds, delays in milliseconds, pending transitions.</summary>
public sealed record TransitionsState(
    IReadOnlyList<string> Held,
    IReadOnlyDictionary<string, long> Delays,
    IReadOnlyList<PendingTransition> Pending,
    int? Applied);

/// <summary>A status transition waiting for its time (or for its kind to be released).</summary>
public sealed record PendingTransition(string Kind, string AccountId, string Region, string TargetId, DateTimeOffset DueAt);

/// <summary>A control endpoint refused the request (the AWS-shaped error it answered).</summary>
public sealed class ConnectLocalControlException(int statusCode, string errorCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorCode { get; } = errorCode;
}
