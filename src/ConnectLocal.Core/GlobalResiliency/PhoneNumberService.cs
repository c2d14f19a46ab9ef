using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

public sealed record ClaimPhoneNumberCommand(
    string? TargetArn,
    string? InstanceId,
    string PhoneNumber,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken);

/// <summary>Filters of SearchAvailablePhoneNumbers and ListPhoneNumbersV2.</summary>
public sealed record PhoneNumberQuery(
    string? TargetArn,
    string? InstanceId,
    IReadOnlyList<string> CountryCodes,
    IReadOnlyList<string> Types,
    string? Prefix);

/// <summary>
/// Phone numbers as far as Global Resiliency needs them: searching the pool, claiming a number to an instance or a
/// traffic distribution group, moving and releasing it. A number claimed to a group is visible from both of the
/// group's Regions, by ARN only from the Region it was not claimed in (DescribePhoneNumber's documentation).
/// A released number cools down (<see cref="CoolingPhoneNumber"/>): neither searchable nor claimable until the
/// <c>number-cooldown</c> transition ends it (one day by default, configurable like every transition).
/// [choice] Numbers released with their instance's deletion return to the pool at once.
/// LIMITATIONS: claims complete at once (no IN_PROGRESS status). Flow associations: Flows/FlowAssociationService.cs.
/// </summary>
public sealed class PhoneNumberService(IConnectStore store, ConnectSettings settings)
{
    private const string NotFoundWhat = "Phone number";

    public Page<string> SearchAvailable(Caller caller, string? targetArn, string? instanceId, string country, string type, string? prefix, string? nextToken, int pageSize) => store.Read(session =>
    {
        // Either target works from both of a group's Regions ("you can call this API in both Regions").
        ResolveTarget(session, caller, targetArn, instanceId);
        CheckPrefix(prefix);
        var numbersScope = NumbersScope(caller.AccountId);
        var available = PhoneNumberPool.Numbers(country, type)
            .Where(n => prefix is null || n.StartsWith(prefix, StringComparison.Ordinal))
            .Where(n => session.GetByName<ClaimedPhoneNumber>(numbersScope, n) is null && session.GetByName<CoolingPhoneNumber>(numbersScope, n) is null)
            .ToList();
        var listing = $"available-numbers/{country}/{type}/{prefix}";
        return Paging.Slice(session, ResourceScope.TopLevel(caller.AccountId, caller.Region), listing, available, n => n, nextToken, pageSize);
    });

    public ClaimedPhoneNumber Claim(Caller caller, ClaimPhoneNumberCommand command) => store.Write(session =>
    {
        var scope = NumbersScope(caller.AccountId);
        var fingerprint = string.Join('\n', command.TargetArn, command.InstanceId, command.PhoneNumber, command.Description,
            string.Join('\n', command.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
        if (Idempotency.Replay(session, caller, "ClaimPhoneNumber", command.ClientToken, fingerprint) is { } replayed)
        {
            return session.Get<ClaimedPhoneNumber>(scope, replayed)
                ?? throw Errors.InvalidParameter(ErrorTexts.PhoneNumberOfClientTokenReleased);
        }

        var target = ResolveTarget(session, caller, command.TargetArn, command.InstanceId);
        RequireTargetHere(caller, target, "ClaimPhoneNumber");
        var pooled = PhoneNumberPool.Lookup(command.PhoneNumber);
        if (pooled is null || session.GetByName<ClaimedPhoneNumber>(scope, command.PhoneNumber) is not null
            || session.GetByName<CoolingPhoneNumber>(scope, command.PhoneNumber) is not null)
        {
            // [choice] a number outside the pool, already claimed or cooling down after a release is an invalid parameter.
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumberNotAvailable(command.PhoneNumber));
        }

        if (session.All<ClaimedPhoneNumber>(scope).Count(n => n.Region == caller.Region) >= settings.PhoneNumbersPerRegion)
        {
            // ClaimPhoneNumber models no quota error; [choice] the quota is an invalid parameter.
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumbersPerRegion(settings.PhoneNumbersPerRegion, caller.Region));
        }

        var number = new ClaimedPhoneNumber
        {
            Id = DefaultResources.NewId(),
            AccountId = caller.AccountId,
            Region = caller.Region,
            PhoneNumber = command.PhoneNumber,
            CountryCode = pooled.Value.Country,
            Type = pooled.Value.Type,
            Description = command.Description,
            TargetArn = target.Arn,
            InstanceId = target.InstanceId,
            TrafficDistributionGroupId = target.Group?.Id,
            Status = ClaimedPhoneNumber.Claimed,
            ClaimedTime = caller.Now,
            Tags = command.Tags,
        };
        session.Put(scope, number);
        Idempotency.Remember(session, caller, "ClaimPhoneNumber", command.ClientToken, fingerprint, number.Id);
        return number;
    });

