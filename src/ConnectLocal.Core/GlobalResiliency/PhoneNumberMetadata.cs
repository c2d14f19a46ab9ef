using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>
/// UpdatePhoneNumberMetadata and ListPhoneNumbers (v1), over the numbers PhoneNumberService claims.
/// LIMITATIONS: ImportPhoneNumber is not implemented (it needs End User Messaging numbers, which ConnectLocal does not keep).
/// </summary>
public sealed class PhoneNumberMetadata(IConnectStore store)
{
    /// <summary>
    /// Sets the description ([choice] an absent PhoneNumberDescription leaves it as it is; an empty one clears it); a
    /// retry with the same ClientToken is a no-op, the same token with another request is IdempotencyException.
    /// </summary>
    public ClaimedPhoneNumber UpdateDescription(Caller caller, string idOrArn, string? description, string? clientToken) => store.Write(session =>
    {
        var scope = PhoneNumberService.NumbersScope(caller.AccountId);
        var fingerprint = string.Join('\n', idOrArn, description);
        if (Idempotency.Replay(session, caller, "UpdatePhoneNumberMetadata", clientToken, fingerprint) is { } replayed)
        {
            return session.Get<ClaimedPhoneNumber>(scope, replayed) ?? throw Errors.NotFound(ErrorTexts.PhoneNumberNoun);
        }

        var found = PhoneNumberService.Require(session, caller, idOrArn);
        var number = description is null ? found : found with { Description = description.Length == 0 ? null : description };
        session.Put(scope, number);
        Idempotency.Remember(session, caller, "UpdatePhoneNumberMetadata", clientToken, fingerprint, number.Id);
        return number;
    });

    /// <summary>
    /// ListPhoneNumbers: the numbers claimed to the instance ([choice] not those of its traffic distribution groups,
    /// as ListPhoneNumbersV2 with InstanceId), filtered by type and country code, in id order.
    /// Each is shown with the instance-scoped ARN ListPhoneNumbers answers (InstanceArnOf), not the number's own ARN.
    /// </summary>
    public Page<ClaimedPhoneNumber> ListOfInstance(
        Caller caller, string instanceIdOrArn, IReadOnlyList<string> types, IReadOnlyList<string> countryCodes, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var numbers = session.All<ClaimedPhoneNumber>(PhoneNumberService.NumbersScope(caller.AccountId))
            .Where(n => n.InstanceId == instance.Id)
            .Where(n => types.Count == 0 || types.Contains(n.Type))
            .Where(n => countryCodes.Count == 0 || countryCodes.Contains(n.CountryCode))
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .ToList();
        var listing = Paging.Listing("ListPhoneNumbers", [instance.Id], types.Order(StringComparer.Ordinal), countryCodes.Order(StringComparer.Ordinal));
        return Paging.Slice(session, new ResourceScope(caller.AccountId, caller.Region, instance.Id), listing, numbers, n => n.Id, nextToken, pageSize);
    });

    /// <summary>
    /// The ARN ListPhoneNumbers (v1) shows: …:instance/{instanceId}/phone-number/{id}. AWS documents that this ARN
    /// cannot be used to tag the number (the number's own ARN, as ListPhoneNumbersV2 shows it, can).
    /// </summary>
    public static string InstanceArnOf(ClaimedPhoneNumber number, string instanceId) =>
        Arns.InInstance(number.Region, number.AccountId, instanceId, "phone-number", number.Id);
}
