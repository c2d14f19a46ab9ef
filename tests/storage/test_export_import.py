"""Export and import with real clients: a store filled through boto3 (two accounts, both Regions, every resource
area), exported and imported into an empty store, answers every Describe*/List* exactly as before — the same
items, timestamps, versions and NextToken values — through the command line (SQLite to SQLite, SQLite to
PostgreSQL) and through the control API (GET/POST /_connectlocal/state); an account export replaces only that
account.
"""
import json
import os
import unittest
import urllib.request

from botocore.exceptions import ClientError

import nodes

EAST, WEST = "us-east-1", "us-west-2"
OTHER = "111122223333"


def call(fn, **kwargs):
    """The answer without its request id; an error answer is compared as its code and message."""
    try:
        out = fn(**kwargs)
    except ClientError as e:
        return {"error": e.response["Error"].get("Code"), "message": e.response["Error"].get("Message")}
    out.pop("ResponseMetadata", None)
    return out


def populate(node):
    """Fills the node through boto3; returns what answers() needs to read it back."""
    east, west, other = node.client(EAST), node.client(WEST), node.client(EAST, account=OTHER)
    # SAML: Global Resiliency replicates only SAML instances
    iid = east.create_instance(IdentityManagementType="SAML", InstanceAlias=nodes.unique("export"),
                               InboundCallsEnabled=True, OutboundCallsEnabled=True, Tags={"team": "blue"})["Id"]
    for _ in range(3):
        east.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=nodes.unique("more"),
                             InboundCallsEnabled=False, OutboundCallsEnabled=True)
    east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=nodes.unique("export-west"))
    hours = east.create_hours_of_operation(
        InstanceId=iid, Name="Weekdays", TimeZone="Europe/Berlin",
        Config=[{"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 30}}])["HoursOfOperationId"]
    queue = east.create_queue(InstanceId=iid, Name="Support", HoursOfOperationId=hours, MaxContacts=12,
                              Tags={"tier": "gold"})["QueueId"]
    profile = east.create_routing_profile(
        InstanceId=iid, Name="Support agents", Description="export", DefaultOutboundQueueId=queue,
        MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 4}],
        QueueConfigs=[{"QueueReference": {"QueueId": queue, "Channel": "VOICE"}, "Priority": 2, "Delay": 5}])["RoutingProfileId"]
    for n in range(3):
        east.create_routing_profile(InstanceId=iid, Name=f"Profile {n}", Description="more", DefaultOutboundQueueId=queue,
                                    MediaConcurrencies=[{"Channel": "TASK", "Concurrency": 3}])
    security = [s["Id"] for s in east.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"] if s["Name"] == "Agent"]
    user = east.create_user(Username=nodes.unique("agent"), InstanceId=iid,
                            IdentityInfo={"FirstName": "Ada", "LastName": "Agent"},
                            PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 30},
                            SecurityProfileIds=security, RoutingProfileId=profile)["UserId"]
    group = east.create_traffic_distribution_group(Name="failover", InstanceId=iid)
    east.update_traffic_distribution(Id=group["Arn"], TelephonyConfig={
        "Distributions": [{"Region": EAST, "Percentage": 60}, {"Region": WEST, "Percentage": 40}]})
    default_arn = [g["Arn"] for g in east.list_traffic_distribution_groups(InstanceId=iid)["TrafficDistributionGroupSummaryList"]
                   if g["IsDefault"]][0]
    number = east.search_available_phone_numbers(TargetArn=default_arn, PhoneNumberCountryCode="US",
                                                 PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
    east.claim_phone_number(TargetArn=default_arn, PhoneNumber=number, ClientToken=nodes.unique("claim"))
    other_iid = other.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=nodes.unique("other"),
                                      InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
    west.list_instances()
    return {"iid": iid, "hours": hours, "queue": queue, "profile": profile, "user": user, "group": group["Id"],
            "other_iid": other_iid}


def answers(node, ids, accounts=(None, OTHER)):
    """Every read a client would make of the populated state, by name."""
    result = {}
    for account in accounts:
        east, west = node.client(EAST, account=account), node.client(WEST, account=account)
        prefix = account or "default"
        result[f"{prefix} ListInstances page 1"] = call(east.list_instances, MaxResults=2)
        token = result[f"{prefix} ListInstances page 1"].get("NextToken")
        if token:
            result[f"{prefix} ListInstances page 2"] = call(east.list_instances, MaxResults=2, NextToken=token)
        result[f"{prefix} ListInstances"] = call(east.list_instances)
        result[f"{prefix} ListInstances west"] = call(west.list_instances)
        if account == OTHER:
            result["other DescribeInstance"] = call(east.describe_instance, InstanceId=ids["other_iid"])
            result["other ListRoutingProfiles"] = call(east.list_routing_profiles, InstanceId=ids["other_iid"])
            continue
        iid = ids["iid"]
        result["DescribeInstance"] = call(east.describe_instance, InstanceId=iid)
        result["DescribeInstance west"] = call(west.describe_instance, InstanceId=iid)
        result["ListInstanceAttributes"] = call(east.list_instance_attributes, InstanceId=iid)
        result["ListRoutingProfiles page 1"] = call(east.list_routing_profiles, InstanceId=iid, MaxResults=2)
        result["ListRoutingProfiles page 2"] = call(east.list_routing_profiles, InstanceId=iid, MaxResults=2,
                                                    NextToken=result["ListRoutingProfiles page 1"]["NextToken"])
        result["ListRoutingProfiles west"] = call(west.list_routing_profiles, InstanceId=iid)
        result["DescribeRoutingProfile"] = call(east.describe_routing_profile, InstanceId=iid, RoutingProfileId=ids["profile"])
        result["ListRoutingProfileQueues"] = call(east.list_routing_profile_queues, InstanceId=iid, RoutingProfileId=ids["profile"])
        result["SearchRoutingProfiles"] = call(east.search_routing_profiles, InstanceId=iid)
        result["ListQueues"] = call(east.list_queues, InstanceId=iid)
        result["DescribeQueue"] = call(east.describe_queue, InstanceId=iid, QueueId=ids["queue"])
        result["ListHoursOfOperations"] = call(east.list_hours_of_operations, InstanceId=iid)
        result["DescribeHoursOfOperation"] = call(east.describe_hours_of_operation, InstanceId=iid, HoursOfOperationId=ids["hours"])
        result["ListUsers"] = call(east.list_users, InstanceId=iid)
        result["DescribeUser"] = call(east.describe_user, InstanceId=iid, UserId=ids["user"])
        result["ListSecurityProfiles"] = call(east.list_security_profiles, InstanceId=iid)
        result["ListAgentStatuses"] = call(east.list_agent_statuses, InstanceId=iid)
        result["ListTrafficDistributionGroups"] = call(east.list_traffic_distribution_groups, InstanceId=iid)
        result["DescribeTrafficDistributionGroup"] = call(east.describe_traffic_distribution_group, TrafficDistributionGroupId=ids["group"])
        result["GetTrafficDistribution"] = call(east.get_traffic_distribution, Id=ids["group"])
        result["ListPhoneNumbersV2"] = call(east.list_phone_numbers_v2)
        numbers = result["ListPhoneNumbersV2"].get("ListPhoneNumbersSummaryList", [])
        if numbers:
            result["DescribePhoneNumber"] = call(east.describe_phone_number, PhoneNumberId=numbers[0]["PhoneNumberId"])
        result["ListTagsForResource"] = call(east.list_tags_for_resource, resourceArn=result["DescribeInstance"]["Instance"]["Arn"])
    return result


class ExportImportTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nodes.require_server()
        cls.work = nodes.temp_dir("export")
        cls.source_dir = os.path.join(cls.work, "source")
        cls.source = nodes.Node("--data-dir", cls.source_dir, log_dir=cls.work).start()
        cls.ids = populate(cls.source)
        cls.expected = answers(cls.source, cls.ids)
        cls.source.stop()

    def assertSameAnswers(self, expected, actual):
        self.assertEqual(sorted(expected), sorted(actual))
        for name in expected:
            self.assertEqual(expected[name], actual[name], name)

    def test_the_expected_answers_cover_every_area_without_errors(self):
        # Guards the comparisons below against passing on answers that are all errors.
        errors = {name: a for name, a in self.expected.items() if "error" in a}
        self.assertEqual({}, errors)
        self.assertIn("NextToken", self.expected["ListRoutingProfiles page 1"])
        self.assertTrue(self.expected["ListPhoneNumbersV2"]["ListPhoneNumbersSummaryList"])

    def test_command_line_export_imported_into_an_empty_sqlite_store_answers_the_same(self):
        file = os.path.join(self.work, "whole.json")
        nodes.cli("export", file, "--data-dir", self.source_dir)
        target_dir = nodes.temp_dir("import")
        out = nodes.cli("import", file, "--data-dir", target_dir)
        self.assertIn("whole store replaced", out.stdout)
        node = nodes.Node("--data-dir", target_dir, log_dir=self.work).start()
        try:
            self.assertSameAnswers(self.expected, answers(node, self.ids))
        finally:
            node.stop()
        with open(file) as f:
            document = json.load(f)
        self.assertEqual("connectlocal-state", document["format"])
        self.assertIsNone(document["accounts"])
        self.assertIn("page-token", document["secrets"])

    def test_sqlite_export_imported_into_postgresql_answers_the_same(self):
        nodes.require_postgres()
        file = os.path.join(self.work, "to-postgres.json")
        nodes.cli("export", file, "--data-dir", self.source_dir)
        name, connection = nodes.new_database()
        try:
            nodes.cli("import", file, "--postgres", connection)
            node = nodes.Node("--postgres", connection, log_dir=self.work).start()
            try:
                self.assertSameAnswers(self.expected, answers(node, self.ids))
            finally:
                node.stop()
        finally:
            nodes.drop_database(name)

    def test_control_api_export_posted_to_an_empty_in_memory_node_answers_the_same(self):
        source = nodes.Node("--data-dir", self.source_dir, log_dir=self.work).start()
        try:
            with urllib.request.urlopen(source.endpoint + "/_connectlocal/state", timeout=30) as r:
                exported = r.read()
        finally:
            source.stop()
        target = nodes.Node("--in-memory", log_dir=self.work).start()
        try:
            status, body = target.control("POST", "state", exported)
            self.assertEqual(200, status, body)
            self.assertGreater(body["imported"], 50)
            self.assertSameAnswers(self.expected, answers(target, self.ids))
        finally:
            target.stop()

    def test_account_export_replaces_that_account_only(self):
        file = os.path.join(self.work, "account.json")
        nodes.cli("export", file, "--account", OTHER, "--data-dir", self.source_dir)
        target = nodes.Node("--in-memory", log_dir=self.work).start()
        try:
            mine = target.client(EAST).create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="stays",
                                                       InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
            target.client(EAST, account=OTHER).create_instance(
                IdentityManagementType="CONNECT_MANAGED", InstanceAlias="replaced", InboundCallsEnabled=True, OutboundCallsEnabled=True)
            with open(file, "rb") as f:
                status, body = target.control("POST", "state", f.read())
            self.assertEqual(200, status, body)

            other = {k: v for k, v in self.expected.items() if k.startswith("other ") or k.startswith(OTHER)}
            actual = answers(target, self.ids, accounts=(OTHER,))
            # Page tokens are signed with the store's key, which an account export does not carry.
            for answer in list(other.values()) + list(actual.values()):
                answer.pop("NextToken", None)
            self.assertSameAnswers(other, {k: v for k, v in actual.items() if k in other})
            listed = [s["Id"] for s in target.client(EAST).list_instances()["InstanceSummaryList"]]
            self.assertEqual([mine], listed)
        finally:
            target.stop()

    def test_partial_or_foreign_documents_are_refused_and_change_nothing(self):
        target = nodes.Node("--in-memory", log_dir=self.work).start()
        try:
            iid = target.client().create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="keep",
                                                  InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
            status, partial = target.control("GET", "state", query={"kind": "instance"})
            self.assertEqual(200, status)
            self.assertTrue(partial["partial"])
            for document, message in [
                (partial, "a partial export"),
                ({"format": "something-else"}, "not a ConnectLocal export"),
                ({"format": "connectlocal-state", "formatVersion": 99, "accounts": None, "resources": []}, "newer"),
                ({"format": "connectlocal-state", "formatVersion": 1, "accounts": None, "resources": [{"id": "x"}]}, "resources[0]"),
            ]:
                status, body = target.control("POST", "state", document)
                self.assertEqual(400, status, document)
                self.assertIn(message, body.get("message", body.get("Message", "")))
            self.assertEqual(iid, target.client().describe_instance(InstanceId=iid)["Instance"]["Id"])
        finally:
            target.stop()


if __name__ == "__main__":
    unittest.main()
