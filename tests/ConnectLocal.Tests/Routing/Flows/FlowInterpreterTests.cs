using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Routing;
using static ConnectLocal.Tests.Routing.Flows.FlowFixture;

namespace ConnectLocal.Tests.Routing.Flows;

/// <summary>
/// Scenario specs of the flow interpreter (issue 17): one per action and branch, on a virtual clock that starts on
/// Monday 2026-01-05 at 09:00 UTC (04:00 in New York, 18:00 in Tokyo).
/// </summary>
public sealed class FlowInterpreterTests
{
    [Fact]
    public void Chat_started_outside_its_queues_hours_takes_the_closed_branch()
    {
        var f = new FlowFixture();
        f.Hours("ny-office", "America/New_York", 9, 17); // 09:00 UTC is 04:00 in New York: closed
        f.Queue("support", hours: "ny-office");
        f.Queue("callbacks");
        f.Flow("inbound",
            Action("set", "UpdateContactTargetQueue", """{"QueueId":"support"}""", next: "hours"),
            Action("hours", "CheckHoursOfOperation", conditions: Both(When("Equals", "True", "open"), When("Equals", "False", "closed")), errors: OnError("NoMatchingError", "bye")),
            Action("open", "TransferContactToQueue", errors: OnError("NoMatchingError", "bye")),
            Action("closed", "UpdateContactTargetQueue", """{"QueueId":"callbacks"}""", next: "open"),
            Bye);

        var chat = f.Start("inbound");

        Assert.Equal(["set:Success", "hours:False", "closed:Success", "open:Success"], Trail(chat));
        Assert.Equal("callbacks", chat.Routed!.QueueId);
        Assert.Equal(ContactState.Queued, chat.Routed.State);

        f.Advance(6 * 3600); // 15:00 UTC is 10:00 in New York: open
        Assert.Equal("support", f.Start("inbound").Routed!.QueueId);
    }

    [Fact]
    public void Hours_are_read_in_their_own_time_zone_and_may_be_given_directly()
    {
        var f = new FlowFixture();
        f.Hours("tokyo", "Asia/Tokyo", 9, 17);     // 18:00 in Tokyo: closed
        f.Hours("london", "Europe/London", 8, 17); // 09:00 in London: open
        f.Flow("check",
            Action("tokyo", "CheckHoursOfOperation", """{"HoursOfOperationId":"tokyo"}""", conditions: Both(When("Equals", "True", "london"), When("Equals", "False", "london"))),
            Action("london", "CheckHoursOfOperation", """{"HoursOfOperationId":"london"}""", conditions: Both(When("Equals", "True", "end"), When("Equals", "False", "end"))),
            Action("end", "EndFlowExecution"));

        Assert.Equal(["tokyo:False", "london:True", "end:"], Trail(f.Start("check")));
    }

    [Fact]
    public void Hours_check_without_hours_or_working_queue_takes_the_error_branch()
    {
        var f = new FlowFixture();
        f.Flow("check",
            Action("hours", "CheckHoursOfOperation", conditions: When("Equals", "True", "bye"), errors: OnError("NoMatchingError", "bye")),
            Bye);

        var contact = f.Start("check");

        Assert.Equal(["hours!NoMatchingError", "bye:"], Trail(contact));
        Assert.Equal(FlowOutcome.Disconnected, contact.Outcome);
        Assert.Equal(ContactEnd.Disconnected, contact.Routed!.EndReason);
    }

    [Fact]
    public void Queue_at_MaxContacts_takes_the_at_capacity_branch()
    {
        var f = new FlowFixture();
        f.Queue("small", maxContacts: 2);
        f.Queue("overflow");
        f.Flow("inbound",
            Action("set", "UpdateContactTargetQueue", """{"QueueId":"small"}""", next: "transfer"),
            Action("transfer", "TransferContactToQueue", errors: Both(OnError("QueueAtCapacity", "overflow"), OnError("NoMatchingError", "bye"))),
            Action("overflow", "UpdateContactTargetQueue", """{"QueueId":"overflow"}""", next: "transfer2"),
            Action("transfer2", "TransferContactToQueue", errors: OnError("NoMatchingError", "bye")),
            Bye);

        var first = f.Start("inbound");
        var second = f.Start("inbound", RoutingChannel.Voice); // MaxContacts counts every channel
        var third = f.Start("inbound");

        Assert.Equal(["small", "small", "overflow"], new[] { first, second, third }.Select(c => c.Routed!.QueueId));
        Assert.Contains("transfer!QueueAtCapacity", Trail(third));

        // Once a waiting contact leaves, the queue takes contacts again.
        f.Engine.Engine.Stop(first.Routed!);
        Assert.Equal("small", f.Start("inbound").Routed!.QueueId);
    }

