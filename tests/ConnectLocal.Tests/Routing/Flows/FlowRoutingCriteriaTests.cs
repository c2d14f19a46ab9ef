using ConnectLocal.Core.Routing;
using static ConnectLocal.Tests.Routing.Flows.FlowFixture;

namespace ConnectLocal.Tests.Routing.Flows;

/// <summary>The UpdateRoutingCriteria action ("Set routing criteria" block) in inbound and customer queue flows.</summary>
public sealed class FlowRoutingCriteriaTests
{
    private const string NeedsSpanish3 =
        """{"RoutingCriteria":{"Steps":[{"Expression":{"AttributeCondition":{"Name":"Language","Value":"Spanish","ProficiencyLevel":"3","ComparisonOperator":"NumberGreaterOrEqualTo"}},"Expiry":{"DurationInSeconds":"60"}}]}}""";

    private static void Proficient(FlowFixture f, string userId, string queue, params (string Name, string Value, double Level)[] proficiencies)
    {
        f.Agent(userId, queue);
        var agent = f.Engine.Engine.FindAgent(userId)!;
        f.Engine.Engine.SetAgent(agent.Settings with { Proficiencies = new AgentProficiencies(proficiencies) });
    }

    [Fact]
    public void Criteria_set_before_TransferContactToQueue_decide_who_is_offered_the_contact()
    {
        var f = new FlowFixture();
        f.Queue("support");
        Proficient(f, "english", "support", ("Language", "English", 5));
        f.Advance(60);
        Proficient(f, "spanish", "support", ("Language", "Spanish", 3));
        f.Flow("inbound", [Action("criteria", "UpdateRoutingCriteria", NeedsSpanish3, next: "set", errors: OnError("NoMatchingError", "bye")), .. QueueIn("support"), Bye]);

        var contact = f.Start("inbound");

        Assert.Equal(["criteria:Success", "set:Success", "set-transfer:Success"], Trail(contact));
        Assert.Equal("spanish", contact.Routed!.Agent?.UserId); // "english" has been idle longer
        Assert.Equal(RoutingStepStatus.Joined, RoutingEngine.CriteriaOf(contact.Routed)!.Steps[0].Status);
    }

    [Fact]
    public void Criteria_from_a_contact_attribute_holding_JSON_are_read_too()
    {
        var f = new FlowFixture();
        f.Queue("support");
        Proficient(f, "english", "support", ("Language", "English", 5));
        f.Flow("inbound", [Action("criteria", "UpdateRoutingCriteria", """{"RoutingCriteria":{"Steps":"$.Attributes.steps"}}""", next: "set"), .. QueueIn("support"), Bye]);

        var steps = """[{"Expression":{"NotAttributeCondition":{"Name":"Language","Value":"English","ProficiencyLevel":1,"ComparisonOperator":"NumberGreaterOrEqualTo"}}}]""";
        var contact = f.Start("inbound", attributes: new Dictionary<string, string> { ["steps"] = steps });

        Assert.Equal("set-transfer:Success", Trail(contact)[^1]);
        Assert.Equal(ContactState.Queued, contact.Routed!.State); // the only agent speaks English
    }

    [Fact]
    public void Bad_criteria_take_the_error_branch_with_what_is_wrong()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("inbound",
            Action("criteria", "UpdateRoutingCriteria", NeedsSpanish3.Replace("\"3\"", "\"7\"", StringComparison.Ordinal), next: "set", errors: OnError("NoMatchingError", "bye")),
            Bye);

        var contact = f.Start("inbound");

        Assert.Equal(["criteria!NoMatchingError", "bye:"], Trail(contact));
        Assert.Contains("proficiency level 7 is not one of", contact.Log[0].Error);
        Assert.Null(contact.RoutingCriteria);
    }

    [Theory]
    [InlineData("Language", 100, true)]
    [InlineData("Language", 101, false)]
    [InlineData("Spanish", 128, true)]
    [InlineData("Spanish", 129, false)]
    public void A_condition_name_or_value_past_the_model_bound_takes_the_error_branch(string replaced, int length, bool accepted)
    {
        var f = new FlowFixture();
        f.Queue("support");
        var criteria = NeedsSpanish3.Replace($"\"{replaced}\"", $"\"{new string('x', length)}\"", StringComparison.Ordinal);
        f.Flow("inbound", Action("criteria", "UpdateRoutingCriteria", criteria, next: "bye", errors: OnError("NoMatchingError", "bye")), Bye);

        var contact = f.Start("inbound");

        Assert.Equal(accepted ? "criteria:Success" : "criteria!NoMatchingError", Trail(contact)[0]);
        if (!accepted)
        {
            Assert.Contains($"{(replaced == "Language" ? "Name" : "Value")} is longer than {length - 1} characters", contact.Log[0].Error);
        }
    }

    [Fact]
    public void A_customer_queue_flow_sets_criteria_on_the_waiting_contact()
    {
        var f = new FlowFixture();
        f.Queue("support");
        Proficient(f, "english", "support", ("Language", "English", 5));
        f.Engine.Engine.SetAgent(f.Engine.Engine.FindAgent("english")!.Settings with { Routable = false });
        f.Flow("narrow",
            Action("wait", "Wait", """{"TimeoutSeconds":"5"}""", conditions: When("Equals", "WaitCompleted", "criteria")),
            Action("criteria", "UpdateRoutingCriteria", NeedsSpanish3, next: "end"),
            Action("end", "EndFlowExecution"));
        f.Flow("hooked", [Action("hooks", "UpdateContactEventHooks", $$$"""{"EventHooks":{"CustomerQueue":"{{{Arn("contact-flow", "narrow")}}}"}}""", next: "set"), .. QueueIn("support"), Bye]);

        var contact = f.Start("hooked");
        f.Advance(5);
        Assert.Equal("criteria:Success", Trail(contact)[^2]);
        var state = RoutingEngine.CriteriaOf(contact.Routed!)!;
        Assert.Equal((RoutingStepStatus.Active, FlowFixtureStart.AddSeconds(5)), (state.Steps[0].Status, state.ActivatedAt!.Value));

        f.Engine.Engine.SetAgent(f.Engine.Engine.FindAgent("english")!.Settings with { Routable = true });
        Assert.Equal(ContactState.Queued, contact.Routed!.State); // English only: the Spanish step excludes the agent
        f.Advance(60);
        Assert.Equal("english", contact.Routed.Agent?.UserId); // the only step expired: any agent of the queue
    }

    private static readonly DateTimeOffset FlowFixtureStart = EngineFixture.Start;
}
