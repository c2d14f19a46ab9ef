using ConnectLocal.Core.Routing;
using static ConnectLocal.Tests.Routing.EngineFixture;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// An agent's Region change (docs/global-resiliency.md, "Agents changing Region"): at once without contacts; with
/// contacts, pending until the last one ends (they finish in their Region), with the times it was asked for and done.
/// </summary>
public sealed class AgentRegionChangeTests
{
    [Fact]
    public void An_agent_on_a_call_moves_when_the_call_ends_and_the_change_records_both_times()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        var settings = f.Agent("agent", "voice", region: East);
        var call = f.Contact("support", region: East);
        var agent = f.Engine.FindAgent("agent")!;
        Assert.Null(agent.LastRegionChange); // its first placement is not a change
        Assert.Same(agent, call.Agent);

        f.Engine.SetAgent(settings with { Region = West });
        var asked = f.Clock.Now;

        Assert.Equal((East, West, asked), (agent.Region, agent.MovingTo, agent.MoveRequestedAt));
        Assert.Null(agent.LastRegionChange);
        Assert.Null(f.Contact("support", region: East).Agent); // a moving agent is offered nothing

        f.Advance(90);
        f.Finish(call);
        f.Advance(0);

        Assert.Equal(West, agent.Region);
        Assert.Null(agent.MovingTo);
        Assert.Null(agent.MoveRequestedAt);
        Assert.Equal(new AgentRegionChange(East, West, asked, asked.AddSeconds(90)), agent.LastRegionChange);
        Assert.Equal(East, call.Region);
    }

    [Fact]
    public void An_idle_agent_moves_at_once_and_a_move_back_before_the_call_ends_cancels_it()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        var settings = f.Agent("agent", "voice", region: East);
        var agent = f.Engine.FindAgent("agent")!;

        f.Engine.SetAgent(settings with { Region = West });
        Assert.Equal(new AgentRegionChange(East, West, f.Clock.Now, f.Clock.Now), agent.LastRegionChange);

        var call = f.Contact("support", region: West);
        f.Engine.SetAgent(settings with { Region = East });
        Assert.Equal(East, agent.MovingTo);
        f.Engine.SetAgent(settings with { Region = West });

        Assert.Null(agent.MovingTo);
        Assert.Null(agent.MoveRequestedAt);
        f.Finish(call);
        f.Advance(0);
        Assert.Equal(West, agent.Region);
        Assert.Equal(East, agent.LastRegionChange!.From); // still the first move
    }
}
