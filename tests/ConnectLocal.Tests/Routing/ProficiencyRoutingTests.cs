using ConnectLocal.Core.Routing;
using static ConnectLocal.Tests.Routing.EngineFixture;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// Routing criteria (proficiency routing, docs/routing.md "Routing criteria") on a virtual clock: which agent is offered
/// a contact whose active step names proficiencies, and how steps expire one after the other.
/// </summary>
public sealed class ProficiencyRoutingTests
{
    private static RoutingCondition AtLeast(string name, string value, double level) => new(name, value, RoutingCondition.AtLeast, ProficiencyLevel: level);

    private static RoutingExpression Is(RoutingCondition condition) => new(Condition: condition);

    private static RoutingCriteria Steps(params (RoutingExpression Expression, int? Seconds)[] steps) =>
        new(steps.Select(s => new RoutingStep(s.Expression, s.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)).ToList());

    private static AgentSettings Skilled(EngineFixture f, string userId, DateTimeOffset since, params (string Name, string Value, double Level)[] proficiencies)
    {
        var settings = new AgentSettings(userId, "voice", true, true, East, since, "available", Proficiencies: new AgentProficiencies(proficiencies));
        f.Engine.SetAgent(settings);
        return settings;
    }

    private static RoutedContact Contact(EngineFixture f, RoutingCriteria? criteria, string queue = "support") =>
        f.Engine.Enqueue(new ContactRequest(East, queue, RoutingChannel.Voice, Id: Guid.NewGuid().ToString(), Criteria: criteria));

