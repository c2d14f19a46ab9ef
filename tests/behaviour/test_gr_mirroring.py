"""Global Resiliency's mirrored configuration through boto3 in both Regions (docs/global-resiliency.md, "Mirrored
configuration"): ReplicateInstance copies queues, routing profiles, users, hours, quick connects, flows, prompts,
security profiles, agent statuses and the user hierarchy with the same ids; later creates, updates and deletes in
either Region reach the other; what is not mirrored stays in its Region; pending mirroring shows in
DescribeInstance and survives a restart; and the ReplicateInstance preconditions of the Admin Guide.
"""
import json
import shutil
import tempfile
import time
import unittest

import support
from support import client, unique, replicable_instance as create_instance
from test_contact_flows import greeting
from test_global_resiliency import EAST, WEST, control, held


PASSWORD = "Passw0rd-Example1"


def statuses(connect, iid):
    config = connect.describe_instance(InstanceId=iid)["ReplicationConfiguration"]
    return {s["Region"]: s["ReplicationStatus"] for s in config["ReplicationStatusSummaryList"]}


def populate(c, iid):
    """Creates one resource of each mirrored family in `c`'s Region; returns their ids by family."""
    hours = c.create_hours_of_operation(
        InstanceId=iid, Name=unique("hours"), TimeZone="Europe/Paris",
        Config=[{"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}])["HoursOfOperationId"]
    queue = c.create_queue(InstanceId=iid, Name=unique("queue"), HoursOfOperationId=hours)["QueueId"]
    profile = c.create_routing_profile(
        InstanceId=iid, Name=unique("rp"), Description="mirrored", DefaultOutboundQueueId=queue,
        MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
        QueueConfigs=[{"QueueReference": {"QueueId": queue, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}])["RoutingProfileId"]
    agent_sp = next(p["Id"] for p in c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"] if p["Name"] == "Agent")
    user = c.create_user(InstanceId=iid, Username=unique("agent"),
                         IdentityInfo={"FirstName": "Ada", "LastName": "Agent"},
                         PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 0},
                         SecurityProfileIds=[agent_sp], RoutingProfileId=profile)["UserId"]
    quick = c.create_quick_connect(InstanceId=iid, Name=unique("qc"), QuickConnectConfig={
        "QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": queue, "ContactFlowId": default_transfer_flow(c, iid)}})["QuickConnectId"]
    flow = c.create_contact_flow(InstanceId=iid, Name=unique("flow"), Type="CONTACT_FLOW",
                                 Content=json.dumps(greeting("mirrored")))["ContactFlowId"]
    prompt = c.create_prompt(InstanceId=iid, Name=unique("prompt"), S3Uri="s3://prompts-bucket/hello.wav")["PromptId"]
    return {"hours": hours, "queue": queue, "profile": profile, "user": user, "quick": quick, "flow": flow, "prompt": prompt}


def default_transfer_flow(c, iid):
    flows = c.list_contact_flows(InstanceId=iid, ContactFlowTypes=["QUEUE_TRANSFER"])["ContactFlowSummaryList"]
    return flows[0]["Id"]


def read_all(c, iid, ids):
    """Each resource as `c`'s Region describes it (names and ARNs), by family."""
    return {
        "hours": c.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=ids["hours"])["HoursOfOperation"],
        "queue": c.describe_queue(InstanceId=iid, QueueId=ids["queue"])["Queue"],
        "profile": c.describe_routing_profile(InstanceId=iid, RoutingProfileId=ids["profile"])["RoutingProfile"],
        "user": c.describe_user(InstanceId=iid, UserId=ids["user"])["User"],
        "quick": c.describe_quick_connect(InstanceId=iid, QuickConnectId=ids["quick"])["QuickConnect"],
        "flow": c.describe_contact_flow(InstanceId=iid, ContactFlowId=ids["flow"])["ContactFlow"],
        "prompt": c.describe_prompt(InstanceId=iid, PromptId=ids["prompt"])["Prompt"],
    }


NAME_KEYS = {"hours": "Name", "queue": "Name", "profile": "Name", "user": "Username", "quick": "Name", "flow": "Name", "prompt": "Name"}
ARN_KEYS = {"hours": "HoursOfOperationArn", "queue": "QueueArn", "profile": "RoutingProfileArn", "user": "Arn",
            "quick": "QuickConnectARN", "flow": "Arn", "prompt": "PromptARN"}


class MirroredConfigurationTests(support.ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        cls.connect = cls.east = client(EAST)
        cls.west = client(WEST)

    def replicated(self):
        iid = create_instance(self.east)
        ids = populate(self.east, iid)
        self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("replica"))
        return iid, ids

    def test_replicate_copies_every_mirrored_resource_with_the_same_ids_and_names(self):
        iid, ids = self.replicated()
        east, west = read_all(self.east, iid, ids), read_all(self.west, iid, ids)
        for family in ids:
            self.assertEqual(east[family][NAME_KEYS[family]], west[family][NAME_KEYS[family]], family)
            self.assertEqual(east[family][ARN_KEYS[family]].replace(f":{EAST}:", f":{WEST}:"), west[family][ARN_KEYS[family]], family)
            self.assertIn(f":{WEST}:", west[family][ARN_KEYS[family]], family)
        self.assertEqual(east["user"]["RoutingProfileId"], west["user"]["RoutingProfileId"])
        self.assertEqual(east["flow"]["Content"], west["flow"]["Content"])
        # the defaults are the source's, with the same ids
        for lister, key in (("list_queues", "QueueSummaryList"), ("list_security_profiles", "SecurityProfileSummaryList"),
                            ("list_agent_statuses", "AgentStatusSummaryList"), ("list_routing_profiles", "RoutingProfileSummaryList")):
            east_ids = sorted(s["Id"] for s in getattr(self.east, lister)(InstanceId=iid)[key])
            west_ids = sorted(s["Id"] for s in getattr(self.west, lister)(InstanceId=iid)[key])
            self.assertEqual(east_ids, west_ids, lister)
        self.assertEqual({EAST: "INSTANCE_REPLICATION_COMPLETE", WEST: "INSTANCE_REPLICATION_COMPLETE"}, statuses(self.west, iid))

    def test_changes_in_either_region_reach_the_other(self):
        iid, ids = self.replicated()
        # source -> replica
        self.east.update_queue_name(InstanceId=iid, QueueId=ids["queue"], Name="renamed-in-east")
        self.assertEqual("renamed-in-east", self.west.describe_queue(InstanceId=iid, QueueId=ids["queue"])["Queue"]["Name"])
        # replica -> source
        self.west.update_user_identity_info(InstanceId=iid, UserId=ids["user"], IdentityInfo={"FirstName": "Westy", "LastName": "Agent"})
        self.assertEqual("Westy", self.east.describe_user(InstanceId=iid, UserId=ids["user"])["User"]["IdentityInfo"]["FirstName"])
        user = self.east.describe_user(InstanceId=iid, UserId=ids["user"])["User"]
        self.assertEqual(WEST, user["LastModifiedRegion"])
        self.west.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=ids["hours"], Description="set in the west")
        self.assertEqual("set in the west", self.east.describe_hours_of_operation(
            InstanceId=iid, HoursOfOperationId=ids["hours"])["HoursOfOperation"]["Description"])
        self.west.update_contact_flow_content(InstanceId=iid, ContactFlowId=ids["flow"], Content=json.dumps(greeting("from west")))
        self.assertIn("from west", self.east.describe_contact_flow(InstanceId=iid, ContactFlowId=ids["flow"])["ContactFlow"]["Content"])
        # tags are part of the record
        self.east.tag_resource(resourceArn=read_all(self.east, iid, ids)["quick"]["QuickConnectARN"], tags={"team": "east"})
        self.assertEqual({"team": "east"}, self.west.describe_quick_connect(InstanceId=iid, QuickConnectId=ids["quick"])["QuickConnect"]["Tags"])
        # created after the replication, in the replica: same id in the source
        created = self.west.create_queue(InstanceId=iid, Name=unique("west-queue"), HoursOfOperationId=ids["hours"])["QueueId"]
        self.assertEqual(created, self.east.describe_queue(InstanceId=iid, QueueId=created)["Queue"]["QueueId"])

    def test_delete_in_one_region_is_gone_in_both(self):
        iid, ids = self.replicated()
        self.west.delete_quick_connect(InstanceId=iid, QuickConnectId=ids["quick"])
        for c in (self.east, self.west):
            self.assertError("ResourceNotFoundException", c.describe_quick_connect, InstanceId=iid, QuickConnectId=ids["quick"])
        self.east.delete_user(InstanceId=iid, UserId=ids["user"])
        for c in (self.east, self.west):
            self.assertError("ResourceNotFoundException", c.describe_user, InstanceId=iid, UserId=ids["user"])
        # the in-use rules of each Region still hold: a queue used by a profile cannot be deleted in either
        self.assertError("ResourceInUseException", self.west.delete_queue, InstanceId=iid, QueueId=ids["queue"])

    def test_agents_exist_in_both_regions_for_the_traffic_distribution_group(self):
        iid, ids = self.replicated()
        groups = self.east.list_traffic_distribution_groups(InstanceId=iid)["TrafficDistributionGroupSummaryList"]
        arn = next(g["Arn"] for g in groups if g["IsDefault"])
        self.east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=arn, UserId=ids["user"], InstanceId=iid)
        listed = self.west.list_traffic_distribution_group_users(TrafficDistributionGroupId=arn)["TrafficDistributionGroupUserSummaryList"]
        self.assertEqual([ids["user"]], [u["UserId"] for u in listed])
        self.assertEqual(ids["user"], self.west.describe_user(InstanceId=iid, UserId=ids["user"])["User"]["Id"])

    def test_what_is_not_mirrored_stays_in_its_region(self):
        iid, _ = self.replicated()
        vocabulary = self.east.create_vocabulary(InstanceId=iid, VocabularyName=unique("vocab"), LanguageCode="en-US",
                                                 Content="Phrase\tIPA\tSoundsLike\tDisplayAs\nConnect\t\t\t\n")["VocabularyId"]
        self.assertError("ResourceNotFoundException", self.west.describe_vocabulary, InstanceId=iid, VocabularyId=vocabulary)

    def test_a_held_mirroring_is_pending_and_reported_per_region(self):
        iid, ids = self.replicated()
        with held("mirroring"):
            self.east.update_queue_name(InstanceId=iid, QueueId=ids["queue"], Name="not-yet-west")
            self.assertNotEqual("not-yet-west", self.west.describe_queue(InstanceId=iid, QueueId=ids["queue"])["Queue"]["Name"])
            self.assertEqual({EAST: "INSTANCE_REPLICATION_COMPLETE", WEST: "INSTANCE_REPLICATION_IN_PROGRESS"}, statuses(self.east, iid))
            summary = next(s for s in self.west.describe_instance(InstanceId=iid)["ReplicationConfiguration"]["ReplicationStatusSummaryList"]
                           if s["Region"] == WEST)
            self.assertIn("1", summary["ReplicationStatusReason"])
            pending = control("GET")[1]["pending"]
            self.assertIn(("mirroring", f"{iid}/queue/{ids['queue']}"), [(p["kind"], p["targetId"]) for p in pending])
        self.assertEqual("not-yet-west", self.west.describe_queue(InstanceId=iid, QueueId=ids["queue"])["Queue"]["Name"])
        self.assertEqual({EAST: "INSTANCE_REPLICATION_COMPLETE", WEST: "INSTANCE_REPLICATION_COMPLETE"}, statuses(self.east, iid))

    def test_a_delete_while_held_removes_the_copy_when_released(self):
        iid, ids = self.replicated()
        with held("mirroring"):
            self.east.delete_prompt(InstanceId=iid, PromptId=ids["prompt"])
            self.assertEqual(ids["prompt"], self.west.describe_prompt(InstanceId=iid, PromptId=ids["prompt"])["Prompt"]["PromptId"])
        self.assertError("ResourceNotFoundException", self.west.describe_prompt, InstanceId=iid, PromptId=ids["prompt"])


