using System.Globalization;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.EmailAddresses;

/// <summary>An alias of an email address: the id of the address that forwards to it (AliasConfiguration).</summary>
public sealed record AliasConfiguration(string EmailAddressId);

/// <summary>
/// An email address of an instance (CreateEmailAddress): the address, a display name and a description; its alias, if
/// another address forwards to it. Members are named as the model names them; EmailAddressId/EmailAddressArn and
/// ModifiedTimestamp are shown, never stored.
/// </summary>
public sealed record ContactEmailAddress : InstanceResource, IResource<ContactEmailAddress>, ITaggable<ContactEmailAddress>
{
    public static string Kind => "email-address";

    public required string EmailAddress { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    /// <summary>The address that forwards to this one (at most one, per the model).</summary>
    public IReadOnlyList<AliasConfiguration>? AliasConfigurations { get; init; }

    /// <summary>When it was created, as the model's ISO8601Datetime string.</summary>
    public string? CreateTimestamp { get; init; }

    public string ModifiedTimestamp => EmailAddressRules.Iso(LastModifiedTime);

    public string EmailAddressId => Id;

    public string EmailAddressArn => Arn;

    /// <summary>
    /// [choice] Addresses are unique per instance ignoring case (mail systems treat the domain, and in practice the
    /// local part, without case); the unique key is the lower-cased address.
    /// </summary>
    public string Name => EmailAddress.ToLowerInvariant();

    public ContactEmailAddress WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>
/// The rules of email addresses beyond the routine ones: unique addresses, aliases (one per address, never chained,
/// removed with either address), and no delete while a queue sends from or offers the address.
/// LIMITATIONS: no mail is sent or received; the domain is not checked against verified SES domains (any domain the
/// model's pattern allows is accepted).
/// </summary>
public static class EmailAddressRules
{
    public static readonly ResourceType<ContactEmailAddress> Type = new()
    {
        ArnSegment = "email-address",
        Noun = "Email address",
        Plural = "email addresses",
        Quota = s => s.EmailAddressesPerInstance,
        QuotaError = DomainErrorKind.ServiceQuotaExceeded,
        // [choice] AWS does not list the searchable fields; these are the metadata members by their camel-case names.
        SearchFields =
        [
            SearchField<ContactEmailAddress>.Text("emailAddress", e => e.EmailAddress),
            SearchField<ContactEmailAddress>.Text("displayName", e => e.DisplayName),
            SearchField<ContactEmailAddress>.Text("description", e => e.Description),
            SearchField<ContactEmailAddress>.Id("resourceId", e => e.Id),
        ],
        BeforeDelete = BeforeDelete,
    };

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// [choice] An address a queue sends from (OutboundEmailConfig) or offers agents (AssociateQueueEmailAddresses)
    /// cannot be deleted: ResourceConflictException, which DeleteEmailAddress models. Its alias relationships go
    /// with it, as the model's prose says.
    /// </summary>
    private static void BeforeDelete(ResourceContext context, ContactEmailAddress address)
    {
        if (context.Session.All<Queue>(context.Scope)
                .FirstOrDefault(q => q.OutboundEmailAddressId == address.Id || q.EmailAddressIds.Contains(address.Id)) is { } queue)
        {
            throw Errors.Conflict(ErrorTexts.InUseBy("Email address", "queue", queue.Name ?? string.Empty));
        }

        foreach (var primary in context.Session.All<ContactEmailAddress>(context.Scope)
                     .Where(e => e.AliasConfigurations?.Any(a => a.EmailAddressId == address.Id) == true).ToList())
        {
            context.Session.Put(context.Scope, primary with { AliasConfigurations = null });
        }
    }

    /// <summary>The email address named by id or ARN in the instance, or "Email address not found".</summary>
    public static ContactEmailAddress Require(ResourceContext context, string idOrArn) =>
        Type.Require(context.Session, context.Caller, context.Instance.Id, idOrArn);
}

/// <summary>The hand-written email-address operations: create (with its timestamp), describe, and aliases.</summary>
public sealed class EmailAddressService(IConnectStore store, ConnectSettings settings)
{
    private readonly ResourceOperations<ContactEmailAddress> _addresses = new(store, settings, EmailAddressRules.Type);

    public ContactEmailAddress Create(Caller caller, string instanceIdOrArn, string emailAddress, string? displayName, string? description, IReadOnlyDictionary<string, string> tags) =>
        _addresses.Create(caller, instanceIdOrArn, _ => new ContactEmailAddress
        {
            EmailAddress = emailAddress,
            DisplayName = displayName,
            Description = description,
            CreateTimestamp = EmailAddressRules.Iso(caller.Now),
            Tags = tags,
        });

    public ContactEmailAddress Describe(Caller caller, string instanceIdOrArn, string idOrArn) => _addresses.Describe(caller, instanceIdOrArn, idOrArn);

    /// <summary>
    /// AssociateEmailAddressAlias: <paramref name="aliasIdOrArn"/> forwards to the primary. The model's prose: one alias
    /// per address, no alias of an alias. [choice] An address that already has an alias, or an alias already
    /// forwarding elsewhere, is ResourceConflictException; an alias of itself or a chain is InvalidRequestException.
    /// The primary's LastModifiedTime is stamped.
    /// </summary>
    public void AssociateAlias(Caller caller, string instanceIdOrArn, string primaryIdOrArn, string aliasIdOrArn) =>
        _addresses.Update(caller, instanceIdOrArn, primaryIdOrArn, (context, primary) =>
        {
            var alias = EmailAddressRules.Require(context, aliasIdOrArn);
            var all = context.Session.All<ContactEmailAddress>(context.Scope).ToList();
            if (alias.Id == primary.Id)
            {
                throw Errors.InvalidRequest(ErrorTexts.EmailAliasOfItself);
            }

            if (primary.AliasConfigurations is { Count: > 0 } existing)
            {
                if (existing[0].EmailAddressId == alias.Id)
                {
                    return primary;
                }

                throw Errors.Conflict(ErrorTexts.EmailAliasTaken(primary.EmailAddress));
            }

            if (all.FirstOrDefault(e => e.AliasConfigurations?.Any(a => a.EmailAddressId == alias.Id) == true) is { } other)
            {
                throw Errors.Conflict(ErrorTexts.EmailAliasElsewhere(alias.EmailAddress, other.EmailAddress));
            }

            if (alias.AliasConfigurations is { Count: > 0 } || all.Any(e => e.AliasConfigurations?.Any(a => a.EmailAddressId == primary.Id) == true))
            {
                throw Errors.InvalidRequest(ErrorTexts.EmailAliasChain);
            }

            return primary with { AliasConfigurations = [new AliasConfiguration(alias.Id)] };
        });

    /// <summary>DisassociateEmailAddressAlias. [choice] Naming an address that is not the primary's alias is ResourceConflictException.</summary>
    public void DisassociateAlias(Caller caller, string instanceIdOrArn, string primaryIdOrArn, string aliasIdOrArn) =>
        _addresses.Update(caller, instanceIdOrArn, primaryIdOrArn, (context, primary) =>
        {
            var alias = EmailAddressRules.Require(context, aliasIdOrArn);
            return primary.AliasConfigurations?.Any(a => a.EmailAddressId == alias.Id) == true
                ? primary with { AliasConfigurations = null }
                : throw Errors.Conflict(ErrorTexts.EmailNotAlias(alias.EmailAddress, primary.EmailAddress));
        });
}

/// <summary>
/// A queue's email addresses: the default outbound one (UpdateQueueOutboundEmailConfig, or CreateQueue's
/// OutboundEmailConfig) and up to 49 more agents may send from (AssociateQueueEmailAddresses), 50 in all (model prose).
/// </summary>
public sealed class QueueEmailAddressService(IConnectStore store, ConnectSettings settings)
{
    public const int MaxPerQueue = 50;

    private readonly ResourceOperations<Queue> _queues = new(store, settings, ResourceTypes.Queue);

    /// <summary>
    /// Adds the addresses (each resolved by id or ARN) the queue lacks. [choice] Naming one already associated, or the
    /// queue's outbound one, changes nothing; past 50 in all (the outbound one included) is LimitExceededException.
    /// </summary>
    public void Associate(Caller caller, string instanceIdOrArn, string queueIdOrArn, IReadOnlyList<string> idsOrArns) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) =>
        {
            var added = idsOrArns.Select(id => EmailAddressRules.Require(context, id).Id).Where(id => id != queue.OutboundEmailAddressId);
            var all = queue.EmailAddressIds.Union(added, StringComparer.Ordinal).ToList();
            return all.Count + (queue.OutboundEmailAddressId is null ? 0 : 1) > MaxPerQueue
                ? throw Errors.Limit(ErrorTexts.EmailAddressesPerQueue(MaxPerQueue))
                : queue with { EmailAddressIds = all };
        });

