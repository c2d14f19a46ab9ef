"""Queues (standard and agent) through boto3 and the aws CLI."""
import json
import time
import unittest

import boto3
from botocore.config import Config

from support import ENDPOINT, NO_RETRIES, ConnectTestCase, client, cli, create_instance, unique

MISSING = "11111111-2222-3333-4444-555555555555"


def unvalidated_client():
    """A client that sends what it is given: boto3 itself refuses values below a model minimum."""
    return boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                        aws_secret_access_key="secret", config=NO_RETRIES.merge(Config(parameter_validation=False)))


class QueueTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hours_id = cls.connect.create_hours_of_operation(
            InstanceId=cls.instance_id, Name="Queue hours", TimeZone="UTC", Config=[])["HoursOfOperationId"]
        # a queue's outbound flow is an OUTBOUND_WHISPER flow of the instance (docs/flows.md): the default one
        cls.whisper_flow = next(f["Id"] for f in cls.connect.list_contact_flows(
            InstanceId=cls.instance_id, ContactFlowTypes=["OUTBOUND_WHISPER"])["ContactFlowSummaryList"] if f["Name"] == "Default outbound")

    def create(self, name=None, **kwargs):
        kwargs.setdefault("HoursOfOperationId", self.hours_id)
        out = self.connect.create_queue(InstanceId=self.instance_id, Name=name or unique("queue"), **kwargs)
        return out["QueueId"]

    def describe(self, queue_id, instance_id=None):
        return self.connect.describe_queue(InstanceId=instance_id or self.instance_id, QueueId=queue_id)["Queue"]

    def all_queues(self, instance_id=None, **kwargs):
        pages = self.connect.get_paginator("list_queues").paginate(InstanceId=instance_id or self.instance_id, **kwargs)
        return [q for p in pages for q in p["QueueSummaryList"]]

    def basic_queue(self, instance_id=None):
        return next(q for q in self.all_queues(instance_id) if q.get("Name") == "BasicQueue")

    def test_create_then_describe_returns_every_member(self):
        name = unique("sales")
        hours_arn = self.connect.describe_hours_of_operation(
            InstanceId=self.instance_id, HoursOfOperationId=self.hours_id)["HoursOfOperation"]["HoursOfOperationArn"]
        # the caller id number is a number claimed to the instance (docs/rules.md, CreateQueue)
        number = self.connect.search_available_phone_numbers(InstanceId=self.instance_id, PhoneNumberCountryCode="US",
                                                             PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        number_id = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=number)["PhoneNumberId"]
        caller = {"OutboundCallerIdName": "Sales", "OutboundCallerIdNumberId": number_id, "OutboundFlowId": self.whisper_flow}
        email = self.connect.create_email_address(InstanceId=self.instance_id, EmailAddress=f"{unique('sales')}@example.com")
        before = time.time()
        out = self.connect.create_queue(
            InstanceId=self.instance_id, Name=name, Description="Sales line", HoursOfOperationId=hours_arn,
            # the email address by ARN is kept as its id
            MaxContacts=25, OutboundCallerConfig=caller, OutboundEmailConfig={"OutboundEmailAddressId": email["EmailAddressArn"]},
            Tags={"team": "sales"})
        queue_id = out["QueueId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/queue/{queue_id}",
                         out["QueueArn"])
        queue = self.describe(queue_id)
        self.assertGreaterEqual(queue.pop("LastModifiedTime").timestamp(), before - 1)
        self.assertEqual({
            "QueueId": queue_id, "QueueArn": out["QueueArn"], "Name": name, "Description": "Sales line",
            # the ARN given at creation is kept as the plain id
            "HoursOfOperationId": self.hours_id, "MaxContacts": 25, "Status": "ENABLED",
            "OutboundCallerConfig": caller, "OutboundEmailConfig": {"OutboundEmailAddressId": email["EmailAddressId"]},
            "Tags": {"team": "sales"}, "LastModifiedRegion": "us-east-1",
        }, queue)
        summary = next(q for q in self.all_queues() if q["Id"] == queue_id)
        self.assertEqual({"Id", "Arn", "Name", "QueueType", "LastModifiedTime", "LastModifiedRegion"}, set(summary))
        self.assertEqual((out["QueueArn"], name, "STANDARD"), (summary["Arn"], summary["Name"], summary["QueueType"]))

    def test_optional_members_stay_absent(self):
        queue = self.describe(self.create())
        for member in ["Description", "MaxContacts", "OutboundCallerConfig", "OutboundEmailConfig", "Tags"]:
            self.assertNotIn(member, queue)

    def test_queue_and_instance_may_be_named_by_arn(self):
        queue_id = self.create()
        arn = self.describe(queue_id)["QueueArn"]
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        self.assertEqual(queue_id, self.describe(arn, instance_arn)["QueueId"])
        self.connect.update_queue_status(InstanceId=instance_arn, QueueId=arn, Status="DISABLED")
        self.assertEqual("DISABLED", self.describe(queue_id)["Status"])

    def test_basic_queue_exists_with_basic_hours(self):
        basic = self.describe(self.basic_queue()["Id"])
        hours = self.connect.describe_hours_of_operation(InstanceId=self.instance_id,
                                                         HoursOfOperationId=basic["HoursOfOperationId"])
        self.assertEqual("Basic Hours", hours["HoursOfOperation"]["Name"])
        self.assertEqual("ENABLED", basic["Status"])

    def test_failed_creates_are_refused_and_store_nothing(self):
        name = unique("dup")
        self.create(name)
        count = len(self.all_queues())
        self.assertError("DuplicateResourceException", self.create, name, status=409)
        self.assertError("ResourceNotFoundException", self.create, HoursOfOperationId=MISSING, status=404,
                         message="Hours of operation not found")
        self.assertError("ResourceNotFoundException", self.create, QuickConnectIds=[MISSING], status=404,
                         message="Quick connect not found")
        self.assertError("ResourceNotFoundException", self.create, EmailAddressesConfig=[{"EmailAddressId": MISSING}],
                         status=404)
        self.assertError("InvalidParameterException", self.create, "q" * 128, status=400)
        self.assertError("InvalidParameterException", unvalidated_client().create_queue, InstanceId=self.instance_id,
                         Name=unique("neg"), HoursOfOperationId=self.hours_id, MaxContacts=-1, status=400)
        self.assertError("ResourceNotFoundException", self.connect.create_queue,
                         InstanceId="00000000-0000-0000-0000-000000000000", Name=unique("x"),
                         HoursOfOperationId=self.hours_id, status=404, message="Instance not found")
        # hours of another instance are not found in this one
        other = create_instance(self.connect)
        other_hours = self.connect.list_hours_of_operations(InstanceId=other)["HoursOfOperationSummaryList"][0]["Id"]
        self.assertError("ResourceNotFoundException", self.create, HoursOfOperationId=other_hours)
        self.assertEqual(count, len(self.all_queues()))
        # names are exact, and MaxContacts 0 is the model's lower bound
        self.assertEqual(0, self.describe(self.create(name.upper(), MaxContacts=0))["MaxContacts"])

    def test_unknown_queue_is_not_found_by_every_operation(self):
        calls = [(self.connect.describe_queue, {}), (self.connect.update_queue_name, {"Name": "n"}),
                 (self.connect.update_queue_status, {"Status": "ENABLED"}),
                 (self.connect.update_queue_max_contacts, {"MaxContacts": 1}),
                 (self.connect.update_queue_hours_of_operation, {"HoursOfOperationId": self.hours_id}),
                 (self.connect.update_queue_outbound_caller_config, {"OutboundCallerConfig": {}}),
                 (self.connect.delete_queue, {})]
        for call, kwargs in calls:
            self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id, QueueId=MISSING,
                             status=404, message="Queue not found", **kwargs)
            self.assertError("ResourceNotFoundException", call, InstanceId=MISSING, QueueId=MISSING,
                             message="Instance not found", **kwargs)

    def test_queues_of_another_account_region_or_instance_are_not_found(self):
        queue_id = self.create()
        arn = self.describe(queue_id)["QueueArn"]
        self.assertError("ResourceNotFoundException", client(account="111122223333").describe_queue,
                         InstanceId=self.instance_id, QueueId=queue_id)
        self.assertError("ResourceNotFoundException", self.connect.describe_queue,
                         InstanceId=self.instance_id, QueueId=arn.replace("us-east-1", "eu-west-2"))
        self.assertError("ResourceNotFoundException", self.connect.describe_queue,
                         InstanceId=create_instance(self.connect), QueueId=arn)

    def test_list_filters_by_queue_type(self):
        instance_id = create_instance(self.connect)
        basic = self.basic_queue(instance_id)
        self.assertEqual("STANDARD", basic["QueueType"])
        self.assertEqual([basic], self.all_queues(instance_id))
        self.assertEqual([basic], self.all_queues(instance_id, QueueTypes=["STANDARD"]))
        self.assertEqual([], self.all_queues(instance_id, QueueTypes=["AGENT"]))
        self.assertEqual([basic], self.all_queues(instance_id, QueueTypes=["AGENT", "STANDARD"]))
        self.assertError("InvalidParameterException", self.connect.list_queues, InstanceId=instance_id,
                         QueueTypes=["ROBOT"], status=400)
        self.assertError("ResourceNotFoundException", self.connect.list_queues, InstanceId=MISSING,
                         message="Instance not found")

    def test_list_pages_with_max_results_and_next_token(self):
        instance_id = create_instance(self.connect)
        hours = self.connect.list_hours_of_operations(InstanceId=instance_id)["HoursOfOperationSummaryList"][0]["Id"]
        for i in range(4):
            self.connect.create_queue(InstanceId=instance_id, Name=f"q{i}", HoursOfOperationId=hours)
        for types in [{}, {"QueueTypes": ["STANDARD"]}]:
            seen, token, pages = [], None, 0
            while True:
                extra = {"NextToken": token} if token else {}
                page = self.connect.list_queues(InstanceId=instance_id, MaxResults=2, **types, **extra)
                self.assertLessEqual(len(page["QueueSummaryList"]), 2)
                seen += [q["Id"] for q in page["QueueSummaryList"]]
                pages += 1
                token = page.get("NextToken")
                if not token:
                    break
            self.assertEqual(3, pages, types)  # 4 created + BasicQueue
            self.assertEqual(5, len(set(seen)))
            self.assertEqual(sorted(seen), seen)
        self.assertError("InvalidRequestException", self.connect.list_queues, InstanceId=instance_id,
                         NextToken="bm9wZQ.AAAAAAAAAAAAAAAAAAAAAA", status=400, message="The nextToken is not valid.")
        token = self.connect.list_queues(InstanceId=instance_id, MaxResults=1)["NextToken"]
        self.assertError("InvalidRequestException", self.connect.list_queues, InstanceId=self.instance_id,
                         NextToken=token)
        self.assertError("InvalidParameterException", self.connect.list_queues, InstanceId=instance_id,
                         MaxResults=1001)
        self.assertError("InvalidParameterException", unvalidated_client().list_queues, InstanceId=instance_id,
                         MaxResults=0)

    def test_update_name_and_description(self):
        queue_id = self.create(Description="old")
        before = self.describe(queue_id)
        time.sleep(0.05)
        new_name = unique("renamed")
        self.connect.update_queue_name(InstanceId=self.instance_id, QueueId=queue_id, Name=new_name)
        after = self.describe(queue_id)
        self.assertEqual((new_name, "old"), (after["Name"], after["Description"]))
        self.assertGreater(after["LastModifiedTime"], before["LastModifiedTime"])
        self.connect.update_queue_name(InstanceId=self.instance_id, QueueId=queue_id, Description="new")
        after = self.describe(queue_id)
        self.assertEqual((new_name, "new"), (after["Name"], after["Description"]))
        self.assertIn(new_name, [q.get("Name") for q in self.all_queues()])
        self.assertNotIn(before["Name"], [q.get("Name") for q in self.all_queues()])
        # its own name again is fine; the old name is free for others
        self.connect.update_queue_name(InstanceId=self.instance_id, QueueId=queue_id, Name=new_name)
        self.create(before["Name"])

    def test_duplicate_name_update_changes_nothing(self):
        taken = unique("taken")
        self.create(taken)
        queue_id = self.create(Description="keep")
        before = self.describe(queue_id)
        self.assertError("DuplicateResourceException", self.connect.update_queue_name, InstanceId=self.instance_id,
                         QueueId=queue_id, Name=taken, Description="changed", status=409)
        self.assertError("DuplicateResourceException", self.connect.update_queue_name, InstanceId=self.instance_id,
                         QueueId=queue_id, Name="BasicQueue")
        self.assertEqual(before, self.describe(queue_id))

    def test_update_status(self):
        queue_id = self.create()
        self.connect.update_queue_status(InstanceId=self.instance_id, QueueId=queue_id, Status="DISABLED")
        self.assertEqual("DISABLED", self.describe(queue_id)["Status"])
        self.connect.update_queue_status(InstanceId=self.instance_id, QueueId=queue_id, Status="ENABLED")
        self.assertEqual("ENABLED", self.describe(queue_id)["Status"])
        self.assertError("InvalidParameterException", self.connect.update_queue_status, InstanceId=self.instance_id,
                         QueueId=queue_id, Status="PAUSED", status=400)
        self.assertEqual("ENABLED", self.describe(queue_id)["Status"])

    def test_update_max_contacts_and_absent_means_unlimited(self):
        queue_id = self.create(MaxContacts=3)
        before = self.describe(queue_id)
        time.sleep(0.05)
        self.connect.update_queue_max_contacts(InstanceId=self.instance_id, QueueId=queue_id, MaxContacts=50)
        after = self.describe(queue_id)
        self.assertEqual(50, after["MaxContacts"])
        self.assertGreater(after["LastModifiedTime"], before["LastModifiedTime"])
        self.connect.update_queue_max_contacts(InstanceId=self.instance_id, QueueId=queue_id)
        self.assertNotIn("MaxContacts", self.describe(queue_id))
        self.assertError("InvalidParameterException", unvalidated_client().update_queue_max_contacts,
                         InstanceId=self.instance_id, QueueId=queue_id, MaxContacts=-5)
        self.assertNotIn("MaxContacts", self.describe(queue_id))

    def test_update_hours_of_operation(self):
        queue_id = self.create()
        other = self.connect.create_hours_of_operation(InstanceId=self.instance_id, Name=unique("h"), TimeZone="UTC",
                                                       Config=[])
        self.connect.update_queue_hours_of_operation(InstanceId=self.instance_id, QueueId=queue_id,
                                                     HoursOfOperationId=other["HoursOfOperationArn"])
        self.assertEqual(other["HoursOfOperationId"], self.describe(queue_id)["HoursOfOperationId"])
        self.assertError("ResourceNotFoundException", self.connect.update_queue_hours_of_operation,
                         InstanceId=self.instance_id, QueueId=queue_id, HoursOfOperationId=MISSING,
                         message="Hours of operation not found")
        self.assertEqual(other["HoursOfOperationId"], self.describe(queue_id)["HoursOfOperationId"])

    def test_update_outbound_caller_config_replaces_it(self):
        queue_id = self.create(OutboundCallerConfig={"OutboundCallerIdName": "A", "OutboundFlowId": self.whisper_flow})
        self.connect.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=queue_id,
                                                         OutboundCallerConfig={"OutboundCallerIdName": "B"})
        self.assertEqual({"OutboundCallerIdName": "B"}, self.describe(queue_id)["OutboundCallerConfig"])

    def test_delete_unused_queue(self):
        queue_id = self.create()
        self.connect.delete_queue(InstanceId=self.instance_id, QueueId=queue_id)
        self.assertError("ResourceNotFoundException", self.connect.describe_queue, InstanceId=self.instance_id,
                         QueueId=queue_id, message="Queue not found")
        self.assertNotIn(queue_id, [q["Id"] for q in self.all_queues()])
        self.assertError("ResourceNotFoundException", self.connect.delete_queue, InstanceId=self.instance_id,
                         QueueId=queue_id)

    def test_queue_a_routing_profile_uses_cannot_be_deleted(self):
        basic = self.basic_queue()
        err = self.assertError("ResourceInUseException", self.connect.delete_queue, InstanceId=self.instance_id,
                               QueueId=basic["Arn"], status=409)
        self.assertEqual("ROUTING_PROFILE", err.response["ResourceType"])
        self.assertRegex(err.response["ResourceId"],
                         rf"^arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/routing-profile/[0-9a-f-]{{36}}$")
        self.assertIn("Basic Routing Profile", err.response["Error"]["Message"])
        self.assertEqual("BasicQueue", self.describe(basic["Id"])["Name"])

    def test_tags_by_arn(self):
        queue_id = self.create(Tags={"env": "dev"})
        arn = self.describe(queue_id)["QueueArn"]
        self.assertEqual({"env": "dev"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.connect.untag_resource(resourceArn=arn, tagKeys=["env"])
        self.assertNotIn("Tags", self.describe(queue_id))

    def test_cli_create_list_and_update(self):
        name = unique("cli")
        out = json.loads(cli("create-queue", "--instance-id", self.instance_id, "--name", name,
                             "--hours-of-operation-id", self.hours_id, "--max-contacts", "7").stdout)
        listed = json.loads(cli("list-queues", "--instance-id", self.instance_id, "--queue-types", "STANDARD").stdout)
        self.assertIn(out["QueueId"], [q["Id"] for q in listed["QueueSummaryList"]])
        cli("update-queue-status", "--instance-id", self.instance_id, "--queue-id", out["QueueId"], "--status", "DISABLED")
        got = json.loads(cli("describe-queue", "--instance-id", self.instance_id, "--queue-id", out["QueueId"]).stdout)
        self.assertEqual((name, 7, "DISABLED"), (got["Queue"]["Name"], got["Queue"]["MaxContacts"], got["Queue"]["Status"]))
        bad = cli("create-queue", "--instance-id", self.instance_id, "--name", name, "--hours-of-operation-id",
                  self.hours_id, check=False)
        self.assertNotEqual(0, bad.returncode)
        self.assertIn("DuplicateResourceException", bad.stderr)


class AgentQueueTests(ConnectTestCase):
    """Agent queues come with users: one user of the instance, created once for the class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        profiles = cls.connect.list_security_profiles(InstanceId=cls.instance_id)["SecurityProfileSummaryList"]
        routing = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
        cls.user_id = cls.connect.create_user(
            InstanceId=cls.instance_id, Username=unique("agent"), Password="Passw0rd!Passw0rd",
            IdentityInfo={"FirstName": "Ada", "LastName": "Agent"},
            PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[next(p["Id"] for p in profiles if p["Name"] == "Agent")],
            RoutingProfileId=routing[0]["Id"])["UserId"]

    def test_agent_queue_is_listed_and_described(self):
        agent = self.connect.list_queues(InstanceId=self.instance_id, QueueTypes=["AGENT"])["QueueSummaryList"]
        self.assertEqual([self.user_id], [q["Id"] for q in agent])
        arn = f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/queue/agent/{self.user_id}"
        self.assertEqual(arn, agent[0]["Arn"])
        self.assertEqual("AGENT", agent[0]["QueueType"])
        self.assertNotIn("Name", agent[0])
        everything = self.connect.list_queues(InstanceId=self.instance_id)["QueueSummaryList"]
        self.assertEqual({"STANDARD", "AGENT"}, {q["QueueType"] for q in everything})
        standard = self.connect.list_queues(InstanceId=self.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
        self.assertNotIn(self.user_id, [q["Id"] for q in standard])
        for name in (self.user_id, arn):
            queue = self.connect.describe_queue(InstanceId=self.instance_id, QueueId=name)["Queue"]
            self.assertEqual((self.user_id, arn), (queue["QueueId"], queue["QueueArn"]))

    def test_agent_queue_cannot_be_deleted_or_updated(self):
        before = self.connect.describe_queue(InstanceId=self.instance_id, QueueId=self.user_id)["Queue"]
        self.assertError("InvalidRequestException", self.connect.delete_queue, InstanceId=self.instance_id,
                         QueueId=self.user_id, status=400)
        self.assertError("InvalidRequestException", self.connect.update_queue_name, InstanceId=self.instance_id,
                         QueueId=self.user_id, Name=unique("n"))
        self.assertError("InvalidRequestException", self.connect.update_queue_status, InstanceId=self.instance_id,
                         QueueId=self.user_id, Status="DISABLED")
        self.assertEqual(before, self.connect.describe_queue(InstanceId=self.instance_id, QueueId=self.user_id)["Queue"])


if __name__ == "__main__":
    unittest.main()
