namespace ConnectLocal.Core.Routing;

/// <summary>
/// Pausing a contact (PauseContact, ResumeContact; the Administrator Guide's "Pause and resume tasks"): a paused
/// contact waiting in a queue leaves it (it is offered to nobody and not counted as in queue) and a paused contact
/// connected to an agent frees the agent's slot (the agent may take other work) while the agent still holds it.
/// Resumed, a contact goes back to its queue in its old place (its wait still counts from when it was first queued)
/// [choice], or takes its agent's slot again, even past the channel's concurrency [choice] (the agent is then offered
/// nothing more on the channel until a slot is free). Ending a paused contact ends it as if it had been resumed first.
/// </summary>
public sealed partial class RoutingEngine
{
    /// <summary>Pauses a queued or connected contact; false when it is neither, or already paused.</summary>
    public bool Pause(RoutedContact contact)
    {
        Begin();
        if (contact.Paused || contact.State is not (ContactState.Queued or ContactState.Connected))
        {
            return false;
        }

        contact.Paused = true;
        if (contact.State == ContactState.Queued)
        {
            if (contact.HeapSlot >= 0)
            {
                contact.QueueRef!.Waiting(contact.RegionIndex, contact.Channel).Remove(contact);
            }

            return true;
        }

        var agent = contact.AgentRef!;
        agent.Active[(int)contact.Channel]--;
        Refresh(agent);
        TryMatchAgent(agent);
        return true;
    }

    /// <summary>Resumes a paused contact; false when it is not paused.</summary>
    public bool Resume(RoutedContact contact)
    {
        Begin();
        if (!contact.Paused)
        {
            return false;
        }

        Unpause(contact);
        if (contact.State == ContactState.Queued && !TryMatchContact(contact))
        {
            contact.QueueRef!.Waiting(contact.RegionIndex, contact.Channel).Insert(contact);
        }

        return true;
    }

    /// <summary>
    /// Clears the pause: a connected contact takes its agent's slot again (a queued one is put back by the caller).
    /// Called before a paused contact ends, so that ending it frees what it holds exactly once.
    /// </summary>
    private void Unpause(RoutedContact contact)
    {
        contact.Paused = false;
        if (contact.AgentRef is { } agent && contact.State is ContactState.Connected)
        {
            agent.Active[(int)contact.Channel]++;
            Refresh(agent);
        }
    }
}