    public ClaimedPhoneNumber Describe(Caller caller, string idOrArn) => store.Read(session => Require(session, caller, idOrArn));

    /// <summary>
    /// Numbers visible from the caller's Region, or those claimed to one target. [choice] InstanceId lists the
    /// numbers claimed to that instance, not those of its traffic distribution groups.
    /// </summary>
    public Page<ClaimedPhoneNumber> List(Caller caller, PhoneNumberQuery query, string? nextToken, int pageSize) => store.Read(session =>
    {
        var targetArn = query.TargetArn is null && query.InstanceId is null
            ? null
            : ResolveTarget(session, caller, query.TargetArn, query.InstanceId).Arn;
        var prefix = CheckPrefix(query.Prefix);
        var numbers = session.All<ClaimedPhoneNumber>(NumbersScope(caller.AccountId))
            .Where(n => targetArn is null ? Visible(session, n, caller.Region) : n.TargetArn == targetArn)
            .Where(n => query.CountryCodes.Count == 0 || query.CountryCodes.Contains(n.CountryCode))
            .Where(n => query.Types.Count == 0 || query.Types.Contains(n.Type))
            .Where(n => prefix is null || n.PhoneNumber.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        return Paging.Slice(session, ResourceScope.TopLevel(caller.AccountId, caller.Region), Paging.Listing("phone-numbers", [targetArn, prefix], query.CountryCodes.Order(StringComparer.Ordinal), query.Types.Order(StringComparer.Ordinal)), numbers, n => n.Id, nextToken, pageSize);
    });

    /// <summary>Moves a number to another instance or traffic distribution group of the Region where it was claimed.</summary>
    public ClaimedPhoneNumber Update(Caller caller, string idOrArn, string? targetArn, string? instanceId, string? clientToken) => store.Write(session =>
    {
        var scope = NumbersScope(caller.AccountId);
        var fingerprint = string.Join('\n', idOrArn, targetArn, instanceId);
        if (Idempotency.Replay(session, caller, "UpdatePhoneNumber", clientToken, fingerprint) is { } replayed)
        {
            return session.Get<ClaimedPhoneNumber>(scope, replayed) ?? throw Errors.NotFound(NotFoundWhat);
        }

        var number = Require(session, caller, idOrArn);
        RequireClaimedHere(caller, number, "UpdatePhoneNumber");
        var target = ResolveTarget(session, caller, targetArn, instanceId);
        RequireTargetHere(caller, target, "UpdatePhoneNumber");
        // [choice] A number moved to another target loses its flow association (the flow belongs to the old instance).
        var flowId = target.Arn == number.TargetArn ? number.ContactFlowId : null;
        number = number with { TargetArn = target.Arn, InstanceId = target.InstanceId, TrafficDistributionGroupId = target.Group?.Id, ContactFlowId = flowId };
        session.Put(scope, number);
        Idempotency.Remember(session, caller, "UpdatePhoneNumber", clientToken, fingerprint, number.Id);
        return number;
    });

    public void Release(Caller caller, string idOrArn, string? clientToken) => store.Write(session =>
    {
        var fingerprint = idOrArn;
        if (Idempotency.Replay(session, caller, "ReleasePhoneNumber", clientToken, fingerprint) is not null)
        {
            return true;
        }

        var number = Require(session, caller, idOrArn);
        RequireClaimedHere(caller, number, "ReleasePhoneNumber");
        session.Delete<ClaimedPhoneNumber>(NumbersScope(caller.AccountId), number.Id);
        session.Put(NumbersScope(caller.AccountId), new CoolingPhoneNumber { Id = number.Id, PhoneNumber = number.PhoneNumber, ReleasedTime = caller.Now });
        Transitions.Schedule(session, settings, TransitionKinds.NumberCooldown, caller.AccountId, caller.Region, number.Id, caller.Now);
        Idempotency.Remember(session, caller, "ReleasePhoneNumber", clientToken, fingerprint, number.Id);
        return true;
    });

    /// <summary>The number-cooldown transition: the released number is back in the pool.</summary>
    internal static void FinishCooldown(IStoreSession session, string accountId, string numberId)
    {
        if (session.Get<CoolingPhoneNumber>(NumbersScope(accountId), numberId) is not null)
        {
            session.Delete<CoolingPhoneNumber>(NumbersScope(accountId), numberId);
        }
    }

    public static IReadOnlyList<ClaimedPhoneNumber> ClaimedTo(IStoreSession session, string accountId, string targetArn) =>
        session.All<ClaimedPhoneNumber>(NumbersScope(accountId)).Where(n => n.TargetArn == targetArn).ToList();

    /// <summary>Releases every number claimed to a target that is going away (an instance being deleted).</summary>
    public static void ReleaseClaimedTo(IStoreSession session, string accountId, string targetArn)
    {
        foreach (var number in ClaimedTo(session, accountId, targetArn))
        {
            session.Delete<ClaimedPhoneNumber>(NumbersScope(accountId), number.Id);
        }
    }

    /// <summary>For TagService: where a number named by ARN is stored, when the caller's Region can see it.</summary>
    public static ResourceScope? TagScope(IStoreSession session, Caller caller, Arns.Parsed arn, string id)
    {
        var scope = NumbersScope(caller.AccountId);
        var number = session.Get<ClaimedPhoneNumber>(scope, id);
        return number is not null && number.Region == arn.Region && Visible(session, number, caller.Region) ? scope : null;
    }

    /// <summary>The claimed number with this E.164 text in the account (the routing engine's "customer dials a number").</summary>
    public static ClaimedPhoneNumber? FindByNumber(IStoreSession session, string accountId, string phoneNumber) =>
        session.GetByName<ClaimedPhoneNumber>(NumbersScope(accountId), phoneNumber);

    internal static ResourceScope NumbersScope(string accountId) => new(accountId, "~all-regions", "phone-numbers");

    internal static ClaimedPhoneNumber Require(IStoreSession session, Caller caller, string idOrArn)
    {
        ClaimedPhoneNumber? number;
        if (idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            var arn = Arns.Parse(idOrArn);
            number = arn is not null && arn.Account == caller.AccountId && arn.ResourceParts is [ClaimedPhoneNumber.ArnSegment, var id]
                ? session.Get<ClaimedPhoneNumber>(NumbersScope(caller.AccountId), id)
                : null;
            if (number is not null && (number.Region != arn!.Region || !Visible(session, number, caller.Region)))
            {
                number = null;
            }
        }
        else
        {
            // A bare id names a number only in the Region where it was claimed.
            number = session.Get<ClaimedPhoneNumber>(NumbersScope(caller.AccountId), idOrArn);
            if (number is not null && number.Region != caller.Region)
            {
                number = null;
            }
        }

        return number ?? throw Errors.NotFound(NotFoundWhat);
    }

    private static bool Visible(IStoreSession session, ClaimedPhoneNumber number, string region)
    {
        if (number.Region == region)
        {
            return true;
        }

        return number.TrafficDistributionGroupId is { } groupId
            && session.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(number.AccountId, number.Region), groupId) is { } group
            && group.IsLinkedTo(region);
    }

