namespace ConnectLocal.Core.Routing;

/// <summary>What contact flows ask of the engine (Flows/Interpreter): beyond queuing, a contact that ends in its flow and a new routing order.</summary>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// A contact whose flow ended it before it reached a queue (DisconnectParticipant, a closed branch that hangs up):
    /// it exists, ended, so that DescribeContact shows it like any other contact. StopContact on a contact paused in its
    /// inbound flow ends it the same way, <see cref="ContactEnd.Stopped"/>.
    /// </summary>
    public RoutedContact EndInFlow(string? id, string region, RoutingChannel channel, ContactInitiation initiation, object? tag,
        ContactEnd end = ContactEnd.Disconnected)
    {
        Begin();
        var contact = NewContact(id, RegionIndex(region), region, channel, initiation, tag);
        Finish(contact, end);
        return contact;
    }

    /// <summary>A flow disconnects a contact waiting in queue (a customer queue flow's DisconnectParticipant).</summary>
    public bool DisconnectQueued(RoutedContact contact)
    {
        Begin();
        if (contact.State != ContactState.Queued)
        {
            return false;
        }

        return Disconnect(contact, ContactEnd.Disconnected);
    }

    /// <summary>
    /// UpdateContactRoutingBehavior on a contact already waiting: its routing priority and time adjustment change, and it
    /// takes its new place in its queue. A contact not waiting keeps them for its next queue.
    /// </summary>
    public void SetRoutingOrder(RoutedContact contact, long priority, TimeSpan ageAdjustment)
    {
        Begin();
        var waiting = contact.State == ContactState.Queued && contact.HeapSlot >= 0 ? contact.QueueRef!.Waiting(contact.RegionIndex, contact.Channel) : null;
        waiting?.Remove(contact);
        contact.Priority = priority;
        contact.AgeAdjustmentTicks = ageAdjustment.Ticks;
        waiting?.Insert(contact);
    }

    /// <summary>The contacts waiting in the queue in the Region, all channels together (a queue's MaxContacts counts them all).</summary>
    public int WaitingInQueue(string region, string queueId)
    {
        // One lookup of the queue and Region for all channels (TransferContactToQueue checks this for every contact).
        if (!_regionIndex.TryGetValue(region, out var r) || !_queues.TryGetValue(queueId, out var queue))
        {
            return 0;
        }

        var total = 0;
        for (var channel = 0; channel < RoutingChannels.Count; channel++)
        {
            total += queue.WaitingIfAny(r, channel)?.Count ?? 0;
        }

        return total;
    }

    /// <summary>Contacts waiting in the target's queue and Region now, all channels.</summary>
    public int WaitingIn(RoutingTarget target)
    {
        var total = 0;
        for (var channel = 0; channel < RoutingChannels.Count; channel++)
        {
            total += target.Queue.WaitingIfAny(target.RegionIndex, channel)?.Count ?? 0;
        }

        return total;
    }

    /// <summary>Whether a target made earlier still names a queue the engine knows (an agent queue goes with its agent).</summary>
    public bool IsCurrent(RoutingTarget target) => !target.Queue.Removed;

    /// <summary>Queues a contact with its routing priority, age adjustment and routing criteria (a flow's), and offers it at once if an agent can take it.</summary>
    public RoutedContact Enqueue(RoutingTarget target, RoutingChannel channel, ContactInitiation initiation, long patienceTicks, string? id, object? tag, long priority, TimeSpan ageAdjustment,
        RoutingCriteria? criteria = null)
    {
        if (priority == RoutedContact.DefaultPriority && ageAdjustment == TimeSpan.Zero && criteria is null)
        {
            return Enqueue(target, channel, initiation, patienceTicks, id, tag);
        }

        Begin();
        var contact = NewContact(id, target.RegionIndex, target.Region, channel, initiation, tag);
        contact.QueueRef = target.Queue;
        contact.Priority = priority;
        contact.AgeAdjustmentTicks = ageAdjustment.Ticks;
        contact.Progress = criteria is null ? null : new CriteriaProgress(criteria, 0);
        Queue(contact, patienceTicks);
        return contact;
    }
}