    [Fact]
    public void Contact_needing_a_proficiency_of_3_goes_to_the_agent_holding_it_not_the_longest_idle()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "novice", Start.AddMinutes(-10), ("Language", "English", 2));
        Skilled(f, "expert", Start.AddMinutes(-1), ("Language", "English", 4));
        Skilled(f, "other", Start.AddMinutes(-5), ("Language", "Spanish", 5));

        var needsEnglish = Contact(f, Steps((Is(AtLeast("Language", "English", 3)), null)));
        var plain = Contact(f, null);

        Assert.Equal("expert", needsEnglish.Agent!.UserId);
        Assert.Equal("novice", plain.Agent!.UserId);
        var state = RoutingEngine.CriteriaOf(needsEnglish)!;
        Assert.Equal(RoutingStepStatus.Joined, state.Steps[0].Status);
        Assert.Equal(Start, state.ActivatedAt);
        Assert.Null(RoutingEngine.CriteriaOf(plain));
    }

    [Fact]
    public void Criteria_no_agent_meets_keep_the_contact_waiting_until_the_step_expires_then_the_next_step_widens()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "ana", Start, ("Language", "English", 3));
        var contact = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), 30), (Is(AtLeast("Language", "English", 1)), null)));

        f.Advance(29);
        Assert.Equal(ContactState.Queued, contact.State);
        var waiting = RoutingEngine.CriteriaOf(contact)!;
        Assert.Equal([RoutingStepStatus.Active, RoutingStepStatus.Inactive], waiting.Steps.Select(s => s.Status));
        Assert.Equal(Start.AddSeconds(30), waiting.Steps[0].ExpiresAt);

        f.Advance(1);
        Assert.Equal("ana", contact.Agent?.UserId);
        Assert.Equal(Start.AddSeconds(30), contact.OfferedAt);
        Assert.Equal([RoutingStepStatus.Expired, RoutingStepStatus.Joined], RoutingEngine.CriteriaOf(contact)!.Steps.Select(s => s.Status));
    }

    [Fact]
    public void A_step_without_expiry_stays_and_when_every_step_expired_any_agent_of_the_queue_may_take_the_contact()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "ana", Start);
        var forever = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), null)));
        var expiring = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), 10), (Is(AtLeast("Language", "French", 3)), 20)));

        f.Advance(29);
        Assert.Equal((ContactState.Queued, ContactState.Queued), (forever.State, expiring.State));

        f.Advance(1);
        Assert.Equal("ana", expiring.Agent?.UserId);
        Assert.Equal([RoutingStepStatus.Expired, RoutingStepStatus.Expired], RoutingEngine.CriteriaOf(expiring)!.Steps.Select(s => s.Status));
        f.Advance(3600);
        Assert.Equal(ContactState.Queued, forever.State);
    }

    [Fact]
    public void And_Or_and_Not_expressions_combine_conditions()
    {
        var f = new EngineFixture(autoAccept: false);
        f.VoiceProfile("voice", "support");
        Skilled(f, "both", Start.AddMinutes(-3), ("Language", "English", 4), ("Tech", "Kinesis", 2));
        Skilled(f, "english", Start.AddMinutes(-2), ("Language", "English", 5));
        Skilled(f, "kinesis", Start.AddMinutes(-1), ("Tech", "Kinesis", 5));

        var english = Is(AtLeast("Language", "English", 4));
        var kinesis = Is(AtLeast("Tech", "Kinesis", 2));
        var and = Contact(f, Steps((new RoutingExpression(And: [english, kinesis]), null)));
        Assert.Equal("both", and.Agent?.UserId);

        var not = Contact(f, Steps((new RoutingExpression(Not: AtLeast("Language", "English", 1)), null)));
        Assert.Equal("kinesis", not.Agent?.UserId);

        var or = Contact(f, Steps((new RoutingExpression(Or: [Is(AtLeast("Language", "Spanish", 1)), english]), null)));
        Assert.Equal("english", or.Agent?.UserId);
    }

    [Fact]
    public void Range_and_preferred_agent_conditions()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "master", Start.AddMinutes(-3), ("Language", "English", 5));
        Skilled(f, "middle", Start.AddMinutes(-2), ("Language", "English", 3));
        Skilled(f, "named", Start.AddMinutes(-1));

        var range = Contact(f, Steps((Is(new RoutingCondition("Language", "English", RoutingCondition.InRange, MinLevel: 2, MaxLevel: 4)), null)));
        var preferred = Contact(f, Steps((Is(new RoutingCondition(null, null, RoutingCondition.Match, AgentIds: ["named"])), null)));

        Assert.Equal("middle", range.Agent?.UserId);
        Assert.Equal("named", preferred.Agent?.UserId);
    }

    [Fact]
    public void A_NotAttributeCondition_with_a_range_holds_for_agents_outside_it()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "master", Start.AddMinutes(-3), ("Language", "English", 5));
        Skilled(f, "middle", Start.AddMinutes(-2), ("Language", "English", 3));

        var contact = Contact(f, Steps((new RoutingExpression(Not: new RoutingCondition("Language", "English", RoutingCondition.InRange, MinLevel: 4, MaxLevel: 5)), null)));

        Assert.Equal("middle", contact.Agent?.UserId);
    }

    [Fact]
    public void An_agent_that_frees_up_skips_a_contact_whose_criteria_exclude_it_and_takes_the_next()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        var spanish = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), null)));
        f.Advance(5);
        var plain = Contact(f, null);

        Skilled(f, "ana", f.Clock.Now, ("Language", "English", 5));

        Assert.Equal("ana", plain.Agent?.UserId);
        Assert.Equal(ContactState.Queued, spanish.State);
        Assert.Equal(1, f.Engine.WaitingCount(East, "support", RoutingChannel.Voice));
    }

    [Fact]
    public void An_agent_given_the_proficiency_takes_the_contact_waiting_for_it()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        var ana = Skilled(f, "ana", Start);
        var contact = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), null)));
        f.Advance(10);
        Assert.Equal(ContactState.Queued, contact.State);

        f.Engine.SetAgent(ana with { Proficiencies = new AgentProficiencies([("Language", "Spanish", 3)]) });

        Assert.Equal("ana", contact.Agent?.UserId);
    }

    [Fact]
    public void Criteria_set_on_a_waiting_contact_take_effect_at_once()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "ana", Start, ("Language", "English", 1));
        var waiting = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 1)), null)));
        f.Advance(10);
        Assert.Equal(ContactState.Queued, waiting.State);

        Assert.True(f.Engine.SetRoutingCriteria(waiting, Steps((Is(AtLeast("Language", "English", 1)), null))));

        Assert.Equal("ana", waiting.Agent?.UserId);
        var state = RoutingEngine.CriteriaOf(waiting)!;
        Assert.Equal((1, Start.AddSeconds(10)), (state.Index, state.ActivatedAt));
        Assert.False(f.Engine.SetRoutingCriteria(waiting, null)); // no longer waiting
    }

    [Fact]
    public void A_rejected_contact_moves_past_the_step_that_expired_while_it_rang()
    {
        var f = new EngineFixture(autoAccept: false);
        f.VoiceProfile("voice", "support");
        Skilled(f, "spanish", Start.AddMinutes(-1), ("Language", "Spanish", 4));
        var contact = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), 10), (Is(AtLeast("Language", "French", 3)), null)));
        Assert.Equal("spanish", contact.Agent?.UserId);

        f.Advance(15);
        f.Engine.Reject(contact);

        Assert.Equal(ContactState.Queued, contact.State); // the French step is active: nobody may take it
        var state = RoutingEngine.CriteriaOf(contact)!;
        Assert.Equal([RoutingStepStatus.Expired, RoutingStepStatus.Active], state.Steps.Select(s => s.Status));
        Assert.Equal(Start.AddSeconds(10), state.Steps[0].ExpiresAt);
    }

    [Fact]
    public void Criteria_of_a_contact_in_an_agent_queue_never_take_effect()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        Skilled(f, "ana", Start);
        var contact = Contact(f, Steps((Is(AtLeast("Language", "Spanish", 3)), null)), queue: "ana");

        Assert.Equal("ana", contact.Agent?.UserId);
        var state = RoutingEngine.CriteriaOf(contact)!;
        Assert.Equal(Start, state.ActivatedAt);
        Assert.Equal(RoutingStepStatus.Inactive, state.Steps[0].Status);
    }

    [Fact]
    public void Time_adjustment_moves_a_contact_ahead_but_its_wait_stays_its_real_wait()
    {
        var f = new EngineFixture();
        f.VoiceProfile("voice", "support");
        var first = Contact(f, null);
        f.Advance(30);
        var adjusted = Contact(f, null);
        f.Engine.SetRoutingOrder(adjusted, RoutedContact.DefaultPriority, TimeSpan.FromSeconds(120));
        f.Advance(10);

        Skilled(f, "ana", f.Clock.Now);

        Assert.Equal("ana", adjusted.Agent?.UserId);
        Assert.Equal(TimeSpan.FromSeconds(10), adjusted.Wait);
        Assert.Equal(Start.AddSeconds(30), adjusted.EnqueuedAt);
        Assert.Equal(first, f.Engine.OldestWaiting(East, "support", RoutingChannel.Voice));
    }

    [Theory]
    [InlineData(0, "level 6 is not one of 1.0", 6.0)]
    [InlineData(0, "level 2.5 is not one of", 2.5)]
    [InlineData(1, "ComparisonOperator 'NumberLessThan'", 0)]
    [InlineData(2, "needs at least one expression", 0)]
    [InlineData(3, "exactly one of AttributeCondition", 0)]
    [InlineData(4, "DurationInSeconds must be at least 1", 0)]
    [InlineData(5, "needs at least one step", 0)]
    [InlineData(6, "MinProficiencyLevel is above", 0)]
    [InlineData(7, "needs Name, Value and Range", 0)]
    public void Invalid_criteria_name_their_problem(int shape, string expected, double level)
    {
        var criteria = shape switch
        {
            0 => Steps((Is(AtLeast("Language", "English", level)), null)),
            1 => Steps((Is(new RoutingCondition("Language", "English", "NumberLessThan", ProficiencyLevel: 3)), null)),
            2 => Steps((new RoutingExpression(And: []), null)),
            3 => Steps((new RoutingExpression(Condition: AtLeast("a", "b", 1), Not: AtLeast("a", "b", 1)), null)),
            4 => Steps((Is(AtLeast("a", "b", 1)), 0)),
            6 => Steps((Is(new RoutingCondition("a", "b", RoutingCondition.InRange, MinLevel: 4, MaxLevel: 2)), null)),
            7 => Steps((Is(new RoutingCondition("a", "b", RoutingCondition.InRange, MinLevel: 4)), null)),
            _ => new RoutingCriteria([]),
        };

        Assert.Contains(expected, criteria.Problem());
    }

    [Fact]
    public void Valid_criteria_have_no_problem() =>
        Assert.Null(Steps((new RoutingExpression(Or: [Is(AtLeast("Language", "English", 3)), new RoutingExpression(Not: AtLeast("Tech", "AWS", 1))]), 10)).Problem());
}
