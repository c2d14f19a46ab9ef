using ConnectLocal.Core.Routing;
using static ConnectLocal.Tests.Routing.EngineFixture;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// Global routing (docs/global-resiliency.md, "Global routing"): a contact that arrives in one Region is offered to an
/// available agent signed in to the linked Region only when cross-Region routing is on; isolated, each Region routes
/// only its own contacts; the contact's own Region is always tried first.
/// </summary>
public sealed class GlobalRoutingTests
{
    [Fact]
    public void A_contact_in_us_east_1_without_agents_there_goes_to_an_agent_in_us_west_2_only_when_global_routing_is_on()
    {
        var isolated = new EngineFixture();
        isolated.VoiceProfile("voice", "support");
        isolated.Agent("west-agent", "voice", region: West);

        var waiting = isolated.Contact("support", region: East);

        Assert.Null(waiting.Agent);
        Assert.Equal(ContactState.Queued, waiting.State);

        var global = new EngineFixture();
        global.Engine.CrossRegionRouting = true;
        global.VoiceProfile("voice", "support");
        global.Agent("west-agent", "voice", region: West);

        var routed = global.Contact("support", region: East);

        Assert.Equal("west-agent", routed.Agent!.UserId);
        Assert.Equal(East, routed.Region);
    }

    [Fact]
    public void An_agent_who_becomes_available_in_the_linked_Region_takes_a_waiting_contact_only_when_global_routing_is_on()
    {
        foreach (var on in new[] { false, true })
        {
            var f = new EngineFixture();
            f.Engine.CrossRegionRouting = on;
            f.VoiceProfile("voice", "support");
            var call = f.Contact("support", region: East);
            Assert.Null(call.Agent);

            f.Agent("west-agent", "voice", region: West);

            Assert.Equal(on ? "west-agent" : null, call.Agent?.UserId);
        }
    }

    [Fact]
    public void The_contacts_own_Region_is_tried_first_even_when_the_other_Region_has_an_agent_idle_longer()
    {
        var f = new EngineFixture();
        f.Engine.CrossRegionRouting = true;
        f.VoiceProfile("voice", "support");
        f.Agent("west-longest", "voice", region: West, since: Start.AddMinutes(-30));
        f.Agent("east-recent", "voice", region: East, since: Start.AddMinutes(-1));

        Assert.Equal("east-recent", f.Contact("support", region: East).Agent!.UserId);
        Assert.Equal("west-longest", f.Contact("support", region: East).Agent!.UserId);
    }

    [Fact]
    public void An_agent_takes_its_own_Regions_contact_before_an_older_one_of_the_linked_Region()
    {
        var f = new EngineFixture();
        f.Engine.CrossRegionRouting = true;
        f.VoiceProfile("voice", "support");
        var eastOlder = f.Contact("support", region: East);
        f.Advance(30);
        var westNewer = f.Contact("support", region: West);

        f.Agent("west-agent", "voice", region: West);

        Assert.Equal("west-agent", westNewer.Agent!.UserId);
        Assert.Null(eastOlder.Agent);
    }

    [Fact]
    public void Isolating_again_stops_cross_Region_offers()
    {
        var f = new EngineFixture();
        f.Engine.CrossRegionRouting = true;
        f.VoiceProfile("voice", "support");
        f.Agent("west-agent", "voice", region: West);
        var first = f.Contact("support", region: East);
        Assert.Equal("west-agent", first.Agent!.UserId);
        f.Finish(first);

        f.Engine.CrossRegionRouting = false;

        Assert.Null(f.Contact("support", region: East).Agent);
    }
}