    [Fact]
    public void Disabled_queue_takes_the_error_branch()
    {
        var f = new FlowFixture();
        f.Queue("closed-down", status: "DISABLED");
        f.Flow("inbound", [.. QueueIn("closed-down"), Bye]);

        var contact = f.Start("inbound");

        Assert.Equal(["set:Success", "set-transfer!NoMatchingError", "bye:"], Trail(contact));
        Assert.Equal(ContactState.Ended, contact.Routed!.State);
    }

    [Fact]
    public void Transfer_without_a_working_queue_and_unknown_queue_take_the_error_branch()
    {
        var f = new FlowFixture();
        f.Flow("no-queue", Action("transfer", "TransferContactToQueue", errors: OnError("NoMatchingError", "bye")), Bye);
        f.Flow("unknown", [.. QueueIn("nowhere"), Bye]);

        Assert.Equal(["transfer!NoMatchingError", "bye:"], Trail(f.Start("no-queue")));
        Assert.Equal(["set!NoMatchingError", "bye:"], Trail(f.Start("unknown")));
    }

    [Fact]
    public void Flow_that_sets_the_working_queue_by_attribute_routes_there()
    {
        var f = new FlowFixture();
        f.Queue("billing");
        f.Queue("sales");
        f.Agent("biller", "billing");
        f.Flow("inbound", [.. QueueIn("$.Attributes.department"), Bye]);

        var contact = f.Start("inbound", attributes: new Dictionary<string, string> { ["department"] = "billing" });

        Assert.Equal("billing", contact.Routed!.QueueId);
        Assert.Equal("biller", contact.Routed.Agent!.UserId);
        Assert.Equal("billing", contact.Log[0].Parameters["QueueId"]);
        Assert.Equal("sales", f.Start("inbound", attributes: new Dictionary<string, string> { ["department"] = "sales" }).Routed!.QueueId);
    }

    [Fact]
    public void Agent_queue_is_a_working_queue_too()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Agent("ana", "support");
        f.Flow("inbound",
            Action("set", "UpdateContactTargetQueue", """{"AgentId":"ana"}""", next: "transfer"),
            Action("transfer", "TransferContactToQueue", errors: OnError("NoMatchingError", "bye")),
            Bye);

        var contact = f.Start("inbound");