class ReplicateInstancePreconditionTests(support.ConnectTestCase):
    """The Admin Guide's "Why a ReplicateInstance call fails": each is InvalidRequestException and changes nothing."""

    @classmethod
    def setUpClass(cls):
        cls.connect = cls.east = client(EAST)

    def refused(self, iid, region=WEST, alias=None):
        self.assertError("InvalidRequestException", self.east.replicate_instance, InstanceId=iid, ReplicaRegion=region,
                         ReplicaAlias=alias or unique("rep"), status=400)
        self.assertNotIn("ReplicationConfiguration", self.east.describe_instance(InstanceId=iid))

    def test_same_region(self):
        self.refused(create_instance(self.east), region=EAST)

    def test_region_outside_the_pairs(self):
        self.refused(create_instance(self.east), region="eu-west-2")

    def test_already_replicated(self):
        iid = create_instance(self.east)
        self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        self.assertError("InvalidRequestException", self.east.replicate_instance, InstanceId=iid, ReplicaRegion=WEST,
                         ReplicaAlias=unique("rep"), status=400)

    def test_connect_managed_identity_management(self):
        # the guide's list: the instance must have SAML enabled
        iid = support.create_instance(self.east)
        self.refused(iid)
        with self.assertRaises(Exception) as caught:
            self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        self.assertIn("SAML", caught.exception.response["Error"]["Message"])
        west_ids = [i["Id"] for page in client(WEST).get_paginator("list_instances").paginate() for i in page["InstanceSummaryList"]]
        self.assertNotIn(iid, west_ids)

    def test_existing_directory_identity_management(self):
        iid = self.east.create_instance(IdentityManagementType="EXISTING_DIRECTORY", DirectoryId="d-1234567890",
                                        InstanceAlias=unique("ad"), InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        self.refused(iid)

    def test_a_replica_cannot_be_replicated_again(self):
        iid = create_instance(self.east)
        self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        west = client(WEST)
        self.assertError("InvalidRequestException", west.replicate_instance, InstanceId=iid, ReplicaRegion=EAST,
                         ReplicaAlias=unique("rep"), status=400)

    def test_instance_without_an_alias(self):
        # an EXISTING_DIRECTORY instance may have no alias; the alias is what the Admin Guide's list names first
        iid = self.east.create_instance(IdentityManagementType="EXISTING_DIRECTORY", DirectoryId="d-1234567891",
                                        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        with self.assertRaises(Exception) as caught:
            self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        self.assertEqual("InvalidRequestException", caught.exception.response["Error"]["Code"])
        self.assertIn("alias", caught.exception.response["Error"]["Message"])

    def test_replica_alias_already_used_in_the_replica_region(self):
        taken = unique("taken")
        create_instance(client(WEST), alias=taken)
        self.refused(create_instance(self.east), alias=taken)

    def test_saml_instance_can_be_replicated(self):
        iid = self.east.create_instance(IdentityManagementType="SAML", InstanceAlias=unique("saml"),
                                        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        self.assertEqual(iid, self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))["Id"])


class AdminGuideMirroredTypesTests(unittest.TestCase):
    """The Admin Guide's list also names predefined attributes, views, data tables and workspaces."""

    def test_views_data_tables_predefined_attributes_and_workspaces_are_mirrored_both_ways(self):
        support.require_server()
        east, west = client(EAST), client(WEST)
        iid = create_instance(east)
        east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        attribute = unique("skill")
        east.create_predefined_attribute(InstanceId=iid, Name=attribute, Values={"StringList": ["basic", "expert"]})
        view = east.create_view(InstanceId=iid, Name=unique("view"), Status="PUBLISHED",
                                Content={"Template": json.dumps({"Body": ["hello"]}), "Actions": ["Go"]})["View"]
        table = east.create_data_table(InstanceId=iid, Name=unique("table"), TimeZone="UTC", ValueLockLevel="NONE", Status="PUBLISHED")
        workspace = east.create_workspace(InstanceId=iid, Name=unique("workspace"))

        self.assertEqual(["basic", "expert"], sorted(
            west.describe_predefined_attribute(InstanceId=iid, Name=attribute)["PredefinedAttribute"]["Values"]["StringList"]))
        west_view = west.describe_view(InstanceId=iid, ViewId=view["Id"])["View"]
        self.assertEqual((view["Name"], view["Arn"].replace(f":{EAST}:", f":{WEST}:")), (west_view["Name"], west_view["Arn"]))
        self.assertEqual(table["Id"], west.describe_data_table(InstanceId=iid, DataTableId=table["Id"])["DataTable"]["Id"])
        self.assertEqual(workspace["WorkspaceId"], west.describe_workspace(InstanceId=iid, WorkspaceId=workspace["WorkspaceId"])["Workspace"]["Id"])

        # changed or deleted in the replica Region, seen in the source Region
        west.delete_data_table(InstanceId=iid, DataTableId=table["Id"])
        self.assertEqual("ResourceNotFoundException", error_code(lambda: east.describe_data_table(InstanceId=iid, DataTableId=table["Id"])))
        west.delete_predefined_attribute(InstanceId=iid, Name=attribute)
        self.assertEqual("ResourceNotFoundException", error_code(lambda: east.describe_predefined_attribute(InstanceId=iid, Name=attribute)))


class MirroringRestartTests(unittest.TestCase):
    """Mirroring pending when the server stops is applied when it starts again."""

    def test_pending_mirroring_completes_after_restart(self):
        support.require_server()
        data = tempfile.mkdtemp(prefix="connectlocal-mirroring-")
        self.addCleanup(shutil.rmtree, data, True)
        server = support.OwnServer(data, "--transition-delays", "mirroring=1500").start()
        self.addCleanup(server.stop)
        east, west = server.client(EAST), server.client(WEST)
        iid = create_instance(east)
        east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("replica"))
        basic_hours = next(h["Id"] for h in east.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"])
        queue = east.create_queue(InstanceId=iid, Name="after-restart", HoursOfOperationId=basic_hours)["QueueId"]
        self.assertEqual("ResourceNotFoundException", error_code(lambda: west.describe_queue(InstanceId=iid, QueueId=queue)))
        self.assertEqual("INSTANCE_REPLICATION_IN_PROGRESS", statuses(west, iid)[WEST])
        server.stop()
        time.sleep(2.0)  # the mirroring falls due while the server is down
        server.start()
        west = server.client(WEST)
        deadline, found = time.time() + 5, None
        while time.time() < deadline and found is None:
            try:
                found = west.describe_queue(InstanceId=iid, QueueId=queue)["Queue"]["Name"]
            except west.exceptions.ResourceNotFoundException:
                time.sleep(0.1)
        self.assertEqual("after-restart", found)
        self.assertEqual("INSTANCE_REPLICATION_COMPLETE", statuses(west, iid)[WEST])


def error_code(call):
    try:
        call()
    except Exception as e:  # botocore ClientError
        return e.response["Error"]["Code"]
    return None


if __name__ == "__main__":
    unittest.main()
