"""Contacts run their flows (issue 17), through real clients: hours, queues and an inbound flow made with boto3, the
flow associated with a claimed number, a call placed through the control API, and the contact queued in the queue
the flow chose, offered to an agent, with its flow log in Amazon Connect's JSON-lines shape. docs/routing.md,
"Contact flows".
"""
import datetime
import json
import unittest
import urllib.request

from support import ENDPOINT, client, create_instance, unique
from test_routing import Center, control

DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


def action(identifier, type_, parameters=None, next_=None, errors=None, conditions=None):
    transitions = {}
    if next_:
        transitions["NextAction"] = next_
    if errors:
        transitions["Errors"] = [{"NextAction": n, "ErrorType": t} for t, n in errors.items()]
    if conditions:
        transitions["Conditions"] = [{"NextAction": n, "Condition": {"Operator": "Equals", "Operands": [v]}} for v, n in conditions.items()]
    return {"Identifier": identifier, "Type": type_, "Parameters": parameters or {}, "Transitions": transitions}


def flow_logs(contact_id):
    with urllib.request.urlopen(f"{ENDPOINT}/_connectlocal/routing/contacts/{contact_id}/flow-logs", timeout=10) as resp:
        assert resp.headers["content-type"].startswith("application/x-ndjson")
        return [json.loads(line) for line in resp.read().decode().splitlines()]


class ContactFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.connect = client()
        cls.iid = create_instance(cls.connect)
        cls.center = Center(cls.connect, cls.iid)
        # Open all day every day; and open one minute on a day three days from now only: closed now.
        always = cls.connect.create_hours_of_operation(InstanceId=cls.iid, Name=unique("always"), TimeZone="UTC", Config=[
            {"Day": d, "StartTime": {"Hours": 0, "Minutes": 0}, "EndTime": {"Hours": 0, "Minutes": 0}} for d in DAYS])["HoursOfOperationId"]
        later = DAYS[(datetime.datetime.now(datetime.timezone.utc).weekday() + 3) % 7]
        cls.closed = cls.connect.create_hours_of_operation(InstanceId=cls.iid, Name=unique("closed"), TimeZone="America/New_York", Config=[
            {"Day": later, "StartTime": {"Hours": 3, "Minutes": 0}, "EndTime": {"Hours": 3, "Minutes": 1}}])["HoursOfOperationId"]
        cls.support = cls.connect.create_queue(InstanceId=cls.iid, Name=unique("support"), HoursOfOperationId=always)["QueueId"]
        cls.after_hours = cls.connect.create_queue(InstanceId=cls.iid, Name=unique("after-hours"), HoursOfOperationId=cls.closed, MaxContacts=1)["QueueId"]
        content = {"Version": "2019-10-30", "StartAction": "tag", "Actions": [
            action("tag", "UpdateContactAttributes", {"Attributes": {"entry": "phone", "copied": "$.Attributes.caller"}}, next_="queue"),
            action("queue", "UpdateContactTargetQueue", {"QueueId": cls.support}, next_="hours", errors={"NoMatchingError": "bye"}),
            action("hours", "CheckHoursOfOperation", conditions={"True": "transfer", "False": "after"}, errors={"NoMatchingError": "bye"}),
            action("after", "UpdateContactTargetQueue", {"QueueId": cls.after_hours}, next_="transfer", errors={"NoMatchingError": "bye"}),
            action("transfer", "TransferContactToQueue", errors={"QueueAtCapacity": "bye", "NoMatchingError": "bye"}),
            action("bye", "DisconnectParticipant")]}
        cls.flow = cls.connect.create_contact_flow(InstanceId=cls.iid, Name=unique("inbound"), Type="CONTACT_FLOW", Content=json.dumps(content))["ContactFlowId"]
        closed_content = json.loads(json.dumps(content))
        closed_content["Actions"][2]["Parameters"] = {"HoursOfOperationId": cls.closed}
        cls.closed_flow = cls.connect.create_contact_flow(InstanceId=cls.iid, Name=unique("closed"), Type="CONTACT_FLOW", Content=json.dumps(closed_content))["ContactFlowId"]
        arn = cls.connect.describe_instance(InstanceId=cls.iid)["Instance"]["Arn"]
        cls.number = cls.connect.search_available_phone_numbers(TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        number_id = cls.connect.claim_phone_number(TargetArn=arn, PhoneNumber=cls.number)["PhoneNumberId"]
        cls.connect.associate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=cls.iid, ContactFlowId=cls.flow)

    def test_inbound_call_runs_the_numbers_flow_is_queued_offered_and_logged(self):
        profile = self.connect.create_routing_profile(
            InstanceId=self.iid, Name=unique("rp"), Description="support", DefaultOutboundQueueId=self.support,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
            QueueConfigs=[{"QueueReference": {"QueueId": self.support, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}])["RoutingProfileId"]
        agent = self.center.agent(profile=profile, auto_accept=False)

        status, call = control("POST", "/calls", {"phoneNumber": self.number, "attributes": {"caller": "vip"}})

        self.assertEqual(200, status, call)
        self.assertEqual(("OFFERED", self.support, agent, "QUEUED"), (call["state"], call["queueId"], call["agentId"], call["flowOutcome"]))
        described = self.center.contact(call["contactId"])
        self.assertEqual(self.support, described["QueueInfo"]["Id"])
        self.assertEqual({"caller": "vip", "entry": "phone", "copied": "vip"}, described["Attributes"])
        self.assertEqual(5, described["QueuePriority"])
        logs = flow_logs(call["contactId"])
        self.assertEqual(["UpdateContactAttributes", "UpdateContactTargetQueue", "CheckHoursOfOperation", "TransferContactToQueue"],
                         [e["ContactFlowModuleType"] for e in logs])
        self.assertEqual("True", logs[2]["Results"])
        self.assertEqual(self.support, logs[1]["Parameters"]["QueueId"])
        self.assertTrue(all(e["ContactId"] == call["contactId"] and e["ContactFlowId"].endswith(self.flow) for e in logs))
        self.assertEqual(("accept", "CONNECTED"), ("accept", control("POST", f"/contacts/{call['contactId']}/accept", {})[1]["state"]))

    def test_chat_outside_the_hours_takes_the_closed_branch_and_a_full_queue_its_at_capacity_branch(self):
        chat = self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId=self.closed_flow, ParticipantDetails={"DisplayName": "c"})["ContactId"]
        self.assertEqual(self.after_hours, self.center.contact(chat)["QueueInfo"]["Id"])
        self.assertEqual("False", flow_logs(chat)[2]["Results"])

        # The after-hours queue holds MaxContacts 1: the next contact is disconnected by the at-capacity branch.
        full = self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId=self.closed_flow, ParticipantDetails={"DisplayName": "c"})["ContactId"]
        described = self.center.contact(full)
        self.assertNotIn("QueueInfo", described)
        self.assertIn("DisconnectTimestamp", described)
        logs = flow_logs(full)
        self.assertEqual("QueueAtCapacity", logs[-2]["Error"].split(":")[0])
        self.assertEqual("DisconnectParticipant", logs[-1]["ContactFlowModuleType"])

    def test_a_contact_waiting_in_its_inbound_flow_is_described_and_can_be_stopped(self):
        content = {"Version": "2019-10-30", "StartAction": "tag", "Actions": [
            action("tag", "UpdateContactAttributes", {"Attributes": {"step": "waiting"}}, next_="wait"),
            action("wait", "Wait", {"TimeoutSeconds": "3600"}, conditions={"WaitCompleted": "queue"}, errors={"NoMatchingError": "bye"}),
            action("queue", "UpdateContactTargetQueue", {"QueueId": self.support}, next_="transfer"),
            action("transfer", "TransferContactToQueue", errors={"NoMatchingError": "bye"}),
            action("bye", "DisconnectParticipant")]}
        flow = self.connect.create_contact_flow(InstanceId=self.iid, Name=unique("waits"), Type="CONTACT_FLOW", Content=json.dumps(content))["ContactFlowId"]
        chat = self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": "c"},
                                               Attributes={"caller": "vip"})["ContactId"]

        waiting = self.center.contact(chat)
        self.assertEqual(("CHAT", "API", {"caller": "vip", "step": "waiting"}), (waiting["Channel"], waiting["InitiationMethod"], waiting["Attributes"]))
        self.assertNotIn("QueueInfo", waiting)
        self.assertNotIn("DisconnectTimestamp", waiting)
        self.assertIn("InitiationTimestamp", waiting)
        self.assertTrue(waiting["Arn"].endswith("/contact/" + chat))
        # another instance does not see it
        other = create_instance(self.connect)
        with self.assertRaises(self.connect.exceptions.ResourceNotFoundException):
            self.connect.describe_contact(InstanceId=other, ContactId=chat)
        with self.assertRaises(self.connect.exceptions.ContactNotFoundException):
            self.connect.stop_contact(InstanceId=other, ContactId=chat)

        self.connect.stop_contact(InstanceId=self.iid, ContactId=chat)

        stopped = self.center.contact(chat)
        self.assertIn("DisconnectTimestamp", stopped)
        self.assertNotIn("QueueInfo", stopped)
        with self.assertRaises(self.connect.exceptions.ContactNotFoundException):
            self.connect.stop_contact(InstanceId=self.iid, ContactId=chat)
        # the Wait is logged when it completes: stopped, it never does, and nothing after it runs
        self.assertEqual(["UpdateContactAttributes"], [e["ContactFlowModuleType"] for e in flow_logs(chat)])

    def test_saved_and_unknown_flows_are_refused(self):
        saved = self.connect.create_contact_flow(InstanceId=self.iid, Name=unique("saved"), Type="CONTACT_FLOW", Status="SAVED",
                                                 Content=json.dumps({"Version": "2019-10-30", "StartAction": "x", "Actions": []}))["ContactFlowId"]
        with self.assertRaises(self.connect.exceptions.InvalidRequestException):
            self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId=saved, ParticipantDetails={"DisplayName": "c"})
        with self.assertRaises(self.connect.exceptions.ResourceNotFoundException):
            self.connect.start_chat_contact(InstanceId=self.iid, ContactFlowId="00000000-0000-0000-0000-000000000000", ParticipantDetails={"DisplayName": "c"})

    def test_lambda_responses_feed_the_flow_and_unknown_contacts_have_no_flow_log(self):
        function = "arn:aws:lambda:us-east-1:000000000000:function:" + unique("fn")
        content = {"Version": "2019-10-30", "StartAction": "call", "Actions": [
            action("call", "InvokeLambdaFunction", {"LambdaFunctionARN": function, "InvocationTimeLimitSeconds": "3"}, next_="set", errors={"NoMatchingError": "bye"}),
            action("set", "UpdateContactAttributes", {"Attributes": {"tier": "$.External.tier"}}, next_="queue"),
            action("queue", "UpdateContactTargetQueue", {"QueueId": self.support}, next_="transfer"),
            action("transfer", "TransferContactToQueue", errors={"NoMatchingError": "bye"}),
            action("bye", "DisconnectParticipant")]}
        flow = self.connect.create_contact_flow(InstanceId=self.iid, Name=unique("lambda"), Type="CONTACT_FLOW", Content=json.dumps(content))["ContactFlowId"]
        req = urllib.request.Request(f"{ENDPOINT}/_connectlocal/flows/lambda-responses", method="PUT",
                                     data=json.dumps({"functionArn": function, "response": {"tier": "gold"}}).encode(), headers={"content-type": "application/json"})
        urllib.request.urlopen(req, timeout=10).read()
        task = self.connect.start_task_contact(InstanceId=self.iid, ContactFlowId=flow, Name="t")["ContactId"]
        self.assertEqual("gold", self.center.contact(task)["Attributes"]["tier"])
        status, _ = control("GET", "/contacts/00000000-0000-0000-0000-000000000000/flow-logs")
        self.assertEqual(404, status)


if __name__ == "__main__":
    unittest.main()