        Assert.Equal("ana", contact.Routed!.QueueId);
        Assert.Equal("ana", contact.Routed.Agent!.UserId);
    }

    [Fact]
    public void Customer_queue_flow_runs_while_the_contact_waits_and_stops_when_an_agent_takes_it()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("queue-music",
            Action("play", "MessageParticipant", """{"Text":"All our agents are busy"}""", next: "count"),
            Action("count", "Loop", """{"LoopCount":"2"}""", conditions: Both(When("Equals", "ContinueLooping", "wait"), When("Equals", "DoneLooping", "give-up"))),
            Action("wait", "Wait", """{"TimeoutSeconds":"60"}""", conditions: When("Equals", "WaitCompleted", "play")),
            Action("give-up", "DisconnectParticipant"));
        f.Flow("inbound", [
            Action("hooks", "UpdateContactEventHooks", $$$"""{"EventHooks":{"CustomerQueue":"{{{Arn("contact-flow", "queue-music")}}}"}}""", next: "set"),
            .. QueueIn("support"), Bye]);

        var waiting = f.Start("inbound");
        Assert.Equal(ContactState.Queued, waiting.Routed!.State);
        Assert.Equal(["hooks:Success", "set:Success", "set-transfer:Success", "play:Success", "count:ContinueLooping"], Trail(waiting));
        Assert.Equal("queue-music", waiting.Log[^1].FlowName);

        f.Advance(60);
        Assert.Equal(["wait:WaitCompleted", "play:Success", "count:ContinueLooping"], Trail(waiting)[^3..]);

        // A second contact is taken by an agent before its queue flow's wait is over: the queue flow stops.
        var taken = f.Start("inbound");
        f.Advance(30);
        f.Agent("late", "support");
        Assert.Equal(waiting.Routed, f.Engine.Engine.FindAgent("late")!.Contacts[0]);
        f.Engine.Engine.Accept(waiting.Routed);
        f.Advance(60);
        Assert.DoesNotContain(taken.Log, e => e.ActionIdentifier == "give-up");
        Assert.Equal(ContactState.Connected, waiting.Routed.State);

        // Nobody takes the second one: after two waits its queue flow gives up and disconnects it.
        f.Advance(60);
        Assert.Equal("give-up", taken.Log[^1].ActionIdentifier);
        Assert.Equal(ContactEnd.Disconnected, taken.Routed!.EndReason);
    }

    [Fact]
    public void CheckMetricData_branches_on_the_queues_staffing()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Queue("voicemail");
        f.Flow("inbound",
            Action("set", "UpdateContactTargetQueue", """{"QueueId":"support"}""", next: "staffed"),
            Action("staffed", "CheckMetricData", """{"MetricType":"NumberOfAgentsAvailable"}""", conditions: When("NumberGreaterThan", "0", "set-transfer"),
                errors: Both(OnError("NoMatchingCondition", "vm"), OnError("NoMatchingError", "bye"))),
            Action("set-transfer", "TransferContactToQueue", errors: OnError("NoMatchingError", "bye")),
            Action("vm", "UpdateContactTargetQueue", """{"QueueId":"voicemail"}""", next: "set-transfer"),
            Bye);

        var nobody = f.Start("inbound");
        f.Agent("ana", "support");
        var somebody = f.Start("inbound");

        Assert.Equal(("voicemail", "support"), (nobody.Routed!.QueueId, somebody.Routed!.QueueId));
        Assert.Contains("staffed!NoMatchingCondition", Trail(nobody));
        Assert.Contains("staffed:1", Trail(somebody));
    }

    [Fact]
    public void CheckMetricData_reads_contacts_in_queue_and_the_oldest_age()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("queue", [.. QueueIn("support"), Bye]);
        f.Flow("metrics",
            Action("count", "CheckMetricData", """{"MetricType":"NumberOfContactsInQueue","QueueId":"support"}""", conditions: When("Equals", "2", "age"), errors: OnError("NoMatchingCondition", "bye")),
            Action("age", "CheckMetricData", """{"MetricType":"OldestContactInQueueAgeSeconds","QueueId":"support"}""", conditions: When("NumberGreaterOrEqualTo", "90", "end"), errors: OnError("NoMatchingCondition", "bye")),
            Action("end", "EndFlowExecution"),
            Bye);
        f.Start("queue");
        f.Advance(30);
        f.Start("queue");
        f.Advance(60);

        Assert.Equal(["count:2", "age:90", "end:"], Trail(f.Start("metrics")));
    }

    [Fact]
    public void Compare_takes_the_first_condition_that_holds_else_no_matching_condition()
    {
        var f = new FlowFixture();
        f.Flow("compare",
            Action("tier", "Compare", """{"ComparisonValue":"$.Attributes.tier"}""",
                conditions: Both(When("Equals", "gold", "gold"), When("TextStartsWith", "sil", "silver"), When("NumberGreaterThan", "10", "big")),
                errors: OnError("NoMatchingCondition", "other")),
            Action("gold", "EndFlowExecution"),
            Action("silver", "EndFlowExecution"),
            Action("big", "EndFlowExecution"),
            Action("other", "EndFlowExecution"));

        string Path(string tier) => f.Start("compare", attributes: new Dictionary<string, string> { ["tier"] = tier }).Log[1].ActionIdentifier;

        Assert.Equal(["gold", "silver", "big", "other", "other"], new[] { "gold", "silverish", "12", "9", "bronze" }.Select(Path));
    }

    [Fact]
    public void UpdateContactAttributes_sets_literal_and_dynamic_values()
    {
        var f = new FlowFixture();
        f.Flow("attrs",
            Action("set", "UpdateContactAttributes", """{"Attributes":{"greeting":"hello","copy":"$.Attributes.source","channel":"$.Channel"},"TargetContact":"Current"}""", next: "end"),
            Action("end", "EndFlowExecution"));

        var contact = f.Start("attrs", attributes: new Dictionary<string, string> { ["source"] = "web" });

        Assert.Equal(("hello", "web", "CHAT"), (contact.Attributes["greeting"], contact.Attributes["copy"], contact.Attributes["channel"]));
    }

    [Fact]
    public void Routing_priority_and_time_adjustment_change_the_order_in_queue()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("normal", [.. QueueIn("support"), Bye]);
        f.Flow("vip", [Action("vip", "UpdateContactRoutingBehavior", """{"QueuePriority":"1"}""", next: "set"), .. QueueIn("support"), Bye]);
        f.Flow("older", [Action("older", "UpdateContactRoutingBehavior", """{"QueueTimeAdjustmentSeconds":"120"}""", next: "set"), .. QueueIn("support"), Bye]);
        f.Flow("both", [Action("both", "UpdateContactRoutingBehavior", """{"QueuePriority":"1","QueueTimeAdjustmentSeconds":"5"}""", next: "set",
            errors: OnError("NoMatchingError", "bye")), .. QueueIn("support"), Bye]);

        var first = f.Start("normal");
        f.Advance(60);
        var adjusted = f.Start("older"); // waited 0 s, routing age 120 s: ahead of the 60 s one
        f.Advance(10);
        var vip = f.Start("vip");

        Assert.Equal(1, vip.Routed!.QueuePriority);
        Assert.Equal(TimeSpan.FromSeconds(120), adjusted.Routed!.QueueTimeAdjustment);
        var order = new List<RoutedContact?>();
        foreach (var agent in new[] { "a", "b", "c" })
        {
            f.Agent(agent, "support");
            order.Add(f.Engine.Engine.FindAgent(agent)!.Contacts[0]);
        }

        Assert.Equal([vip.Routed, adjusted.Routed, first.Routed], order);
        Assert.Equal(["both!NoMatchingError", "bye:"], Trail(f.Start("both")));
    }

    [Fact]
    public void TransferToFlow_continues_in_the_other_flow_and_InvokeFlowModule_returns()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Module("tagger",
            Action("tag", "UpdateContactAttributes", """{"Attributes":{"tagged":"yes"}}""", next: "return"),
            Action("return", "EndFlowModuleExecution"));
        f.Flow("second", [.. QueueIn("support"), Bye]);
        f.Flow("first",
            Action("module", "InvokeFlowModule", $$"""{"FlowModuleId":"{{Arn("flow-module", "tagger")}}"}""", next: "jump", errors: OnError("NoMatchingError", "bye")),
            Action("jump", "TransferToFlow", """{"ContactFlowId":"second"}""", errors: OnError("NoMatchingError", "bye")),
            Bye);
        f.Flow("broken",
            Action("module", "InvokeFlowModule", """{"FlowModuleId":"missing"}""", next: "jump", errors: OnError("NoMatchingError", "jump")),
            Action("jump", "TransferToFlow", """{"ContactFlowId":"missing"}""", errors: OnError("NoMatchingError", "bye")),
            Bye);

        var contact = f.Start("first");

        Assert.Equal(["module:" + Arn("flow-module", "tagger"), "tag:Success", "return:Return", "jump:" + Arn("contact-flow", "second"), "set:Success", "set-transfer:Success"], Trail(contact));
        Assert.Equal(["first", "tagger", "tagger", "first", "second", "second"], contact.Log.Select(e => e.FlowName));
        Assert.Equal(("yes", "support"), (contact.Attributes["tagged"], contact.Routed!.QueueId));
        Assert.Equal(["module!NoMatchingError", "jump!NoMatchingError", "bye:"], Trail(f.Start("broken")));
    }

    [Fact]
    public void DistributeByPercentage_splits_by_its_chain_of_less_than_conditions()
    {
        var f = new FlowFixture(seed: 7);
        f.Flow("ab",
            Action("split", "DistributeByPercentage", conditions: Both(When("NumericLessThan", "21", "a"), When("NumericLessThan", "61", "b")), errors: OnError("NoMatchingCondition", "c")),
            Action("a", "EndFlowExecution"), Action("b", "EndFlowExecution"), Action("c", "EndFlowExecution"));

        var counts = Enumerable.Range(0, 2000).Select(_ => f.Start("ab").Log[1].ActionIdentifier).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

        // 20 %, 40 %, 40 % (binomial: ± 3 standard deviations).
        Assert.InRange(counts["a"], 400 - 54, 400 + 54);
        Assert.InRange(counts["b"], 800 - 66, 800 + 66);
        Assert.InRange(counts["c"], 800 - 66, 800 + 66);
    }

    [Fact]
    public void Wait_pauses_the_inbound_flow_in_virtual_time()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("slow", [Action("wait", "Wait", """{"TimeoutSeconds":"300"}""", conditions: When("Equals", "WaitCompleted", "set")), .. QueueIn("support"), Bye]);

        var contact = f.Start("slow", id: "c-1");
        Assert.Equal(FlowOutcome.InFlow, contact.Outcome);
        Assert.Same(contact, f.Flows.Find("c-1"));
        Assert.Null(contact.Routed);

        f.Advance(299);
        Assert.Null(contact.Routed);
        f.Advance(1);
        Assert.Equal(ContactState.Queued, contact.Routed!.State);
        Assert.Equal(EngineFixture.Start.AddSeconds(300), contact.Log[0].Timestamp);
        Assert.Same(contact, f.Flows.Find("c-1"));
    }

    [Fact]
    public void A_contact_stopped_while_its_inbound_flow_waits_ends_stopped_and_its_flow_does_not_go_on()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("slow", [Action("wait", "Wait", """{"TimeoutSeconds":"300"}""", conditions: When("Equals", "WaitCompleted", "set")), .. QueueIn("support"), Bye]);
        var contact = f.Start("slow", id: "c-1");
        f.Advance(10);

        Assert.Same(contact, f.Flows.InFlowContact("c-1"));
        Assert.Equal(EngineFixture.Start, contact.EnteredAt);
        Assert.True(f.Flows.StopInFlow("c-1"));

        Assert.Null(f.Flows.InFlowContact("c-1"));
        Assert.Equal((ContactState.Ended, ContactEnd.Stopped), (contact.Routed!.State, contact.Routed.EndReason));
        Assert.False(f.Flows.StopInFlow("c-1"));
        f.Advance(600);
        Assert.Equal(ContactState.Ended, contact.Routed.State);
        Assert.Equal(0, f.Engine.Engine.WaitingInQueue(contact.Region, "support"));
        Assert.Equal(FlowOutcome.Disconnected, contact.Outcome);
    }

    [Fact]
    public void Lambda_answers_with_its_canned_response_or_takes_the_error_branch()
    {
        var f = new FlowFixture();
        const string Function = "arn:aws:lambda:us-east-1:000000000000:function:lookup";
        f.Flow("lambda",
            Action("call", "InvokeLambdaFunction", $$"""{"LambdaFunctionARN":"{{Function}}","InvocationTimeLimitSeconds":"3"}""", next: "check", errors: OnError("NoMatchingError", "failed")),
            Action("check", "Compare", """{"ComparisonValue":"$.External.tier"}""", conditions: When("Equals", "gold", "gold"), errors: OnError("NoMatchingCondition", "failed")),
            Action("gold", "EndFlowExecution"),
            Action("failed", "EndFlowExecution"));

        Assert.Equal("failed", f.Start("lambda").Log[1].ActionIdentifier);
        f.Lambdas.Set(Function, new LambdaResponse(new Dictionary<string, string> { ["tier"] = "gold" }));
        var contact = f.Start("lambda");
        Assert.Equal(["call:Success", "check:gold", "gold:"], Trail(contact));
        Assert.Equal("gold", contact.External["tier"]);
        f.Lambdas.Set(Function, new LambdaResponse(new Dictionary<string, string>(), Fails: true));
        Assert.Equal("call!NoMatchingError", Trail(f.Start("lambda"))[0]);
    }

    [Fact]
    public void Unsupported_and_unknown_actions_take_their_error_branch_and_never_crash()
    {
        var f = new FlowFixture();
        f.Flow("input",
            Action("ask", "GetParticipantInput", """{"Text":"Press 1"}""", conditions: When("Equals", "1", "bye"), errors: OnError("NoMatchingError", "end")),
            Action("end", "EndFlowExecution"), Bye);
        f.Flow("unknown", Action("what", "NoSuchAction"));

        var asked = f.Start("input");
        var unknown = f.Start("unknown");

        Assert.Equal(["ask!NoMatchingError", "end:"], Trail(asked));
        Assert.Contains("GetParticipantInput is not run by ConnectLocal", asked.Log[0].Error);
        Assert.Equal(["what!NoMatchingError"], Trail(unknown));
        Assert.Equal(FlowOutcome.Disconnected, unknown.Outcome);
    }

    [Fact]
    public void A_loop_without_a_pause_is_stopped_and_logged()
    {
        var f = new FlowFixture();
        f.Flow("spin", Action("again", "Compare", """{"ComparisonValue":"x"}""", conditions: When("Equals", "x", "again")));

        var contact = f.Start("spin");

        Assert.Equal(FlowOutcome.Disconnected, contact.Outcome);
        Assert.StartsWith("StepLimit", contact.Log[^1].Error);
        Assert.Equal(FlowInterpreter.MaxStepsWithoutPause + 1, contact.Log.Count);
    }

    [Fact]
    public void Inbound_flow_that_ends_without_queuing_disconnects_and_recorded_actions_are_logged()
    {
        var f = new FlowFixture();
        f.Flow("goodbye",
            Action("say", "MessageParticipant", """{"Text":"We are closed"}""", next: "voice"),
            Action("voice", "UpdateContactTextToSpeechVoice", """{"TextToSpeechVoice":"Joanna"}""", next: "end"),
            Action("end", "EndFlowExecution"));

        var contact = f.Start("goodbye", id: "c-2");

        Assert.Equal(["say:Success", "voice:Success", "end:"], Trail(contact));
        Assert.Equal("We are closed", contact.Log[0].Parameters["Text"]);
        Assert.Equal(ContactEnd.Disconnected, contact.Routed!.EndReason);
        Assert.Same(contact.Routed, f.Engine.Engine.FindContact("c-2"));
        Assert.Same(contact, f.Flows.Find("c-2"));
    }

    [Fact]
    public void Queue_flow_can_move_the_waiting_contact_ahead_and_its_end_leaves_the_contact_waiting()
    {
        var f = new FlowFixture();
        f.Queue("support");
        f.Flow("bump",
            Action("wait", "Wait", """{"TimeoutSeconds":"30"}""", conditions: When("Equals", "WaitCompleted", "bump")),
            Action("bump", "UpdateContactRoutingBehavior", """{"QueuePriority":"2"}""", next: "end"),
            Action("end", "EndFlowExecution"));
        f.Flow("plain", [.. QueueIn("support"), Bye]);
        f.Flow("hooked", [Action("hooks", "UpdateContactEventHooks", $$$"""{"EventHooks":{"CustomerQueue":"{{{Arn("contact-flow", "bump")}}}"}}""", next: "set"), .. QueueIn("support"), Bye]);

        var first = f.Start("plain");
        var bumped = f.Start("hooked");
        f.Advance(30);

        Assert.Equal(["wait:WaitCompleted", "bump:Success", "end:"], Trail(bumped)[^3..]);
        Assert.Equal((ContactState.Queued, 2L), (bumped.Routed!.State, bumped.Routed.QueuePriority));
        f.Agent("ana", "support");
        Assert.Same(bumped.Routed, f.Engine.Engine.FindAgent("ana")!.Contacts[0]);
        Assert.Equal(ContactState.Queued, first.Routed!.State);
    }
}
