"""Routing by agent proficiencies (issue 17) through boto3: a predefined attribute, proficiencies associated to
users, agents put online with PutUserStatus, contacts whose flow sets routing criteria (UpdateRoutingCriteria) or
whose criteria UpdateContactRoutingData sets, who is offered them (the /_connectlocal/routing control endpoint), and
DescribeContact's RoutingCriteria. docs/routing.md, "Routing criteria".
"""
import datetime
import json
import unittest

from botocore.exceptions import ClientError

from support import client, create_instance, unique
from test_flow_runs import action
from test_routing import Center, act, control


def at_least(name, value, level):
    return {"AttributeCondition": {"Name": name, "Value": value, "ProficiencyLevel": level, "ComparisonOperator": "NumberGreaterOrEqualTo"}}


class ProficiencyRoutingTest(unittest.TestCase):
    def setUp(self):
        self.connect = client()
        self.iid = create_instance(self.connect)
        self.center = Center(self.connect, self.iid)
        self.language = unique("Language")
        self.connect.create_predefined_attribute(InstanceId=self.iid, Name=self.language, Values={"StringList": ["English", "Spanish"]})
        self.profile = self.center.profile([{"Channel": "CHAT", "Concurrency": 1}], channels=("CHAT",))

    def agent(self, value, level, available=True):
        user = self.center.agent(profile=self.profile, auto_accept=False, available=False)
        self.connect.associate_user_proficiencies(InstanceId=self.iid, UserId=user, UserProficiencies=[
            {"AttributeName": self.language, "AttributeValue": value, "Level": level}])
        if available:
            self.center.status(user, self.center.available)
        return user

    def state(self, contact_id):
        out = control("GET", f"/contacts/{contact_id}")[1]
        return out["state"], out.get("agentId")

    def test_a_flow_that_sets_routing_criteria_has_its_contact_offered_only_to_an_agent_meeting_them(self):
        english = self.agent("English", 5)  # available first: idle longest
        spanish = self.agent("Spanish", 4)
        criteria = {"Steps": [{"Expression": at_least(self.language, "Spanish", 3), "Expiry": {"DurationInSeconds": 60}}]}
        content = {"Version": "2019-10-30", "StartAction": "criteria", "Actions": [
            action("criteria", "UpdateRoutingCriteria", {"RoutingCriteria": criteria}, next_="queue", errors={"NoMatchingError": "bye"}),
            action("queue", "UpdateContactTargetQueue", {"QueueId": self.center.basic_queue}, next_="transfer", errors={"NoMatchingError": "bye"}),
            action("transfer", "TransferContactToQueue", errors={"QueueAtCapacity": "bye", "NoMatchingError": "bye"}),
            action("bye", "DisconnectParticipant")]}
        flow = self.connect.create_contact_flow(InstanceId=self.iid, Name=unique("spanish"), Type="CONTACT_FLOW", Content=json.dumps(content))["ContactFlowId"]

        chat = self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": "Cliente"})["ContactId"]

        self.assertEqual(("OFFERED", spanish), self.state(chat))
        routing = self.center.contact(chat)["RoutingCriteria"]
        self.assertEqual(0, routing["Index"])
        self.assertIn("ActivationTimestamp", routing)
        [step] = routing["Steps"]
        self.assertEqual(("JOINED", 60), (step["Status"], step["Expiry"]["DurationInSeconds"]))
        self.assertEqual(datetime.timedelta(seconds=60), step["Expiry"]["ExpiryTimestamp"] - routing["ActivationTimestamp"])
        self.assertEqual(at_least(self.language, "Spanish", 3.0), step["Expression"])
        # a chat without criteria goes to the agent idle longest
        plain = self.center.chat()
        self.assertEqual(("OFFERED", english), self.state(plain))
        self.assertNotIn("RoutingCriteria", self.center.contact(plain))

    def test_update_contact_routing_data_sets_criteria_on_a_waiting_contact(self):
        english = self.agent("English", 5, available=False)
        chat = self.center.chat()
        self.connect.update_contact_routing_data(InstanceId=self.iid, ContactId=chat, RoutingCriteria={"Steps": [
            {"Expression": {"OrExpression": [at_least(self.language, "Spanish", 3), {"NotAttributeCondition": at_least(self.language, "English", 1)["AttributeCondition"]}]}}]})
        self.center.status(english, self.center.available)

        self.assertEqual(("QUEUED", None), self.state(chat))
        routing = self.center.contact(chat)["RoutingCriteria"]
        self.assertEqual((0, "ACTIVE"), (routing["Index"], routing["Steps"][0]["Status"]))
        self.assertNotIn("Expiry", routing["Steps"][0])

        self.connect.update_contact_routing_data(InstanceId=self.iid, ContactId=chat, QueuePriority=1,
                                                 RoutingCriteria={"Steps": [{"Expression": at_least(self.language, "English", 4)}]})

        self.assertEqual(("OFFERED", english), self.state(chat))
        described = self.center.contact(chat)
        self.assertEqual((1, "JOINED", 1), (described["RoutingCriteria"]["Index"], described["RoutingCriteria"]["Steps"][0]["Status"], described["QueuePriority"]))

    def test_current_metrics_by_routing_step_count_the_contacts_at_each_step(self):
        spanish = at_least(self.language, "Spanish", 3)
        waiting = [self.center.chat() for _ in range(2)]  # no agent: they wait
        for chat in waiting:
            self.connect.update_contact_routing_data(InstanceId=self.iid, ContactId=chat, RoutingCriteria={"Steps": [{"Expression": spanish}]})
        self.center.chat()  # one without criteria: in the queue, at no step
        # the same expression spelt with another key order and 3.0; another one no contact is at
        same = json.dumps({"AttributeCondition": dict(reversed(list({**spanish["AttributeCondition"], "ProficiencyLevel": 3.0}.items())))})
        other = json.dumps(at_least(self.language, "English", 3))

        def by_step(*expressions):
            out = self.connect.get_current_metric_data(
                InstanceId=self.iid, Groupings=["ROUTING_STEP_EXPRESSION"],
                Filters={"Queues": [self.center.basic_queue], "Channels": ["CHAT"], "RoutingStepExpressions": list(expressions)},
                CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}, {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}])
            return {r["Dimensions"]["RoutingStepExpression"]: [c.get("Value") for c in r["Collections"]] for r in out["MetricResults"]}

        counts = by_step(same, other)
        self.assertEqual(2, counts[same][0])
        self.assertGreaterEqual(counts[same][1], 0)
        self.assertEqual([0, 0], counts[other])
        # criteria replaced on one contact: it moves to the other step
        self.connect.update_contact_routing_data(InstanceId=self.iid, ContactId=waiting[0], RoutingCriteria={"Steps": [{"Expression": json.loads(other)}]})
        counts = by_step(same, other)
        self.assertEqual((1, 1), (counts[same][0], counts[other][0]))

    def test_update_contact_routing_data_errors(self):
        chat = self.center.chat()  # no agent: it waits
        cases = [
            ("InvalidParameterException", dict(ContactId=chat, QueuePriority=1, QueueTimeAdjustmentSeconds=10)),
            ("InvalidParameterException", dict(ContactId=chat)),
            ("InvalidParameterException", dict(ContactId=chat, RoutingCriteria={"Steps": []})),
            ("InvalidParameterException", dict(ContactId=chat, RoutingCriteria={"Steps": [{"Expression": {
                "AttributeCondition": {"Name": self.language, "Value": "English", "ProficiencyLevel": 2.5, "ComparisonOperator": "NumberGreaterOrEqualTo"}}}]})),
            ("InvalidParameterException", dict(ContactId=chat, RoutingCriteria={"Steps": [{"Expression": {
                "AttributeCondition": {"Name": self.language, "Value": "English", "ProficiencyLevel": 2, "ComparisonOperator": "Bogus"}}}]})),
            ("InvalidParameterException", dict(ContactId=chat, RoutingCriteria={"Steps": [{"Expression": {"AndExpression": [], "OrExpression": []}}]})),
            ("ResourceNotFoundException", dict(ContactId="00000000-0000-4000-8000-000000000000", QueuePriority=1)),
        ]
        for code, args in cases:
            with self.subTest(code=code, args=args), self.assertRaises(ClientError) as raised:
                self.connect.update_contact_routing_data(InstanceId=self.iid, **args)
            self.assertEqual(code, raised.exception.response["Error"]["Code"])
            self.assertTrue(raised.exception.response["Error"]["Message"])

        agent = self.center.agent(profile=self.profile)
        act(chat, "accept")
        self.assertEqual(("CONNECTED", agent), self.state(chat))
        with self.assertRaises(ClientError) as raised:
            self.connect.update_contact_routing_data(InstanceId=self.iid, ContactId=chat, QueuePriority=1)
        self.assertEqual("ResourceConflictException", raised.exception.response["Error"]["Code"])


if __name__ == "__main__":
    unittest.main()