    /// <summary>
    /// [choice] Each named address must exist (ResourceNotFoundException otherwise); one the queue does not offer is
    /// ignored. The outbound address is not removed by this operation (UpdateQueueOutboundEmailConfig sets it).
    /// </summary>
    public void Disassociate(Caller caller, string instanceIdOrArn, string queueIdOrArn, IReadOnlyList<string> idsOrArns) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) =>
        {
            var removed = idsOrArns.Select(id => EmailAddressRules.Require(context, id).Id).ToHashSet(StringComparer.Ordinal);
            return queue with { EmailAddressIds = queue.EmailAddressIds.Where(id => !removed.Contains(id)).ToList() };
        });

    /// <summary>
    /// Sets the default outbound address (resolved by id or ARN, stored as its id). [choice] An address the queue
    /// already offers becomes the outbound one and leaves the associated list, so the 50 are never exceeded.
    /// </summary>
    public void UpdateOutbound(Caller caller, string instanceIdOrArn, string queueIdOrArn, string? idOrArn) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) =>
        {
            if (idOrArn is null)
            {
                // [choice] OutboundEmailConfig without an address clears the outbound address.
                return queue with { OutboundEmailAddressId = null };
            }

            var id = EmailAddressRules.Require(context, idOrArn).Id;
            return queue with { OutboundEmailAddressId = id, EmailAddressIds = queue.EmailAddressIds.Where(e => e != id).ToList() };
        });

    /// <summary>ListQueueEmailAddresses: the outbound address and the associated ones, in id order.</summary>
    public (Page<(ContactEmailAddress Address, bool Outbound)> Page, Queue Queue) List(Caller caller, string instanceIdOrArn, string queueIdOrArn, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var queue = ResourceTypes.Queue.Require(session, caller, instance.Id, queueIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            var ids = (queue.OutboundEmailAddressId is { } outbound ? [outbound] : Array.Empty<string>())
                .Concat(queue.EmailAddressIds).Order(StringComparer.Ordinal);
            var entries = ids.Select(id => session.Get<ContactEmailAddress>(scope, id)).OfType<ContactEmailAddress>()
                .Select(e => (Address: e, Outbound: e.Id == queue.OutboundEmailAddressId)).ToList();
            return (Paging.Slice(session, scope, "queue-email-addresses/" + queue.Id, entries, e => e.Address.Id, nextToken, pageSize), queue);
        });

    /// <summary>CreateQueue's email addresses, resolved in the instance (ids), each once.</summary>
    internal static (string? Outbound, List<string> Associated) Resolve(ResourceContext context, string? outbound, IReadOnlyList<string> associated)
    {
        var outboundId = outbound is null ? null : EmailAddressRules.Require(context, outbound).Id;
        var ids = associated.Select(id => EmailAddressRules.Require(context, id).Id).Where(id => id != outboundId).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count + (outboundId is null ? 0 : 1) > MaxPerQueue
            ? throw Errors.Limit(ErrorTexts.EmailAddressesPerQueue(MaxPerQueue))
            : (outboundId, ids);
    }
}
