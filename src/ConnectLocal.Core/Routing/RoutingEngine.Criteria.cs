namespace ConnectLocal.Core.Routing;

/// <summary>
/// Routing criteria (proficiency routing, docs/routing.md "Routing criteria"): a contact may carry steps, each an
/// expression over agents' proficiencies with an optional expiry. The criteria activate when the contact is queued
/// (in a standard queue: "Routing criteria set on the contact will not take effect if the contact is transferred into
/// an agent queue"); while a step is active only agents satisfying it are offered the contact; when the step expires
/// the next applies, and when all have expired any agent of the queue may take it. A contact without criteria never
/// reaches this code: its <see cref="RoutedContact.Requirement"/> is null and the decisions read the first agent of a
/// pool and the first contact of a queue as before.
/// </summary>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// UpdateContactRoutingData / a customer queue flow's UpdateRoutingCriteria: replaces the contact's routing
    /// criteria (null: removes them). On a waiting contact they take effect at once (its first step active from now,
    /// [choice]), and it is offered to an agent now if one satisfies them; on a scheduled contact they activate when
    /// it is queued. False when the contact is no longer waiting (offered, connected or ended).
    /// </summary>
    public bool SetRoutingCriteria(RoutedContact contact, RoutingCriteria? criteria)
    {
        Begin();
        if (contact.State is not (ContactState.Queued or ContactState.Scheduled))
        {
            return false;
        }

        var old = contact.Progress;
        contact.Progress = criteria is null ? null : new CriteriaProgress(criteria, old is null ? 0 : old.Index + 1);
        contact.Requirement = null;
        if (contact.State == ContactState.Queued)
        {
            if (contact.Progress is not null)
            {
                ActivateCriteria(contact);
            }

            TryMatchContact(contact);
        }

        return true;
    }

    /// <summary>The contact's routing criteria as they stand now; null when it has none.</summary>
    public static RoutingCriteriaState? CriteriaOf(RoutedContact contact)
    {
        if (contact.Progress is not { } progress)
        {
            return null;
        }

        var criteria = progress.Criteria;
        var activated = progress.ActivatedTicks > 0;
        var steps = new List<RoutingStepState>(criteria.Steps.Count);
        var since = progress.ActivatedTicks;
        for (var i = 0; i < criteria.Steps.Count; i++)
        {
            var step = criteria.Steps[i];
            var reached = activated && !progress.Inert && i <= progress.Step;
            var status = !reached ? RoutingStepStatus.Inactive
                : i < progress.Step ? RoutingStepStatus.Expired
                : contact.AgentRef is not null ? RoutingStepStatus.Joined
                : RoutingStepStatus.Active;
            var start = i == progress.Step ? progress.StepTicks : since;
            DateTimeOffset? expires = reached && step.Expiry is { } expiry ? new DateTimeOffset(start + expiry.Ticks, TimeSpan.Zero) : null;
            steps.Add(new RoutingStepState(step, status, expires));
            since = start + (step.Expiry?.Ticks ?? 0);
        }

        return new RoutingCriteriaState(steps, activated ? new DateTimeOffset(progress.ActivatedTicks, TimeSpan.Zero) : null, progress.Index);
    }

    /// <summary>The contact enters its queue now: its first step is active (in a standard queue).</summary>
    private void ActivateCriteria(RoutedContact contact)
    {
        var progress = contact.Progress!;
        progress.ActivatedTicks = _now;
        progress.Inert = contact.QueueRef!.Owner is not null;
        if (!progress.Inert)
        {
            StartStep(contact, 0, _now);
        }
    }

    private void StartStep(RoutedContact contact, int index, long startTicks)
    {
        var progress = contact.Progress!;
        var steps = progress.Criteria.Steps;
        progress.Step = index;
        progress.StepTicks = startTicks;
        progress.Stamp = ++_stepStamps;
        if (index >= steps.Count)
        {
            contact.Requirement = null; // all steps exhausted: any agent of the queue
            return;
        }

        contact.Requirement = steps[index].Expression;
        if (steps[index].Expiry is { } expiry)
        {
            _timers.Push(startTicks + expiry.Ticks, new Timer(TimerKind.StepExpired, contact, progress.Stamp));
        }
    }

    /// <summary>A step's expiry passed: the next step applies, and a waiting contact is tried again.</summary>
    private void StepExpired(RoutedContact contact, long stamp)
    {
        if (contact.Progress is not { } progress || progress.Stamp != stamp || contact.State != ContactState.Queued)
        {
            // Replaced criteria, or ringing at an agent: a rejected contact checks its expiry when it returns.
            return;
        }

        StartStep(contact, progress.Step + 1, _now);
        TryMatchContact(contact);
    }

    /// <summary>A contact back in its queue (rejected) moves past the steps that expired while it rang.</summary>
    private void PassExpiredSteps(RoutedContact contact)
    {
        var progress = contact.Progress!;
        var steps = progress.Criteria.Steps;
        while (contact.Requirement is not null && steps[progress.Step].Expiry is { } expiry && progress.StepTicks + expiry.Ticks <= _now)
        {
            StartStep(contact, progress.Step + 1, progress.StepTicks + expiry.Ticks);
        }
    }

    /// <summary>
    /// The best contact of a queue's waiting contacts that the agent may take: the first, unless its routing criteria
    /// exclude the agent; then the best of those whose criteria the agent satisfies and who waited the delay.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private RoutedContact? FirstFor(RoutedAgent agent, ContactHeap? waiting, long delayTicks)
    {
        var head = waiting?.Peek();
        if (head is null || _now - head.EnqueuedTicks < delayTicks)
        {
            return null;
        }

        return head.Requirement is null ? head : FirstWithCriteria(agent, waiting!, head, delayTicks);
    }

    private RoutedContact? FirstWithCriteria(RoutedAgent agent, ContactHeap waiting, RoutedContact head, long delayTicks)
    {
        if (head.Requirement!.Holds(agent))
        {
            return head;
        }

        RoutedContact? best = null;
        for (var i = 0; i < waiting.Count; i++)
        {
            var contact = waiting.At(i);
            if ((best is null || ContactHeap.Before(contact, best)) && _now - contact.EnqueuedTicks >= delayTicks
                && (contact.Requirement is null || contact.Requirement.Holds(agent)))
            {
                best = contact;
            }
        }

        return best;
    }
}
