namespace ConnectLocal.Core.Routing;

/// <summary>
/// Global routing of Global Resiliency (docs/global-resiliency.md, "Global routing"): with
/// <see cref="CrossRegionRouting"/> on, a contact waiting in one Region may be offered to an available agent signed in
/// to the linked Region. [choice] The contact's own Region is always tried first: the linked Region is tried only
/// when no agent of the contact's Region can take the contact now, and an agent that becomes available takes the
/// contacts of its own Region before those waiting in the linked one. The contact stays a contact of the Region it
/// arrived in (its queue metrics and DescribeContact there). Contacts of an agent's own queue are not routed across
/// Regions. With it off (isolated), each Region routes only its own contacts.
/// </summary>
public sealed partial class RoutingEngine
{
    /// <summary>Whether contacts may be offered to agents of the other Region (false: isolated). Takes effect at the next routing decision.</summary>
    public bool CrossRegionRouting { get; set; }

    /// <summary>The longest-idle agent of another Region who can take the contact now, or null.</summary>
    private RoutedAgent? CrossRegionAgent(RoutedContact contact)
    {
        if (!CrossRegionRouting || _regions.Count < 2 || contact.QueueRef is not { Owner: null } queue)
        {
            return null;
        }

        var channel = (int)contact.Channel;
        var waited = _now - contact.EnqueuedTicks;
        RoutedAgent? best = null;
        for (var region = 0; region < _regions.Count; region++)
        {
            if (region == contact.RegionIndex)
            {
                continue;
            }

            foreach (var server in queue.Servers[channel])
            {
                if (server.DelayTicks > waited || server.Profile.PoolIfAny(region, channel) is not { Count: > 0 } pool)
                {
                    continue;
                }

                var candidate = contact.Requirement is null ? pool.Peek() : pool.First(contact.Requirement);
                if (candidate is not null && (best is null || AgentHeap.Before(candidate, best)))
                {
                    best = candidate;
                }
            }
        }

        return best;
    }

    /// <summary>The best contact waiting in another Region that the agent may take (priority, then longest wait), or null.</summary>
    private RoutedContact? CrossRegionContact(RoutedAgent agent)
    {
        if (!CrossRegionRouting || _regions.Count < 2 || agent.Profile is not { } profile)
        {
            return null;
        }

        RoutedContact? best = null;
        var bestPriority = int.MaxValue;
        for (var region = 0; region < _regions.Count; region++)
        {
            if (region == agent.RegionIndex)
            {
                continue;
            }

            foreach (var config in profile.Queues)
            {
                if (config.Priority > bestPriority)
                {
                    break;
                }

                if (agent.PoolOf[(int)config.Channel] is null
                    || FirstFor(agent, config.Queue.WaitingIfAny(region, (int)config.Channel), config.DelayTicks) is not { } head)
                {
                    continue;
                }

                if (Better(head, config.Priority, best, bestPriority))
                {
                    best = head;
                    bestPriority = config.Priority;
                }
            }
        }

        return best;
    }
}
