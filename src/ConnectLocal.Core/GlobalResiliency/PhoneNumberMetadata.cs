using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>
/// UpdatePhoneNumberMetadata and ListPhoneNumbers (v1), over the numbers PhoneNumberService claims.
/// LIMITATIONS: ImportPhoneNumber is not implemented (it needs End User Messaging numbers, which ConnectLocal does not keep).
/// </summary>
public sealed class PhoneNumberMetadata(IConnectStore store)
{
    /// <summary>Replaces the description ([choice] an absent description clears it); a retry with the same ClientToken is a no-op.</summary>
    public ClaimedPhoneNumber UpdateDescription(Caller caller, string idOrArn, string? description, string? clientToken) => store.Write(session =>
    {
        var scope = PhoneNumberService.NumbersScope(caller.AccountId);
        var fingerprint = string.Join('\n', idOrArn, description);
        if (Idempotency.Replay(session, caller, "UpdatePhoneNumberMetadata", clientToken, fingerprint) is { } replayed)
        {
            return session.Get<ClaimedPhoneNumber>(scope, replayed) ?? throw Errors.NotFound(ErrorTexts.PhoneNumberNoun);
        }

        var number = PhoneNumberService.Require(session, caller, idOrArn) with { Description = description };
        session.Put(scope, number);
        Idempotency.Remember(session, caller, "UpdatePhoneNumberMetadata", clientToken, fingerprint, number.Id);
        return number;
    });

    /// <summary>
    /// ListPhoneNumbers: the numbers claimed to the instance ([choice] not those of its traffic distribution groups,
    /// as ListPhoneNumbersV2 with InstanceId), filtered by type and country code, in id order.
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
}
