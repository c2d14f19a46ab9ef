namespace ConnectLocal.Core.Common;

/// <summary>What went wrong, in domain terms. Only the edge (the handlers) turns a kind into an AWS error code.</summary>
public enum DomainErrorKind
{
    NotFound,
    Duplicate,
    InUse,
    InvalidParameter,
    InvalidRequest,
    Conflict,
    LimitExceeded,
    ServiceQuotaExceeded,
    AccessDenied,

    /// <summary>The resource exists but is not ready for this yet (e.g. an instance whose replication is still running).</summary>
    NotReady,

    /// <summary>Flow (or test case) content that breaks its language's rules; <see cref="DomainException.Problems"/> lists each.</summary>
    InvalidFlow,

    // Task templates (templates-views): a property of the request that is not valid, as PropertyValidationException reports it.
    /// <summary>A property of the request is not valid; <see cref="DomainException.Properties"/> names it, why, and how.</summary>
    InvalidProperty,
}

/// <summary>One property that is not valid: its path in the request, the model's reason (PropertyValidationExceptionReason), a message.</summary>
public sealed record PropertyProblem(string Path, string Reason, string Message);

public sealed class DomainException(DomainErrorKind kind, string message, string? resourceType = null, string? resourceId = null)
    : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>For <see cref="DomainErrorKind.InUse"/>: what kind of resource holds the reference.</summary>
    public string? ResourceType { get; } = resourceType;

    public string? ResourceId { get; } = resourceId;

    /// <summary>For <see cref="DomainErrorKind.InvalidFlow"/>: every problem found, each naming its action.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>For <see cref="DomainErrorKind.InvalidProperty"/>: the properties that are not valid.</summary>
    public IReadOnlyList<PropertyProblem> Properties { get; init; } = [];

    /// <summary>
    /// The model's reason for an attached-file error (AttachedFileInvalidRequestExceptionReason,
    /// AttachedFileServiceQuotaExceededExceptionReason), shown as the error's Reason.
    /// </summary>
    public string? Reason { get; init; }
}

/// <summary>Short messages in the style Amazon Connect itself uses ("Instance not found", "Resource not found").</summary>
public static class Errors
{
    public static DomainException NotFound(string what) => new(DomainErrorKind.NotFound, ErrorTexts.NotFound(what));

    public static DomainException InstanceNotFound() => NotFound("Instance");

    public static DomainException Duplicate(string what, string name) =>
        new(DomainErrorKind.Duplicate, ErrorTexts.Duplicate(what, name));

    public static DomainException InvalidParameter(string message) => new(DomainErrorKind.InvalidParameter, message);

    public static DomainException InvalidRequest(string message) => new(DomainErrorKind.InvalidRequest, message);

    public static DomainException InUse(string message, string resourceType, string resourceId) =>
        new(DomainErrorKind.InUse, message, resourceType, resourceId);

    public static DomainException Quota(string message) => new(DomainErrorKind.ServiceQuotaExceeded, message);

    public static DomainException Limit(string message) => new(DomainErrorKind.LimitExceeded, message);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    public static DomainException NotReady(string message) => new(DomainErrorKind.NotReady, message);

    /// <summary>Test case content that is not a test the Testing language can run (InvalidTestCaseException's Problems).</summary>
    public static DomainException InvalidTestCase(IEnumerable<string> problems) =>
        new(DomainErrorKind.InvalidFlow, ErrorTexts.TestCaseContentInvalid) { Problems = problems.ToList() };

    public static DomainException InvalidFlow(IEnumerable<string> problems) =>
        new(DomainErrorKind.InvalidFlow, ErrorTexts.FlowContentInvalid) { Problems = problems.ToList() };
}
