using ConnectLocal.Core.Routing;
using static ConnectLocal.Tests.Routing.EngineFixture;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// One deterministic scenario per routing rule of behaviour doc §4 (and the cross-channel rules of §3): a virtual
/// clock, a handful of agents, and the exact agent or contact the rule picks.
/// </summary>
public sealed class RoutingRuleTests
{
    [Fact]
    public void Contact_goes_to_the_agent_idle_longest()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("recent", "voice", since: Start.AddMinutes(-1));
        f.Agent("longest", "voice", since: Start.AddMinutes(-10));
        f.Agent("middle", "voice", since: Start.AddMinutes(-5));

        var first = f.Contact("support");
        var second = f.Contact("support");
        var third = f.Contact("support");

        Assert.Equal(["longest", "middle", "recent"], new[] { first, second, third }.Select(c => c.Agent!.UserId));
    }

    [Fact]
    public void Finishing_a_contact_restarts_the_idle_clock()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("a", "voice", since: Start.AddMinutes(-10));
        f.Agent("b", "voice", since: Start.AddMinutes(-5));
        var call = f.Contact("support");
        Assert.Equal("a", call.Agent!.UserId);

        f.Advance(60);
        f.Finish(call);

        // a just finished (idle since 09:01); b has been idle since 08:55.
        Assert.Equal("b", f.Contact("support").Agent!.UserId);
        Assert.Equal("a", f.Contact("support").Agent!.UserId);
    }

    [Fact]
    public void Agent_takes_the_lowest_priority_number_first_then_the_longest_waiting()
    {
        var f = new EngineFixture();
        f.Engine.SetRoutingProfile(Profile("p", [Media("VOICE", 1)], [Serves("low", "VOICE", priority: 2), Serves("high", "VOICE", priority: 1), Serves("high2", "VOICE", priority: 1)]));
        f.Agent("agent", "p");
        var busy = f.Contact("low");
        var oldLow = f.Contact("low");
        f.Advance(10);
        var high = f.Contact("high");
        f.Advance(10);
        var olderHigh2 = f.Contact("high2");
        f.Advance(10);
        var newHigh = f.Contact("high");

        var order = new List<RoutedContact>();
        foreach (var _ in Enumerable.Range(0, 4))
        {
            var current = f.Engine.FindAgent("agent")!.Contacts.Single();
            f.Finish(current);
            order.Add(f.Engine.FindAgent("agent")!.Contacts.Single());
        }

        Assert.Equal("agent", busy.Agent!.UserId);
        // Priority 1 before priority 2 although the priority-2 contact waited longest; FIFO across the two
        // priority-1 queues (high at +10 s, high2 at +20 s, high again at +30 s).
        Assert.Equal([high, olderHigh2, newHigh, oldLow], order);
    }

    [Fact]
    public void Queue_delay_holds_a_contact_back_from_a_profile_until_it_has_waited_that_long()
    {
        var f = new EngineFixture();
        f.VoiceProfile("overflow", "support", delaySeconds: 30);
        f.Agent("backup", "overflow");

        var call = f.Contact("support");
        f.Advance(29);
        Assert.Equal(ContactState.Queued, call.State);

        f.Advance(1);
        Assert.Equal(ContactState.Connected, call.State);
        Assert.Equal("backup", call.Agent!.UserId);
        Assert.Equal(TimeSpan.FromSeconds(30), call.Wait);
    }

    [Fact]
    public void Profile_without_delay_is_offered_first_even_when_the_delayed_profiles_agent_is_idle_longer()
    {
        var f = new EngineFixture();
        f.VoiceProfile("primary", "support");
        f.VoiceProfile("overflow", "support", delaySeconds: 20);
        f.Agent("overflow-agent", "overflow", since: Start.AddHours(-1));
        f.Agent("primary-agent", "primary", since: Start);

        Assert.Equal("primary-agent", f.Contact("support").Agent!.UserId);

        var second = f.Contact("support");
        Assert.Equal(ContactState.Queued, second.State);
        f.Advance(20);
        Assert.Equal("overflow-agent", second.Agent!.UserId);
    }

    [Fact]
    public void Higher_priority_queue_whose_delay_has_not_passed_does_not_block_a_lower_priority_one()
    {
        var f = new EngineFixture();
        f.Engine.SetRoutingProfile(Profile("p", [Media("VOICE", 1)], [Serves("vip", "VOICE", priority: 1, delaySeconds: 30), Serves("general", "VOICE", priority: 5)]));
        f.Agent("agent", "p");
        var busy = f.Contact("general");
        var vip = f.Contact("vip");
        var general = f.Contact("general");
        var general2 = f.Contact("general");

        f.Advance(10);
        f.Finish(busy);
        Assert.Equal("agent", general.Agent?.UserId); // vip has waited 10 s of its 30 s delay

        f.Advance(30);
        f.Finish(general);
        Assert.Equal("agent", vip.Agent?.UserId); // now its delay has passed and priority 1 wins over the older general2
        Assert.Equal(ContactState.Queued, general2.State);
    }

    [Fact]
    public void Agents_own_queue_comes_before_every_other_queue()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support", priority: 1);
        f.Agent("agent", "voice");
        var busy = f.Contact("support");
        var older = f.Contact("support");
        f.Advance(5);
        var transfer = f.Contact("agent"); // the agent's own queue has the user's id

        f.Finish(busy);

        Assert.Equal("agent", transfer.Agent!.UserId);
        Assert.Equal(ContactState.Queued, older.State);
    }

    [Fact]
    public void Contact_in_an_agents_own_queue_goes_only_to_that_agent()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("other", "voice", since: Start.AddHours(-1));
        f.Agent("target", "voice", routable: false);

        var personal = f.Contact("target");
        Assert.Equal(ContactState.Queued, personal.State);

        f.Agent("target", "voice", since: Start.AddMinutes(1));
        Assert.Equal("target", personal.Agent!.UserId);
    }

    [Fact]
    public void Channel_concurrency_limits_how_many_contacts_an_agent_holds_at_once()
    {
        var f = new EngineFixture();
        f.Engine.SetRoutingProfile(Profile("chat", [Media("CHAT", 2)], [Serves("chats", "CHAT")]));
        f.Agent("agent", "chat");

        var chats = Enumerable.Range(0, 3).Select(_ => f.Contact("chats", RoutingChannel.Chat)).ToList();

        Assert.Equal([ContactState.Connected, ContactState.Connected, ContactState.Queued], chats.Select(c => c.State));
        Assert.Equal(2, f.Engine.FindAgent("agent")!.ActiveSlots(RoutingChannel.Chat));
        f.Advance(60);
        f.Finish(chats[0]);
        Assert.Equal(ContactState.Connected, chats[2].State);
    }

    [Fact]
    public void Voice_set_to_route_any_channel_lets_an_agent_on_a_call_be_offered_chats()
    {
        var (anyChannel, chatWhileOnCall) = CallThenChat("ROUTE_ANY_CHANNEL");
        var (currentOnly, chatBlocked) = CallThenChat("ROUTE_CURRENT_CHANNEL_ONLY");
        var (absent, chatBlockedToo) = CallThenChat(null);

        Assert.Equal(ContactState.Connected, chatWhileOnCall.State);
        Assert.Equal(ContactState.Queued, chatBlocked.State);
        Assert.Equal(ContactState.Queued, chatBlockedToo.State); // absent means current channel only
        Assert.Equal(1, anyChannel.AvailableSlots(RoutingChannel.Chat));
        Assert.Equal(0, currentOnly.AvailableSlots(RoutingChannel.Chat));
        Assert.Equal(0, absent.AvailableSlots(RoutingChannel.Chat));

        static (RoutedAgent Agent, RoutedContact Chat) CallThenChat(string? voiceBehaviour)
        {
            var f = new EngineFixture();
            f.Engine.SetRoutingProfile(Profile("p", [Media("VOICE", 1, voiceBehaviour), Media("CHAT", 2)], [Serves("q", "VOICE"), Serves("q", "CHAT")]));
            f.Agent("agent", "p");
            Assert.Equal("agent", f.Contact("q").Agent!.UserId);
            return (f.Engine.FindAgent("agent")!, f.Contact("q", RoutingChannel.Chat));
        }
    }

    [Fact]
    public void Chat_set_to_route_any_channel_lets_an_agent_on_a_chat_be_offered_calls()
    {
        var (_, callWhileChatting) = ChatThenCall("ROUTE_ANY_CHANNEL");
        var (_, callBlocked) = ChatThenCall("ROUTE_CURRENT_CHANNEL_ONLY");
        var (f, callBlockedByAbsent) = ChatThenCall(null);

        Assert.Equal(ContactState.Connected, callWhileChatting.State);
        Assert.Equal(ContactState.Queued, callBlocked.State);
        Assert.Equal(ContactState.Queued, callBlockedByAbsent.State);

        // Once the chat is done, the call that waited is offered.
        f.Finish(f.Engine.FindAgent("agent")!.Contacts.Single());
        Assert.Equal(ContactState.Connected, callBlockedByAbsent.State);

        static (EngineFixture Fixture, RoutedContact Call) ChatThenCall(string? chatBehaviour)
        {
            var f = new EngineFixture();
            f.Engine.SetRoutingProfile(Profile("p", [Media("VOICE", 1), Media("CHAT", 2, chatBehaviour)], [Serves("q", "VOICE"), Serves("q", "CHAT")]));
            f.Agent("agent", "p");
            Assert.Equal("agent", f.Contact("q", RoutingChannel.Chat).Agent!.UserId);
            return (f, f.Contact("q"));
        }
    }

    [Fact]
    public void Channel_working_current_only_stops_other_channels_even_when_the_first_allows_them()
    {
        // On voice (any channel) the agent takes a chat; chat is current-only, so no task is offered while both run,
        // but a second chat is (its own channel).
        var f = new EngineFixture();
        f.Engine.SetRoutingProfile(Profile("p", [Media("VOICE", 1, "ROUTE_ANY_CHANNEL"), Media("CHAT", 2, "ROUTE_CURRENT_CHANNEL_ONLY"), Media("TASK", 1, "ROUTE_ANY_CHANNEL")],
            [Serves("q", "VOICE"), Serves("q", "CHAT"), Serves("q", "TASK")]));
        f.Agent("agent", "p");
        f.Contact("q");
        var chat = f.Contact("q", RoutingChannel.Chat);
        var task = f.Contact("q", RoutingChannel.Task);
        var chat2 = f.Contact("q", RoutingChannel.Chat);

        Assert.Equal(ContactState.Connected, chat.State);
        Assert.Equal(ContactState.Queued, task.State);
        Assert.Equal(ContactState.Connected, chat2.State);
    }

    [Fact]
    public void Time_since_last_activity_counts_outbound_calls_and_time_since_last_inbound_does_not()
    {
        Assert.Equal("inbound-long-ago", NextInboundGoesTo("TIME_SINCE_LAST_INBOUND"));
        Assert.Equal("quiet", NextInboundGoesTo("TIME_SINCE_LAST_ACTIVITY"));
        Assert.Equal("quiet", NextInboundGoesTo(null)); // absent: TIME_SINCE_LAST_ACTIVITY

        static string NextInboundGoesTo(string? timer)
        {
            var f = new EngineFixture();
            f.VoiceProfile("voice", "support", timer: timer);
            f.Agent("inbound-long-ago", "voice", since: Start.AddMinutes(-30));
            f.Agent("quiet", "voice", since: Start.AddMinutes(-10));

            // inbound-long-ago makes an outbound call from 09:00 to 09:05.
            var outbound = f.Engine.StartOutbound("inbound-long-ago");
            f.Advance(300);
            f.Finish(outbound);

            return f.Contact("support").Agent!.UserId;
        }
    }

    [Fact]
    public void Agent_in_a_status_that_is_not_routable_is_never_offered_a_contact()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("on-break", "voice", routable: false, since: Start.AddHours(-2));
        f.Agent("offline", "voice", routable: false, online: false, since: Start.AddHours(-3));

        var call = f.Contact("support");
        f.Advance(600);
        Assert.Equal(ContactState.Queued, call.State);

        f.Agent("on-break", "voice", routable: true, since: f.Clock.Now);
        Assert.Equal("on-break", call.Agent!.UserId);
        Assert.Equal(TimeSpan.FromMinutes(10), call.Wait);
    }

    [Fact]
    public void Agent_is_offered_only_contacts_of_the_Region_it_is_signed_in_to()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("east", "voice", region: East);
        f.Agent("nowhere", "voice", region: null, since: Start.AddHours(-1));

        var westCall = f.Contact("support", region: West);
        var eastCall = f.Contact("support", region: East);

        Assert.Equal(ContactState.Queued, westCall.State);
        Assert.Equal("east", eastCall.Agent!.UserId);

        f.Agent("nowhere", "voice", region: West, since: Start.AddHours(-1));
        Assert.Equal("nowhere", westCall.Agent!.UserId);
    }

    [Fact]
    public void Agent_moved_to_another_Region_finishes_its_contact_there_first()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("agent", "voice", region: East);
        var call = f.Contact("support", region: East);
        var westCall = f.Contact("support", region: West);
        var eastCall = f.Contact("support", region: East);

        f.Agent("agent", "voice", region: West);
        var agent = f.Engine.FindAgent("agent")!;
        Assert.Equal(East, agent.Region);
        Assert.Equal(West, agent.MovingTo);
        Assert.Equal(ContactState.Connected, call.State); // not disturbed

        f.Advance(60);
        f.Finish(call);
        Assert.Equal(West, agent.Region);
        Assert.Equal("agent", westCall.Agent!.UserId);
        Assert.Equal(ContactState.Queued, eastCall.State);
    }

    [Fact]
    public void Raising_concurrency_applies_to_the_next_decision_and_lowering_it_disturbs_no_contact()
    {
        var f = new EngineFixture();
        var profile = Profile("chat", [Media("CHAT", 2)], [Serves("chats", "CHAT")]);
        f.Engine.SetRoutingProfile(profile);
        f.Agent("agent", "chat");
        var chats = Enumerable.Range(0, 5).Select(_ => f.Contact("chats", RoutingChannel.Chat)).ToList();
        Assert.Equal(3, chats.Count(c => c.State == ContactState.Queued));

        f.Advance(60);
        f.Engine.SetRoutingProfile(profile with { MediaConcurrencies = [Media("CHAT", 4)] });
        Assert.Equal(1, chats.Count(c => c.State == ContactState.Queued));

        f.Engine.SetRoutingProfile(profile with { MediaConcurrencies = [Media("CHAT", 1)] });
        Assert.Equal(4, chats.Count(c => c.State == ContactState.Connected));
        f.Finish(chats[0]);
        f.Finish(chats[1]);
        f.Finish(chats[2]);
        Assert.Equal(ContactState.Queued, chats[4].State); // still 1 active of a concurrency of 1
        f.Finish(chats[3]);
        Assert.Equal(ContactState.Connected, chats[4].State);
    }

    [Fact]
    public void Disabling_a_channel_stops_offers_on_it_and_changing_queues_reroutes_waiting_contacts()
    {
        var f = new EngineFixture();
        var profile = Profile("p", [Media("VOICE", 1)], [Serves("a", "VOICE")]);
        f.Engine.SetRoutingProfile(profile);
        f.Agent("agent", "p");
        var waitingInB = f.Contact("b");
        Assert.Equal(ContactState.Queued, waitingInB.State);

        f.Engine.SetRoutingProfile(profile with { Queues = [Serves("b", "VOICE")] });
        Assert.Equal("agent", waitingInB.Agent!.UserId);

        f.Finish(waitingInB);
        f.Engine.SetRoutingProfile(profile with { MediaConcurrencies = [Media("CHAT", 1)], Queues = [Serves("b", "VOICE"), Serves("b", "CHAT")] });
        Assert.Equal(ContactState.Queued, f.Contact("b").State);
        Assert.Equal(ContactState.Connected, f.Contact("b", RoutingChannel.Chat).State);
    }

    [Fact]
    public void Customer_leaves_the_queue_when_patience_runs_out()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        var call = f.Contact("support", patience: TimeSpan.FromSeconds(45));
        f.Advance(44);
        Assert.Equal(ContactState.Queued, call.State);
        f.Advance(1);
        Assert.Equal(ContactState.Ended, call.State);
        Assert.Equal(ContactEnd.Abandoned, call.EndReason);

        f.Agent("late", "voice");
        Assert.Empty(f.Engine.FindAgent("late")!.Contacts);
    }

    [Fact]
    public void Offer_waits_for_accept_and_a_rejected_contact_goes_to_the_next_longest_idle_agent_keeping_its_place()
    {
        var f = new EngineFixture(autoAccept: false);
        f.VoiceProfile("voice", "support");
        f.Agent("first", "voice", since: Start.AddMinutes(-10));
        f.Agent("second", "voice", since: Start.AddMinutes(-5));
        var call = f.Contact("support");
        Assert.Equal(ContactState.Offered, call.State);
        Assert.Equal("first", call.Agent!.UserId);

        f.Advance(5);
        f.Engine.Reject(call);
        Assert.Equal("second", call.Agent!.UserId);
        f.Engine.Accept(call);
        Assert.Equal(ContactState.Connected, call.State);
        Assert.Equal(Start, call.EnqueuedAt);
    }

    [Fact]
    public void After_contact_work_holds_the_slot_until_it_ends()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        f.Agent("agent", "voice");
        var call = f.Contact("support");
        var next = f.Contact("support");
        f.Advance(60);
        f.Engine.Complete(call, TimeSpan.FromSeconds(30));
        Assert.Equal(ContactState.AfterContactWork, call.State);
        Assert.Equal(ContactState.Queued, next.State);

        f.Advance(30);
        Assert.Equal(ContactState.Ended, call.State);
        Assert.Equal(ContactState.Connected, next.State);
    }
}
