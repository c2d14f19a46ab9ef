using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.RoutingProfiles;

/// <summary>One row of ListRoutingProfileManualAssignmentQueues: the queue and channel with the queue's ARN and name.</summary>
public sealed record ManualAssignmentQueueView(ManualAssignmentQueue Queue, string QueueArn, string? QueueName);

/// <summary>
/// Manual-assignment queues of routing profiles (issue 15): the queues and channels from which agents and supervisors
/// pick or assign contacts in the Worklist app. They are a list of their own beside the routed queue configs and are
/// never used by the routing engine (contacts are not offered from them).
/// Rules: each names a standard queue of the instance, by id or ARN (stored as the id); VOICE is refused (the model's
/// RoutingProfileManualAssignmentQueueConfigSummary: "VOICE is not supported"). [choice] A queue+channel pair named
/// twice in one call, or already associated, is InvalidParameterException (as for routed queues); a pair may be both
/// routed and manual; the manual list has its own limit of QueuesPerRoutingProfile pairs.
/// </summary>
public static class ManualAssignmentQueues
{
    public const string UnsupportedChannel = "VOICE";

    /// <summary>The references resolved in the instance, checked against each other (a new list for Create, added ones for Associate).</summary>
    public static List<ManualAssignmentQueue> Resolve(ResourceContext context, IReadOnlyList<ProfileQueueReference> references)
    {
        var resolved = new List<ManualAssignmentQueue>();
        foreach (var reference in references)
        {
            if (reference.Channel == UnsupportedChannel)
            {
                throw Errors.InvalidParameter(ErrorTexts.ManualAssignmentVoice);
            }

            var queue = ResourceTypes.Queue.Find(context.Session, context.Caller, context.Instance.Id, reference.QueueId);
            if (queue is null || queue.QueueType != Queue.Standard)
            {
                throw Errors.NotFound($"Queue {reference.QueueId}");
            }

            var item = new ManualAssignmentQueue(queue.Id, reference.Channel);
            if (resolved.Contains(item))
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueChannelRepeated(reference.QueueId, reference.Channel));
            }

            resolved.Add(item);
        }

        return resolved;
    }

    /// <summary>Adds pairs the profile lacks; one it has is refused.</summary>
    public static RoutingProfile Associate(ResourceContext context, RoutingProfile profile, IReadOnlyList<ProfileQueueReference> references)
    {
        var added = Resolve(context, references);
        if (added.FirstOrDefault(profile.ManualAssignmentQueues.Contains) is { } existing)
        {
            throw Errors.InvalidParameter(ErrorTexts.ManualQueueAlreadyAssociated(existing.QueueId, existing.Channel));
        }

        return Limited(context, profile with { ManualAssignmentQueues = [.. profile.ManualAssignmentQueues, .. added] });
    }

    /// <summary>Removes pairs by queue (id or ARN) and channel; a pair the profile does not have is refused.</summary>
    public static RoutingProfile Disassociate(ResourceContext context, RoutingProfile profile, IReadOnlyList<ProfileQueueReference> references)
    {
        var removed = new List<ManualAssignmentQueue>();
        foreach (var reference in references)
        {
            var id = ResourceTypes.Queue.IdFrom(reference.QueueId, context.Caller, context.Instance.Id) ?? reference.QueueId;
            var item = new ManualAssignmentQueue(id, reference.Channel);
            if (removed.Contains(item))
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueChannelRepeated(reference.QueueId, reference.Channel));
            }

            if (!profile.ManualAssignmentQueues.Contains(item))
            {
                throw Errors.InvalidParameter(ErrorTexts.ManualQueueNotAssociated(reference.QueueId, reference.Channel));
            }

            removed.Add(item);
        }

        return profile with { ManualAssignmentQueues = profile.ManualAssignmentQueues.Where(q => !removed.Contains(q)).ToList() };
    }

    /// <summary>A new profile's list, within the limit.</summary>
    public static RoutingProfile WithInitial(ResourceContext context, RoutingProfile profile, IReadOnlyList<ProfileQueueReference> references) =>
        references.Count == 0 ? profile : Limited(context, profile with { ManualAssignmentQueues = Resolve(context, references) });

    /// <summary>ListRoutingProfileManualAssignmentQueues: ordered by queue id, then channel; tokens bound to the profile.</summary>
    public static (Page<ManualAssignmentQueueView> Page, RoutingProfile Profile) List(IConnectStore store, Caller caller, string instanceIdOrArn, string profileIdOrArn, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            var profile = ResourceTypes.RoutingProfile.Require(session, caller, instance.Id, profileIdOrArn);
            var ordered = profile.ManualAssignmentQueues.OrderBy(Key, StringComparer.Ordinal).ToList();
            var page = Paging.Slice(session, scope, $"routing-profile-manual-queues/{profile.Id}", ordered, Key, nextToken, pageSize);
            var views = page.Items.Select(q => new ManualAssignmentQueueView(
                q, Arns.InInstance(caller.Region, caller.AccountId, instance.Id, "queue", q.QueueId), session.Get<Queue>(scope, q.QueueId)?.Name)).ToList();
            return (new Page<ManualAssignmentQueueView>(views, page.NextToken), profile);

            static string Key(ManualAssignmentQueue q) => q.QueueId + "/" + q.Channel;
        });

    private static RoutingProfile Limited(ResourceContext context, RoutingProfile profile) =>
        profile.ManualAssignmentQueues.Count > context.Settings.QueuesPerRoutingProfile
            ? throw Errors.InvalidParameter(ErrorTexts.ManualQueuesPerRoutingProfile(context.Settings.QueuesPerRoutingProfile))
            : profile;
}
