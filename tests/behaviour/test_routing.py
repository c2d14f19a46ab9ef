"""The routing engine through real clients: contacts started with StartChatContact, StartTaskContact and
StartOutboundVoiceContact or dialled through the /_connectlocal/routing control endpoint, offered to agents by
the rules of behaviour doc §4, seen with DescribeContact, GetCurrentUserData and GetCurrentMetricData, ended with
StopContact; configuration changes (PutUserStatus, UpdateRoutingProfileConcurrency, UpdateTrafficDistribution)
taking effect on the next decision. docs/routing.md describes the engine.
"""
import json
import unittest
import urllib.error
import urllib.request

import support
from pinned_model import pinned_client
from support import ENDPOINT, cli, client, create_instance, unique

EAST, WEST = "us-east-1", "us-west-2"
INBOUND_FLOW = "Sample inbound flow (first contact experience)"  # its flow queues every contact in BasicQueue (docs/routing.md)
PASSWORD = "Passw0rd-Example1"


def control(method, path, body=None):
    """Calls the routing control endpoint; returns (status, parsed body)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{ENDPOINT}/_connectlocal/routing{path}", data=data, method=method,
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def act(contact_id, action, body=None):
    status, out = control("POST", f"/contacts/{contact_id}/{action}", body or {})
    assert status == 200, (status, out)
    return out


class Center:
    """An instance with named helpers: agents, statuses, queues."""

    def __init__(self, connect, instance_id):
        self.connect, self.iid = connect, instance_id
        # a SAML instance (the replicated ones) takes no password
        identity = connect.describe_instance(InstanceId=instance_id)["Instance"]["IdentityManagementType"]
        self.password = {"Password": PASSWORD} if identity == "CONNECT_MANAGED" else {}
        statuses = connect.list_agent_statuses(InstanceId=instance_id)["AgentStatusSummaryList"]
        self.available = next(s["Id"] for s in statuses if s["Name"] == "Available")
        self.offline = next(s["Id"] for s in statuses if s["Name"] == "Offline")
        self.basic_queue = next(q["Id"] for q in connect.list_queues(InstanceId=instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
                                if q["Name"] == "BasicQueue")
        self.basic_profile = next(p["Id"] for p in connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
                                  if p["Name"] == "Basic Routing Profile")
        self.agent_security = next(s["Id"] for s in connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
                                   if s["Name"] == "Agent")
        # contacts start in an inbound flow of the instance (docs/flows.md): the sample flow every instance gets
        self.flow = next(f["Id"] for p in connect.get_paginator("list_contact_flows").paginate(InstanceId=instance_id, ContactFlowTypes=["CONTACT_FLOW"])
                         for f in p["ContactFlowSummaryList"] if f["Name"] == INBOUND_FLOW)

    def profile(self, media, channels=("VOICE", "CHAT", "TASK")):
        return self.connect.create_routing_profile(
            InstanceId=self.iid, Name=unique("rp"), Description="test", DefaultOutboundQueueId=self.basic_queue,
            MediaConcurrencies=media,
            QueueConfigs=[{"QueueReference": {"QueueId": self.basic_queue, "Channel": c}, "Priority": 1, "Delay": 0} for c in channels],
        )["RoutingProfileId"]

    def agent(self, profile=None, auto_accept=True, available=True):
        user = self.connect.create_user(
            Username=unique("agent"), **self.password, InstanceId=self.iid,
            IdentityInfo={"FirstName": "Ada", "LastName": "Agent"},
            PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": auto_accept, "AfterContactWorkTimeLimit": 0},
            SecurityProfileIds=[self.agent_security], RoutingProfileId=profile or self.basic_profile)["UserId"]
        if available:
            self.status(user, self.available)
        return user

    def status(self, user, status_id):
        self.connect.put_user_status(InstanceId=self.iid, UserId=user, AgentStatusId=status_id)

    def chat(self):
        return self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId=self.flow,
                                               ParticipantDetails={"DisplayName": "Customer"})["ContactId"]

    def call(self, region=EAST, **more):
        status, out = control("POST", "/calls", {"instanceId": self.iid, "region": region, **more})
        assert status == 200, (status, out)
        return out

    def contact(self, contact_id):
        return self.connect.describe_contact(InstanceId=self.iid, ContactId=contact_id)["Contact"]

    def user_data(self, user):
        data = self.connect.get_current_user_data(InstanceId=self.iid, Filters={"Agents": [user]})["UserDataList"]
        return data[0] if data else None

    def metrics(self, names, channels=("VOICE", "CHAT", "TASK")):
        out = self.connect.get_current_metric_data(
            InstanceId=self.iid, Filters={"Queues": [self.basic_queue], "Channels": list(channels)},
            Groupings=["QUEUE", "CHANNEL"], CurrentMetrics=[{"Name": n, "Unit": "SECONDS" if n == "OLDEST_CONTACT_AGE" else "COUNT"} for n in names])
        return {r["Dimensions"]["Channel"]: {c["Metric"]["Name"]: c.get("Value") for c in r["Collections"]} for r in out["MetricResults"]}


class RoutingCase(unittest.TestCase):
    def setUp(self):
        self.connect = client()
        self.center = Center(self.connect, create_instance(self.connect))


class ContactsTest(RoutingCase):
    def test_chat_is_offered_to_the_available_agent_and_connects_when_accepted(self):
        agent = self.center.agent()
        chat = self.center.chat()

        described = self.center.contact(chat)
        self.assertEqual("CHAT", described["Channel"])
        self.assertEqual("API", described["InitiationMethod"])
        self.assertEqual(self.center.basic_queue, described["QueueInfo"]["Id"])
        self.assertEqual(agent, described["AgentInfo"]["Id"])
        self.assertNotIn("ConnectedToAgentTimestamp", described["AgentInfo"])
        contact = self.center.user_data(agent)["Contacts"][0]
        self.assertEqual((chat, "INCOMING"), (contact["ContactId"], contact["AgentContactState"]))

        self.assertEqual("CONNECTED", act(chat, "accept")["state"])
        self.assertIn("ConnectedToAgentTimestamp", self.center.contact(chat)["AgentInfo"])
        self.assertEqual("CONNECTED", self.center.user_data(agent)["Contacts"][0]["AgentContactState"])

    def test_call_with_auto_accept_connects_then_after_contact_work_holds_the_slot_until_finished(self):
        agent = self.center.agent()
        first = self.center.call()["contactId"]
        second = self.center.call()["contactId"]
        self.assertEqual("CONNECTED", control("GET", f"/contacts/{first}")[1]["state"])
        self.assertEqual("QUEUED", control("GET", f"/contacts/{second}")[1]["state"])

        self.assertEqual("AFTER_CONTACT_WORK", act(first, "complete")["state"])  # AfterContactWorkTimeLimit 0: until finished
        self.assertEqual("QUEUED", control("GET", f"/contacts/{second}")[1]["state"])
        self.assertEqual("ENDED", act(first, "finish-after-contact-work")["state"])
        self.assertEqual("CONNECTED", control("GET", f"/contacts/{second}")[1]["state"])
        self.assertIn("DisconnectTimestamp", self.center.contact(first))
        self.assertEqual(agent, self.center.contact(second)["AgentInfo"]["Id"])

    def test_task_and_outbound_voice_are_queued_and_routed(self):
        agent = self.center.agent()
        task = self.connect.start_task_contact(InstanceId=self.center.iid, ContactFlowId=self.center.flow, Name="Refund", Description="Order 42")["ContactId"]
        described = self.center.contact(task)
        self.assertEqual(("TASK", "API", "Refund", "Order 42", agent),
                         (described["Channel"], described["InitiationMethod"], described["Name"], described["Description"], described["AgentInfo"]["Id"]))

        # The Basic Routing Profile has no cross-channel behaviour (current channel only): while the task is with
        # the agent, the outbound call waits.
        outbound = self.connect.start_outbound_voice_contact(InstanceId=self.center.iid, ContactFlowId=self.center.flow, DestinationPhoneNumber="+12065550123",
                                                             QueueId=self.center.basic_queue)["ContactId"]
        described = self.center.contact(outbound)
        self.assertEqual(("VOICE", "OUTBOUND"), (described["Channel"], described["InitiationMethod"]))
        self.assertNotIn("AgentInfo", described)

        act(task, "accept")
        act(task, "complete", {"afterContactWorkSeconds": 0})
        self.assertEqual(agent, self.center.contact(outbound)["AgentInfo"]["Id"])

    def test_stop_contact_ends_a_waiting_contact_and_then_answers_contact_not_found(self):
        chat = self.center.chat()  # nobody is available: it waits
        self.assertNotIn("AgentInfo", self.center.contact(chat))
        self.connect.stop_contact(InstanceId=self.center.iid, ContactId=chat)
        self.assertIn("DisconnectTimestamp", self.center.contact(chat))
        with self.assertRaises(self.connect.exceptions.ContactNotFoundException):
            self.connect.stop_contact(InstanceId=self.center.iid, ContactId=chat)
        with self.assertRaises(self.connect.exceptions.ResourceNotFoundException):
            self.center.contact("00000000-0000-4000-8000-000000000000")

    def test_task_needs_exactly_one_of_flow_quick_connect_and_template(self):
        with self.assertRaises(self.connect.exceptions.InvalidParameterException):
            self.connect.start_task_contact(InstanceId=self.center.iid, Name="none")
        with self.assertRaises(self.connect.exceptions.InvalidParameterException):
            self.connect.start_task_contact(InstanceId=self.center.iid, Name="two", ContactFlowId=self.center.flow, TaskTemplateId="t")


class RulesThroughTheApiTest(RoutingCase):
    def test_agent_in_a_non_routable_status_is_not_offered_and_put_user_status_available_offers_at_once(self):
        agent = self.center.agent(available=False)
        self.center.status(agent, self.center.offline)
        call = self.center.call()["contactId"]
        self.assertEqual("QUEUED", control("GET", f"/contacts/{call}")[1]["state"])

        self.center.status(agent, self.center.available)
        self.assertEqual(("CONNECTED", agent), (lambda c: (c["state"], c["agentId"]))(control("GET", f"/contacts/{call}")[1]))

    def test_put_user_status_while_handling_a_contact_sets_the_next_status_applied_when_the_contact_ends(self):
        # PutUserStatus: "If the agent is currently handling a contact, this sets the agent's next status."
        agent = self.center.agent()
        first = self.center.call()["contactId"]
        self.assertEqual("CONNECTED", control("GET", f"/contacts/{first}")[1]["state"])

        self.center.status(agent, self.center.offline)
        data = self.center.user_data(agent)
        self.assertEqual("Available", data["Status"]["StatusName"])
        self.assertEqual("Offline", data["NextStatus"])
        second = self.center.call()["contactId"]  # a next status pending: no new contact, even with a free slot later
        self.assertEqual("AFTER_CONTACT_WORK", act(first, "complete")["state"])
        self.assertEqual("Offline", self.center.user_data(agent)["NextStatus"])

        self.assertEqual("ENDED", act(first, "finish-after-contact-work")["state"])
        self.assertIsNone(self.center.user_data(agent))  # offline now, with no contact: not in GetCurrentUserData
        self.assertEqual("QUEUED", control("GET", f"/contacts/{second}")[1]["state"])

        self.center.status(agent, self.center.available)
        self.assertEqual(("CONNECTED", agent), (lambda c: (c["state"], c["agentId"]))(control("GET", f"/contacts/{second}")[1]))
        self.assertNotIn("NextStatus", self.center.user_data(agent))

    def test_asking_again_for_the_current_status_cancels_a_pending_next_status(self):
        agent = self.center.agent()
        call = self.center.call()["contactId"]
        self.center.status(agent, self.center.offline)
        self.assertEqual("Offline", self.center.user_data(agent)["NextStatus"])

        self.center.status(agent, self.center.available)
        self.assertNotIn("NextStatus", self.center.user_data(agent))
        act(call, "complete")
        act(call, "finish-after-contact-work")
        self.assertEqual("Available", self.center.user_data(agent)["Status"]["StatusName"])

    def test_longest_idle_agent_gets_the_call(self):
        first = self.center.agent()
        second = self.center.agent()
        self.assertEqual(first, self.center.call()["agentId"])
        self.assertEqual(second, self.center.call()["agentId"])

    def test_raising_chat_concurrency_applies_to_the_next_decision(self):
        profile = self.center.profile([{"Channel": "CHAT", "Concurrency": 1}], channels=("CHAT",))
        agent = self.center.agent(profile)
        chats = [self.center.chat() for _ in range(3)]
        self.assertEqual(2, self.center.metrics(["CONTACTS_IN_QUEUE"], ["CHAT"])["CHAT"]["CONTACTS_IN_QUEUE"])

        self.connect.update_routing_profile_concurrency(InstanceId=self.center.iid, RoutingProfileId=profile,
                                                        MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 3}])
        data = self.center.user_data(agent)
        self.assertEqual({"CHAT": 3}, data["ActiveSlotsByChannel"])
        self.assertEqual({"CHAT": 3}, data["MaxSlotsByChannel"])
        self.assertEqual({"CHAT": 0}, data["AvailableSlotsByChannel"])
        self.assertEqual(sorted(chats), sorted(c["ContactId"] for c in data["Contacts"]))

    def test_voice_route_any_channel_lets_an_agent_on_a_call_take_a_chat_and_current_only_does_not(self):
        for behaviour, chat_offered in (("ROUTE_ANY_CHANNEL", True), ("ROUTE_CURRENT_CHANNEL_ONLY", False)):
            profile = self.center.profile([{"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": behaviour}},
                                           {"Channel": "CHAT", "Concurrency": 2}], channels=("VOICE", "CHAT"))
            agent = self.center.agent(profile)
            call = self.center.call()
            self.assertEqual(agent, call["agentId"])
            chat = self.center.chat()
            self.assertEqual(chat_offered, self.center.contact(chat).get("AgentInfo", {}).get("Id") == agent, behaviour)
            act(call["contactId"], "complete", {"afterContactWorkSeconds": 0})
            self.connect.stop_contact(InstanceId=self.center.iid, ContactId=chat)
            self.center.status(agent, self.center.offline)

    def test_current_metrics_by_queue_and_channel(self):
        profile = self.center.profile([{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2}], channels=("VOICE", "CHAT"))
        busy = self.center.agent(profile)
        self.center.call()  # busy takes it; voice blocks chat (current channel only)
        waiting = self.center.call()["contactId"]
        idle = self.center.agent(self.center.profile([{"Channel": "CHAT", "Concurrency": 2}], channels=("CHAT",)))

        names = ["AGENTS_ONLINE", "AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "SLOTS_ACTIVE", "SLOTS_AVAILABLE"]
        m = self.center.metrics(names, ["VOICE", "CHAT"])

        self.assertEqual({"AGENTS_ONLINE": 1, "AGENTS_AVAILABLE": 0, "AGENTS_ON_CONTACT": 1, "CONTACTS_IN_QUEUE": 1, "SLOTS_ACTIVE": 1, "SLOTS_AVAILABLE": 0},
                         {k: v for k, v in m["VOICE"].items() if k != "OLDEST_CONTACT_AGE"})
        self.assertGreaterEqual(m["VOICE"]["OLDEST_CONTACT_AGE"], 0)
        self.assertEqual({"AGENTS_ONLINE": 2, "AGENTS_AVAILABLE": 1, "AGENTS_ON_CONTACT": 0, "CONTACTS_IN_QUEUE": 0, "OLDEST_CONTACT_AGE": 0, "SLOTS_ACTIVE": 0, "SLOTS_AVAILABLE": 2},
                         m["CHAT"])
        self.assertEqual(waiting, control("GET", f"/contacts/{waiting}")[1]["contactId"])
        self.assertIsNotNone(idle)

    def test_real_time_metrics_follow_the_administrator_guides_definitions(self):
        profile = self.center.profile([{"Channel": "CHAT", "Concurrency": 2}], channels=("CHAT",))
        agent = self.center.agent(profile)
        names = ["AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "AGENTS_AFTER_CONTACT_WORK", "SLOTS_ACTIVE", "SLOTS_AVAILABLE"]

        def chat_metrics():
            return self.center.metrics(names, ["CHAT"])["CHAT"]

        self.assertEqual({"AGENTS_AVAILABLE": 1, "AGENTS_ON_CONTACT": 0, "AGENTS_AFTER_CONTACT_WORK": 0, "SLOTS_ACTIVE": 0, "SLOTS_AVAILABLE": 2},
                         chat_metrics())
        first = self.center.chat()
        # ringing: the offer holds a slot, but the contact is not active yet and the agent is no longer Available
        self.assertEqual({"AGENTS_AVAILABLE": 0, "AGENTS_ON_CONTACT": 0, "AGENTS_AFTER_CONTACT_WORK": 0, "SLOTS_ACTIVE": 0, "SLOTS_AVAILABLE": 1},
                         chat_metrics())
        act(first, "accept")
        # one chat and a free chat slot: On contact, not Available
        self.assertEqual({"AGENTS_AVAILABLE": 0, "AGENTS_ON_CONTACT": 1, "AGENTS_AFTER_CONTACT_WORK": 0, "SLOTS_ACTIVE": 1, "SLOTS_AVAILABLE": 1},
                         chat_metrics())
        second = self.center.chat()
        act(second, "accept")
        for chat in (first, second):
            self.assertEqual("AFTER_CONTACT_WORK", act(chat, "complete")["state"])
        # ACW counts contacts, not agents
        self.assertEqual({"AGENTS_AVAILABLE": 0, "AGENTS_ON_CONTACT": 1, "AGENTS_AFTER_CONTACT_WORK": 2, "SLOTS_ACTIVE": 2, "SLOTS_AVAILABLE": 0},
                         chat_metrics())
        for chat in (first, second):
            act(chat, "finish-after-contact-work")
        self.assertEqual({"AGENTS_AVAILABLE": 1, "AGENTS_ON_CONTACT": 0, "AGENTS_AFTER_CONTACT_WORK": 0, "SLOTS_ACTIVE": 0, "SLOTS_AVAILABLE": 2},
                         chat_metrics())

    def test_metric_filter_and_grouping_rules_of_the_reference_are_enforced(self):
        def refused(filters, groupings=None, metrics=("AGENTS_ONLINE",), sort=None):
            args = {"InstanceId": self.center.iid, "Filters": filters,
                    "CurrentMetrics": [{"Name": n, "Unit": "SECONDS" if n == "OLDEST_CONTACT_AGE" else "COUNT"} for n in metrics]}
            if groupings:
                args["Groupings"] = groupings
            if sort:
                args["SortCriteria"] = sort
            with self.assertRaises(self.connect.exceptions.InvalidParameterException):
                self.connect.get_current_metric_data(**args)

        queue, profile = self.center.basic_queue, self.center.basic_profile
        refused({"Queues": [queue], "RoutingProfiles": [profile]})  # not both
        refused({"RoutingProfiles": [profile], "AgentStatuses": [self.center.available]})  # needs Queues
        refused({"Queues": [queue], "RoutingStepExpressions": ["{}"]}, ["QUEUE"])  # needs the grouping
        refused({"Queues": [queue], "Channels": ["VOICE"]}, ["CHANNEL", "AGENT_STATUS"])  # QUEUE must come first
        refused({"Queues": [queue]}, ["QUEUE", "AGENT_STATUS"], metrics=("AGENTS_AVAILABLE",))  # only AGENTS_ONLINE
        refused({"Queues": [queue]}, ["ROUTING_PROFILE"], metrics=("CONTACTS_IN_QUEUE",))  # needs a profile filter
        refused({"Queues": [queue]}, sort=[{"SortByMetric": "SLOTS_ACTIVE", "SortOrder": "ASCENDING"}])
        # what the rules allow still answers
        self.connect.get_current_metric_data(InstanceId=self.center.iid, Filters={"RoutingProfiles": [profile]}, Groupings=["ROUTING_PROFILE"],
                                             CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}])

    def test_outbound_call_needs_a_source_number_or_a_queue(self):
        with self.assertRaises(self.connect.exceptions.InvalidParameterException):
            self.connect.start_outbound_voice_contact(InstanceId=self.center.iid, ContactFlowId=self.center.flow, DestinationPhoneNumber="+12065550123")
        self.connect.start_outbound_voice_contact(InstanceId=self.center.iid, ContactFlowId=self.center.flow, DestinationPhoneNumber="+12065550123",
                                                  SourcePhoneNumber="+12065550100")

    def test_metrics_without_a_queue_or_profile_filter_are_refused(self):
        with self.assertRaises(self.connect.exceptions.InvalidParameterException):
            self.connect.get_current_metric_data(InstanceId=self.center.iid, Filters={"Channels": ["VOICE"]},
                                                 CurrentMetrics=[{"Name": "AGENTS_ONLINE", "Unit": "COUNT"}])

    def test_aws_cli_reads_current_user_data(self):
        agent = self.center.agent()
        out = json.loads(cli("get-current-user-data", "--instance-id", self.center.iid, "--filters", json.dumps({"Agents": [agent]})).stdout)
        self.assertEqual(agent, out["UserDataList"][0]["User"]["Id"])
        self.assertEqual("Available", out["UserDataList"][0]["Status"]["StatusName"])


class GlobalResiliencyRoutingTest(unittest.TestCase):
    def test_calls_shifted_to_the_replica_wait_there_until_the_agents_are_shifted_too(self):
        east, west = client(EAST), client(WEST)
        iid = create_instance(east, identity="SAML")
        east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("replica"))
        # isolated, as before global routing: with it on (a new replica's default) the us-east-1 agent would take the
        # shifted call (test_cross_region_routing.py)
        pinned_client(EAST).update_cross_region_routing(InstanceId=iid, IsolatedAll=True)
        center = Center(east, iid)
        group = next(g for g in east.list_traffic_distribution_groups(InstanceId=iid)["TrafficDistributionGroupSummaryList"] if g["IsDefault"])
        number = east.search_available_phone_numbers(TargetArn=group["Arn"], PhoneNumberCountryCode="US",
                                                     PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        east.claim_phone_number(TargetArn=group["Arn"], PhoneNumber=number)
        agent = center.agent()
        east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=group["Id"], UserId=agent, InstanceId=iid)

        def split(east_pct):
            return {"Distributions": [{"Region": EAST, "Percentage": east_pct}, {"Region": WEST, "Percentage": 100 - east_pct}]}

        before = control("POST", "/calls", {"phoneNumber": number})[1]
        self.assertEqual((EAST, agent), (before["region"], before["agentId"]))
        act(before["contactId"], "complete", {"afterContactWorkSeconds": 0})

        east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(0))
        shifted = control("POST", "/calls", {"phoneNumber": number})[1]
        self.assertEqual((WEST, "QUEUED"), (shifted["region"], shifted["state"]))
        self.assertEqual(1, west.get_current_metric_data(
            InstanceId=iid, Filters={"Queues": [center.basic_queue]}, CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        )["MetricResults"][0]["Collections"][0]["Value"])
        self.assertEqual([], west.get_current_user_data(InstanceId=iid, Filters={"Agents": [agent]})["UserDataList"])

        east.update_traffic_distribution(Id=group["Id"], AgentConfig=split(0))
        after = control("GET", f"/contacts/{shifted['contactId']}")[1]
        self.assertEqual(("CONNECTED", agent), (after["state"], after["agentId"]))
        metadata = west.describe_contact(InstanceId=iid, ContactId=shifted["contactId"])["Contact"]["GlobalResiliencyMetadata"]
        self.assertEqual((WEST, group["Id"]), (metadata["ActiveRegion"], metadata["TrafficDistributionGroupId"]))
        self.assertEqual(agent, west.get_current_user_data(InstanceId=iid, Filters={"Agents": [agent]})["UserDataList"][0]["User"]["Id"])


class ControlEndpointTest(unittest.TestCase):
    def test_unknown_contact_and_action_are_refused(self):
        support.require_server()
        self.assertEqual(404, control("POST", "/contacts/00000000-0000-4000-8000-000000000000/accept", {})[0])
        self.assertEqual(404, control("POST", "/calls", {"phoneNumber": "+10000000000"})[0])
        connect = client()
        center = Center(connect, create_instance(connect))
        chat = center.chat()
        status, out = control("POST", f"/contacts/{chat}/dance", {})
        self.assertEqual(400, status)
        self.assertIn("Unknown action", out["Message"])
        self.assertEqual(400, control("POST", f"/contacts/{chat}/accept", {})[0])  # nobody offered it yet


if __name__ == "__main__":
    unittest.main()