    private sealed record Target(string Arn, string Region, string? InstanceId, TrafficDistributionGroup? Group);

    /// <summary>"You must enter InstanceId or TargetArn": an instance of the caller's Region, or a group it can see.</summary>
    private static Target ResolveTarget(IStoreSession session, Caller caller, string? targetArn, string? instanceId)
    {
        if (targetArn is null && instanceId is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumberTargetRequired);
        }

        if (targetArn is not null && instanceId is not null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumberTargetAmbiguous); // [choice]
        }

        if (instanceId is not null)
        {
            var instance = InstanceService.Require(session, caller, instanceId);
            return new Target(instance.Arn, caller.Region, instance.Id, null);
        }

        var arn = Arns.Parse(targetArn!);
        switch (arn?.ResourceParts)
        {
            case ["instance", _]:
                var instance = InstanceService.Require(session, caller, targetArn!);
                return new Target(instance.Arn, caller.Region, instance.Id, null);
            case [TrafficDistributionGroup.ArnSegment, _]:
                var group = TrafficDistributionService.Require(session, caller, targetArn!);
                if (group.Status is not (TrafficDistributionGroup.Active or TrafficDistributionGroup.UpdateInProgress))
                {
                    throw Errors.NotFound("Traffic distribution group"); // [choice] a group being created or deleted takes no numbers
                }

                return new Target(group.Arn, group.Region, null, group);
            default:
                throw Errors.NotFound("Resource");
        }
    }

    /// <summary>Claims and moves happen in the Region where the target was created.</summary>
    private static void RequireTargetHere(Caller caller, Target target, string operation)
    {
        if (target.Region != caller.Region)
        {
            throw Errors.InvalidParameter(ErrorTexts.TdgTargetOutsideItsRegion(operation, target.Region));
        }
    }

    private static void RequireClaimedHere(Caller caller, ClaimedPhoneNumber number, string operation)
    {
        if (number.Region != caller.Region)
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumberOperationOutsideItsRegion(operation, number.Region));
        }
    }

    /// <summary>"If provided, it must contain + as part of the country code."</summary>
    private static string? CheckPrefix(string? prefix)
    {
        if (prefix is not null && !prefix.StartsWith('+'))
        {
            throw Errors.InvalidParameter(ErrorTexts.InvalidPhoneNumberPrefix);
        }

        return prefix;
    }
}
