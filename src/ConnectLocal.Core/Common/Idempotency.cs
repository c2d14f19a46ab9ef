namespace ConnectLocal.Core.Common;

/// <summary>What a ClientToken already produced: the request it came with and the id of what it created.</summary>
public sealed record IdempotencyRecord : IResource<IdempotencyRecord>
{
    public static string Kind => "idempotency";

    public required string Id { get; init; }

    public required string RequestFingerprint { get; init; }

    public required string ResultId { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public string? Name => null;
}

/// <summary>
/// ClientToken semantics: the same token with the same request returns the first result; the same token with a
/// different request is refused.
/// </summary>
public static class Idempotency
{
    public static string? Replay(IStoreSession session, Caller caller, string operation, string? token, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var record = session.Get<IdempotencyRecord>(Scope(caller), operation + "/" + token);
        if (record is null)
        {
            return null;
        }

        if (record.RequestFingerprint != fingerprint)
        {
            throw new DomainException(DomainErrorKind.Conflict, ErrorTexts.ClientTokenReused);
        }

        return record.ResultId;
    }

    public static void Remember(IStoreSession session, Caller caller, string operation, string? token, string fingerprint, string resultId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        session.Put(Scope(caller), new IdempotencyRecord
        {
            Id = operation + "/" + token,
            RequestFingerprint = fingerprint,
            ResultId = resultId,
            CreatedTime = caller.Now,
        });
    }

    private static ResourceScope Scope(Caller caller) => new(caller.AccountId, caller.Region, "~idempotency");
}
