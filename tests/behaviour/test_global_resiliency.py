"""Global Resiliency through real clients in both Regions: ReplicateInstance, traffic distribution groups,
UpdateTrafficDistribution (every rule of behaviour doc §5), group users, phone numbers, the status gates
(held with the /_connectlocal/transitions control endpoint), a restart, and the failover runbook of
docs/global-resiliency.md.
"""
import contextlib
import json
import shutil
import tempfile
import time
import unittest
import urllib.request

import boto3
from botocore.config import Config

import support
from support import ENDPOINT, cli, client, unique, replicable_instance as create_instance


EAST, WEST = "us-east-1", "us-west-2"
OTHER_ACCOUNT = "111122223333"
FAKE_ID = "00000000-0000-4000-8000-000000000000"
PASSWORD = "Passw0rd-Example1"


def control(method, path="", body=None, endpoint=None):
    """Calls the transitions control endpoint; returns (status, parsed body)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{endpoint or ENDPOINT}/_connectlocal/transitions{path}", data=data, method=method,
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


@contextlib.contextmanager
def held(*kinds):
    """Holds transitions of the given kinds for the block; releasing applies what fell due."""
    for kind in kinds:
        status, _ = control("POST", "/hold", {"kind": kind})
        assert status == 200, status
    try:
        yield
    finally:
        for kind in kinds:
            control("POST", "/release", {"kind": kind})


def raw_client(region=EAST, account=None):
    """A client that sends what it is given (no client-side parameter validation), so the server's checks show."""
    support.require_server()
    return boto3.client("connect", endpoint_url=ENDPOINT, region_name=region,
                        aws_access_key_id=account or "AKIDEXAMPLE", aws_secret_access_key="secret",
                        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False))


def replicated_instance(east, west_region=WEST):
    """A new instance in us-east-1 replicated to `west_region`; returns its id."""
    iid = create_instance(east)
    east.replicate_instance(InstanceId=iid, ReplicaRegion=west_region, ReplicaAlias=unique("replica"))
    return iid


def default_group(connect, iid):
    groups = connect.list_traffic_distribution_groups(InstanceId=iid)["TrafficDistributionGroupSummaryList"]
    return next(g for g in groups if g["IsDefault"])


def split(east_pct, west_pct):
    return {"Distributions": [{"Region": EAST, "Percentage": east_pct}, {"Region": WEST, "Percentage": west_pct}]}


def sign_in(east_on, west_on):
    return {"Distributions": [{"Region": EAST, "Enabled": east_on}, {"Region": WEST, "Enabled": west_on}]}


def distribution(connect, arn):
    out = connect.get_traffic_distribution(Id=arn)
    return {k: out[k] for k in ("TelephonyConfig", "SignInConfig", "AgentConfig")}


def create_user(connect, iid):
    """A user of the instance through the real API (CreateUser); returns the answer, with UserId and UserArn."""
    rp = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
    sp = [s["Id"] for s in connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
          if s["Name"] == "Agent"][0]
    return connect.create_user(
        Username=unique("agent"), InstanceId=iid,
        IdentityInfo={"FirstName": "Ada", "LastName": "Agent"},
        PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 0},
        SecurityProfileIds=[sp], RoutingProfileId=rp)


class GlobalResiliencyCase(support.ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        cls.connect = client(EAST)
        cls.west = client(WEST)
        cls.instance_id = replicated_instance(cls.connect)
        cls.instance_arn = cls.connect.describe_instance(InstanceId=cls.instance_id)["Instance"]["Arn"]

    def new_group(self, **kwargs):
        out = self.connect.create_traffic_distribution_group(Name=unique("tdg"), InstanceId=self.instance_id, **kwargs)
        return out["Id"], out["Arn"]


class ReplicateInstanceTests(support.ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        cls.connect = client(EAST)
        cls.west = client(WEST)

    def test_replica_has_the_same_id_its_own_default_resources_and_a_default_group(self):
        iid = create_instance(self.connect)
        alias = unique("rep")
        out = self.connect.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=alias)
        self.assertEqual(iid, out["Id"])
        self.assertEqual(f"arn:aws:connect:{WEST}:000000000000:instance/{iid}", out["Arn"])

        replica = self.west.describe_instance(InstanceId=iid)
        self.assertEqual(alias, replica["Instance"]["InstanceAlias"])
        self.assertEqual("ACTIVE", replica["Instance"]["InstanceStatus"])
        self.assertEqual(out["Arn"], replica["Instance"]["Arn"])
        self.assertEqual(iid, self.west.describe_instance(InstanceId=out["Arn"])["Instance"]["Id"])
        queues = self.west.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"]
        self.assertIn("BasicQueue", [q.get("Name") for q in queues])
        west_ids = [s["Id"] for p in self.west.get_paginator("list_instances").paginate() for s in p["InstanceSummaryList"]]
        self.assertIn(iid, west_ids)

        for connect in (self.connect, self.west):
            config = connect.describe_instance(InstanceId=iid)["ReplicationConfiguration"]
            self.assertEqual(EAST, config["SourceRegion"])
            self.assertTrue(config["GlobalSignInEndpoint"].startswith("https://"))
            self.assertEqual({EAST: "INSTANCE_REPLICATION_COMPLETE", WEST: "INSTANCE_REPLICATION_COMPLETE"},
                             {s["Region"]: s["ReplicationStatus"] for s in config["ReplicationStatusSummaryList"]})

        group = default_group(self.connect, iid)
        self.assertTrue(group["IsDefault"])
        self.assertEqual("ACTIVE", group["Status"])
        self.assertEqual(f"arn:aws:connect:{EAST}:000000000000:instance/{iid}", group["InstanceArn"])
        # the replica Region sees the same default group through the replica's id
        self.assertEqual(group["Id"], default_group(self.west, iid)["Id"])

    def test_an_instance_that_was_never_replicated_has_no_replication_configuration(self):
        iid = create_instance(self.connect)
        self.assertNotIn("ReplicationConfiguration", self.connect.describe_instance(InstanceId=iid))

    def test_replicate_by_instance_arn(self):
        iid = create_instance(self.connect)
        arn = self.connect.describe_instance(InstanceId=iid)["Instance"]["Arn"]
        self.assertEqual(iid, self.connect.replicate_instance(InstanceId=arn, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))["Id"])

    def test_failures_are_invalid_request_and_change_nothing(self):
        iid = create_instance(self.connect)
        self.assertError("InvalidRequestException", self.connect.replicate_instance, InstanceId=iid,
                         ReplicaRegion=EAST, ReplicaAlias=unique("rep"), status=400)
        # outside the configured pairs, and ap-northeast-1 -> ap-northeast-3 is one-way
        self.assertError("InvalidRequestException", self.connect.replicate_instance, InstanceId=iid,
                         ReplicaRegion="eu-west-2", ReplicaAlias=unique("rep"))
        tokyo3 = client("ap-northeast-3")
        osaka_only = create_instance(tokyo3)
        self.assertError("InvalidRequestException", tokyo3.replicate_instance, InstanceId=osaka_only,
                         ReplicaRegion="ap-northeast-1", ReplicaAlias=unique("rep"))
        tokyo = client("ap-northeast-1")
        self.assertEqual(200, tokyo.replicate_instance(InstanceId=create_instance(tokyo), ReplicaRegion="ap-northeast-3",
                                                       ReplicaAlias=unique("rep"))["ResponseMetadata"]["HTTPStatusCode"])
        # the replica alias must be unique in the replica Region
        taken = unique("taken")
        create_instance(self.west, taken)
        self.assertError("InvalidRequestException", self.connect.replicate_instance, InstanceId=iid, ReplicaRegion=WEST,
                         ReplicaAlias=taken, message="Invalid Input. Instance alias is already used.")
        # nothing was replicated by the failures
        self.assertNotIn("ReplicationConfiguration", self.connect.describe_instance(InstanceId=iid))
        self.assertError("ResourceNotFoundException", self.west.describe_instance, InstanceId=iid)

        self.connect.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        self.assertError("InvalidRequestException", self.connect.replicate_instance, InstanceId=iid, ReplicaRegion=WEST,
                         ReplicaAlias=unique("rep"), message=f"Invalid Input. The instance is already replicated to {WEST}.")
        # nor can the replica be replicated back
        self.assertError("InvalidRequestException", self.west.replicate_instance, InstanceId=iid, ReplicaRegion=EAST,
                         ReplicaAlias=unique("rep"))

    def test_instance_without_alias_cannot_be_replicated(self):
        iid = self.connect.create_instance(IdentityManagementType="EXISTING_DIRECTORY", DirectoryId="d-1234567890",
                                           InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        self.assertError("InvalidRequestException", self.connect.replicate_instance, InstanceId=iid, ReplicaRegion=WEST,
                         ReplicaAlias=unique("rep"), message="Invalid Input. An instance without an alias cannot be replicated.")

    def test_unknown_instance_and_other_account_are_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.replicate_instance, InstanceId=FAKE_ID,
                         ReplicaRegion=WEST, ReplicaAlias=unique("rep"), status=404, message="Instance not found")
        iid = create_instance(self.connect)
        self.assertError("ResourceNotFoundException", client(EAST, OTHER_ACCOUNT).replicate_instance, InstanceId=iid,
                         ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
        # an instance ARN of another Region does not resolve
        self.assertError("ResourceNotFoundException", self.west.replicate_instance,
                         InstanceId=f"arn:aws:connect:{EAST}:000000000000:instance/{iid}", ReplicaRegion=EAST,
                         ReplicaAlias=unique("rep"))

    def test_client_token_replays_and_refuses_a_different_request(self):
        iid = create_instance(self.connect)
        token = unique("tok")
        args = dict(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"), ClientToken=token)
        first = self.connect.replicate_instance(**args)
        self.assertEqual(first["Arn"], self.connect.replicate_instance(**args)["Arn"])
        self.assertError("ResourceConflictException", self.connect.replicate_instance,
                         **dict(args, ReplicaAlias=unique("other")))

    def test_replication_in_progress_is_visible_and_blocks_new_groups(self):
        iid = create_instance(self.connect)
        with held("replication"):
            self.connect.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("rep"))
            statuses = {s["Region"]: s["ReplicationStatus"] for s in
                        self.connect.describe_instance(InstanceId=iid)["ReplicationConfiguration"]["ReplicationStatusSummaryList"]}
            self.assertEqual("INSTANCE_REPLICATION_IN_PROGRESS", statuses[WEST])
            self.assertEqual("CREATION_IN_PROGRESS", self.west.describe_instance(InstanceId=iid)["Instance"]["InstanceStatus"])
            pending = control("GET")[1]["pending"]
            self.assertIn(("replication", iid), [(p["kind"], p["targetId"]) for p in pending])
            self.assertError("ResourceNotReadyException", self.connect.create_traffic_distribution_group,
                             Name="early", InstanceId=iid, status=409)
        statuses = {s["Region"]: s["ReplicationStatus"] for s in
                    self.west.describe_instance(InstanceId=iid)["ReplicationConfiguration"]["ReplicationStatusSummaryList"]}
        self.assertEqual("INSTANCE_REPLICATION_COMPLETE", statuses[WEST])
        self.assertEqual("ACTIVE", self.west.describe_instance(InstanceId=iid)["Instance"]["InstanceStatus"])
        self.connect.create_traffic_distribution_group(Name="now", InstanceId=iid)

    def test_replica_is_deleted_in_the_order_aws_requires(self):
        iid = replicated_instance(self.connect)
        # the source cannot go while it has a replica
        self.assertError("InvalidRequestException", self.connect.delete_instance, InstanceId=iid)
        # nor the replica while a non-default group exists, or numbers are claimed to the default group
        tdg = self.connect.create_traffic_distribution_group(Name="extra", InstanceId=iid)
        self.assertError("InvalidRequestException", self.west.delete_instance, InstanceId=iid)
        self.connect.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])
        default_arn = default_group(self.connect, iid)["Arn"]
        number = self.connect.search_available_phone_numbers(TargetArn=default_arn, PhoneNumberCountryCode="US",
                                                             PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = self.connect.claim_phone_number(TargetArn=default_arn, PhoneNumber=number)
        self.assertError("InvalidRequestException", self.west.delete_instance, InstanceId=iid)
        self.connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

        with held("replica-deletion"):
            self.west.delete_instance(InstanceId=iid)
            statuses = {s["Region"]: s["ReplicationStatus"] for s in
                        self.connect.describe_instance(InstanceId=iid)["ReplicationConfiguration"]["ReplicationStatusSummaryList"]}
            self.assertEqual("INSTANCE_REPLICA_DELETING", statuses[WEST])
            self.assertEqual("PENDING_DELETION", self.connect.describe_traffic_distribution_group(
                TrafficDistributionGroupId=default_arn)["TrafficDistributionGroup"]["Status"])
        self.assertError("ResourceNotFoundException", self.west.describe_instance, InstanceId=iid)
        self.assertNotIn("ReplicationConfiguration", self.connect.describe_instance(InstanceId=iid))
        self.assertError("ResourceNotFoundException", self.connect.describe_traffic_distribution_group,
                         TrafficDistributionGroupId=default_arn)
        self.connect.delete_instance(InstanceId=iid)
        self.assertError("ResourceNotFoundException", self.connect.describe_instance, InstanceId=iid)


class TrafficDistributionGroupTests(GlobalResiliencyCase):
    def test_create_describe_list_delete_by_id_and_arn(self):
        name = unique("tdg")
        out = self.connect.create_traffic_distribution_group(Name=name, Description="blue team", InstanceId=self.instance_arn,
                                                             Tags={"team": "blue"})
        self.assertEqual(f"arn:aws:connect:{EAST}:000000000000:traffic-distribution-group/{out['Id']}", out["Arn"])
        for connect, ident in ((self.connect, out["Id"]), (self.connect, out["Arn"]), (self.west, out["Arn"])):
            group = connect.describe_traffic_distribution_group(TrafficDistributionGroupId=ident)["TrafficDistributionGroup"]
            self.assertEqual({"Id": out["Id"], "Arn": out["Arn"], "Name": name, "Description": "blue team",
                              "InstanceArn": self.instance_arn, "Status": "ACTIVE", "Tags": {"team": "blue"},
                              "IsDefault": False}, group)
        for connect in (self.connect, self.west):
            ids = [g["Id"] for p in connect.get_paginator("list_traffic_distribution_groups").paginate(InstanceId=self.instance_id)
                   for g in p["TrafficDistributionGroupSummaryList"]]
            self.assertIn(out["Id"], ids)
        self.connect.delete_traffic_distribution_group(TrafficDistributionGroupId=out["Arn"])
        self.assertError("ResourceNotFoundException", self.connect.describe_traffic_distribution_group,
                         TrafficDistributionGroupId=out["Id"], status=404, message="Traffic distribution group not found")

    def test_bare_id_from_the_replica_region_is_not_found(self):
        gid, arn = self.new_group()
        for call, kwargs in ((self.west.describe_traffic_distribution_group, {"TrafficDistributionGroupId": gid}),
                             (self.west.get_traffic_distribution, {"Id": gid}),
                             (self.west.update_traffic_distribution, {"Id": gid, "TelephonyConfig": split(50, 50)}),
                             (self.west.list_traffic_distribution_group_users, {"TrafficDistributionGroupId": gid})):
            self.assertError("ResourceNotFoundException", call, **kwargs, status=404)

    def test_other_account_and_unlinked_region_do_not_see_the_group(self):
        gid, arn = self.new_group()
        self.assertError("ResourceNotFoundException", client(EAST, OTHER_ACCOUNT).describe_traffic_distribution_group,
                         TrafficDistributionGroupId=gid)
        self.assertError("ResourceNotFoundException", client(EAST, OTHER_ACCOUNT).describe_traffic_distribution_group,
                         TrafficDistributionGroupId=arn.replace(":000000000000:", f":{OTHER_ACCOUNT}:"))
        self.assertError("ResourceNotFoundException", client("eu-west-2").describe_traffic_distribution_group,
                         TrafficDistributionGroupId=arn)
        self.assertError("ResourceNotFoundException", self.connect.describe_traffic_distribution_group,
                         TrafficDistributionGroupId=FAKE_ID)

    def test_create_needs_a_replicated_instance_in_its_source_region(self):
        plain = create_instance(self.connect)
        self.assertError("InvalidRequestException", self.connect.create_traffic_distribution_group, Name="x", InstanceId=plain,
                         status=400)
        self.assertError("InvalidRequestException", self.west.create_traffic_distribution_group, Name="x",
                         InstanceId=self.instance_id)
        self.assertError("ResourceNotFoundException", self.connect.create_traffic_distribution_group, Name="x",
                         InstanceId=FAKE_ID, message="Instance not found")

    def test_name_boundaries(self):
        raw = raw_client()
        self.assertEqual(200, raw.create_traffic_distribution_group(Name="n" * 128, InstanceId=self.instance_id)
                         ["ResponseMetadata"]["HTTPStatusCode"])
        self.assertError("InvalidRequestException", raw.create_traffic_distribution_group, Name="n" * 129,
                         InstanceId=self.instance_id)
        self.assertError("InvalidRequestException", raw.create_traffic_distribution_group, Name=" padded ",
                         InstanceId=self.instance_id)

    def test_client_token_idempotency(self):
        token = unique("tok")
        first = self.connect.create_traffic_distribution_group(Name="same", InstanceId=self.instance_id, ClientToken=token)
        again = self.connect.create_traffic_distribution_group(Name="same", InstanceId=self.instance_id, ClientToken=token)
        self.assertEqual(first["Id"], again["Id"])
        self.assertError("ResourceConflictException", self.connect.create_traffic_distribution_group, Name="different",
                         InstanceId=self.instance_id, ClientToken=token, status=409)

    def test_list_pagination_and_forged_token(self):
        iid = replicated_instance(self.connect)
        made = {self.connect.create_traffic_distribution_group(Name=f"p{i}", InstanceId=iid)["Id"] for i in range(3)}
        made.add(default_group(self.connect, iid)["Id"])
        for connect in (self.connect, self.west):
            seen, token = [], None
            while True:
                kwargs = {"InstanceId": iid, "MaxResults": 1}
                if token:
                    kwargs["NextToken"] = token
                page = connect.list_traffic_distribution_groups(**kwargs)
                self.assertLessEqual(len(page["TrafficDistributionGroupSummaryList"]), 1)
                seen += [g["Id"] for g in page["TrafficDistributionGroupSummaryList"]]
                token = page.get("NextToken")
                if not token:
                    break
            self.assertEqual(made, set(seen))
            self.assertEqual(len(seen), len(set(seen)))
        # without a filter the Region's groups include this instance's
        all_ids = [g["Id"] for p in self.west.get_paginator("list_traffic_distribution_groups").paginate()
                   for g in p["TrafficDistributionGroupSummaryList"]]
        self.assertTrue(made <= set(all_ids))
        self.assertError("InvalidRequestException", self.connect.list_traffic_distribution_groups, NextToken="forged.token")
        # ListTrafficDistributionGroups models no ResourceNotFoundException
        self.assertError("InvalidRequestException", self.connect.list_traffic_distribution_groups, InstanceId=FAKE_ID,
                         message="Instance not found")

    def test_delete_refusals(self):
        default_arn = default_group(self.connect, self.instance_id)["Arn"]
        self.assertError("InvalidRequestException", self.connect.delete_traffic_distribution_group,
                         TrafficDistributionGroupId=default_arn, status=400)
        gid, arn = self.new_group()
        self.assertError("InvalidRequestException", self.west.delete_traffic_distribution_group, TrafficDistributionGroupId=arn)
        number = self.connect.search_available_phone_numbers(TargetArn=arn, PhoneNumberCountryCode="US",
                                                             PhoneNumberType="TOLL_FREE")["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = self.connect.claim_phone_number(TargetArn=arn, PhoneNumber=number)
        err = self.assertError("ResourceInUseException", self.connect.delete_traffic_distribution_group,
                               TrafficDistributionGroupId=gid, status=409)
        self.assertEqual("PHONE_NUMBER", err.response["ResourceType"])
        self.assertEqual(claimed["PhoneNumberArn"], err.response["ResourceId"])
        self.assertEqual("ACTIVE", self.connect.describe_traffic_distribution_group(
            TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"])
        self.connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        self.connect.delete_traffic_distribution_group(TrafficDistributionGroupId=gid)
        # DeleteTrafficDistributionGroup models no ResourceNotFoundException
        self.assertError("InvalidRequestException", self.connect.delete_traffic_distribution_group, TrafficDistributionGroupId=gid,
                         message="Traffic distribution group not found")

    def test_tags_by_arn_from_both_regions(self):
        gid, arn = self.new_group(Tags={"a": "1"})
        self.west.tag_resource(resourceArn=arn, tags={"b": "2"})
        self.connect.untag_resource(resourceArn=arn, tagKeys=["a"])
        for connect in (self.connect, self.west):
            self.assertEqual({"b": "2"}, connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.assertError("ResourceNotFoundException", client("eu-west-2").list_tags_for_resource, resourceArn=arn)
        self.assertError("ResourceNotFoundException", client(EAST, OTHER_ACCOUNT).list_tags_for_resource, resourceArn=arn)

    def test_creation_in_progress_gates_updates_and_users(self):
        with held("tdg-create"):
            gid, arn = self.new_group()
            self.assertEqual("CREATION_IN_PROGRESS", self.connect.describe_traffic_distribution_group(
                TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"])
            self.assertError("ResourceConflictException", self.west.update_traffic_distribution, Id=arn,
                             TelephonyConfig=split(50, 50), status=409)
            # AWS answers ResourceNotFoundException while the group is not ACTIVE (the user is not even looked up)
            self.assertError("ResourceNotFoundException", self.connect.associate_traffic_distribution_group_user,
                             TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=self.instance_id,
                             message="Traffic distribution group not found")
            self.assertError("ResourceNotFoundException", self.connect.disassociate_traffic_distribution_group_user,
                             TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=self.instance_id,
                             message="Traffic distribution group not found")
        self.assertEqual("ACTIVE", self.connect.describe_traffic_distribution_group(
            TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"])
        self.assertError("ResourceNotFoundException", self.connect.associate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=self.instance_id, message="User not found")
        self.west.update_traffic_distribution(Id=arn, TelephonyConfig=split(50, 50))

    def test_update_in_progress_refuses_another_update(self):
        gid, arn = self.new_group()
        with held("tdg-update"):
            self.connect.update_traffic_distribution(Id=gid, TelephonyConfig=split(70, 30))
            self.assertEqual("UPDATE_IN_PROGRESS", self.west.describe_traffic_distribution_group(
                TrafficDistributionGroupId=arn)["TrafficDistributionGroup"]["Status"])
            self.assertEqual(split(70, 30), self.west.get_traffic_distribution(Id=arn)["TelephonyConfig"])
            self.assertError("ResourceConflictException", self.connect.update_traffic_distribution, Id=gid,
                             TelephonyConfig=split(60, 40), status=409)
        self.assertEqual("ACTIVE", self.connect.describe_traffic_distribution_group(
            TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"])
        self.assertEqual(split(70, 30), self.connect.get_traffic_distribution(Id=gid)["TelephonyConfig"])

    def test_pending_deletion_gates_and_then_the_group_is_gone(self):
        gid, arn = self.new_group()
        with held("tdg-delete"):
            self.connect.delete_traffic_distribution_group(TrafficDistributionGroupId=gid)
            self.assertEqual("PENDING_DELETION", self.west.describe_traffic_distribution_group(
                TrafficDistributionGroupId=arn)["TrafficDistributionGroup"]["Status"])
            self.assertError("ResourceConflictException", self.west.update_traffic_distribution, Id=arn,
                             AgentConfig=split(50, 50))
            self.assertError("ResourceNotFoundException", self.connect.associate_traffic_distribution_group_user,
                             TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=self.instance_id,
                             message="Traffic distribution group not found")
            self.connect.delete_traffic_distribution_group(TrafficDistributionGroupId=gid)  # again: accepted
        self.assertError("ResourceNotFoundException", self.west.describe_traffic_distribution_group, TrafficDistributionGroupId=arn)

    def test_transitions_fall_due_with_a_configured_delay(self):
        self.assertEqual(200, control("PUT", "/delays", {"tdg-create": 400})[0])
        try:
            gid, _ = self.new_group()
            self.assertEqual("CREATION_IN_PROGRESS", self.connect.describe_traffic_distribution_group(
                TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"])
        finally:
            control("PUT", "/delays", {"tdg-create": None})
        deadline = time.time() + 5
        status = None
        while time.time() < deadline:
            status = self.connect.describe_traffic_distribution_group(TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"]
            if status == "ACTIVE":
                break
            time.sleep(0.1)
        self.assertEqual("ACTIVE", status)

    def test_control_endpoint_refuses_unknown_kinds(self):
        self.assertEqual(400, control("POST", "/hold", {"kind": "coffee"})[0])
        self.assertEqual(400, control("PUT", "/delays", {"coffee": 1})[0])
        self.assertEqual(400, control("PUT", "/delays", {"tdg-create": -5})[0])
        state = control("GET")[1]
        self.assertEqual({"tdg-create", "tdg-update", "tdg-delete", "replication", "replica-deletion",
                          "vocabulary-create", "vocabulary-delete", "mirroring", "number-cooldown"}, set(state["delays"]))  # vocabularies: docs/vocabularies.md


class UpdateTrafficDistributionTests(GlobalResiliencyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.raw_east = raw_client(EAST)
        cls.raw_west = raw_client(WEST)

    def setUp(self):
        self.gid, self.arn = self.new_group()

    def refused(self, message=None, connect=None, **configs):
        """The update fails with InvalidRequestException (never InvalidParameterException) and changes nothing."""
        before = distribution(self.connect, self.arn)
        self.assertError("InvalidRequestException", (connect or self.raw_west).update_traffic_distribution, Id=self.arn,
                         status=400, message=message, **configs)
        self.assertEqual(before, distribution(self.connect, self.arn))

    def test_initial_distribution_and_both_regions_see_it(self):
        expected = {"TelephonyConfig": split(100, 0), "AgentConfig": split(100, 0), "SignInConfig": sign_in(True, True)}
        self.assertEqual(expected, distribution(self.connect, self.gid))
        self.assertEqual(expected, distribution(self.west, self.arn))
        out = self.west.get_traffic_distribution(Id=self.arn)
        self.assertEqual((self.gid, self.arn), (out["Id"], out["Arn"]))

    def test_at_least_one_config(self):
        self.refused(message="Invalid Input. At least one of TelephonyConfig, SignInConfig or AgentConfig must be provided.")

    def test_config_without_distributions(self):
        self.refused(TelephonyConfig={})
        self.refused(AgentConfig={})
        self.refused(SignInConfig={})

    def test_model_constraints_of_distribution_items(self):
        self.refused(TelephonyConfig={"Distributions": [{"Region": "us-1", "Percentage": 50}, {"Region": WEST, "Percentage": 50}]})
        self.refused(TelephonyConfig={"Distributions": [{"Region": EAST, "Percentage": 110}, {"Region": WEST, "Percentage": -10}]})
        self.refused(TelephonyConfig={"Distributions": [{"Region": EAST}, {"Region": WEST, "Percentage": 100}]})
        self.refused(SignInConfig={"Distributions": [{"Region": EAST}, {"Region": WEST, "Enabled": True}]})

    def test_telephony_rules(self):
        linked = f"({EAST}, {WEST})"
        self.refused(TelephonyConfig={"Distributions": [{"Region": EAST, "Percentage": 100}]},
                     message=f"Invalid Input. TelephonyConfig: a distribution is required for each Region of the traffic distribution group {linked}.")
        self.refused(TelephonyConfig={"Distributions": [{"Region": EAST, "Percentage": 50}, {"Region": WEST, "Percentage": 50},
                                                        {"Region": "eu-west-2", "Percentage": 0}]},
                     message=f"Invalid Input. TelephonyConfig: eu-west-2 is not a Region of the traffic distribution group {linked}.")
        self.refused(TelephonyConfig={"Distributions": [{"Region": EAST, "Percentage": 50}, {"Region": EAST, "Percentage": 50}]},
                     message=f"Invalid Input. TelephonyConfig: {EAST} is listed more than once.")
        self.refused(TelephonyConfig=split(55, 45),
                     message=f"Invalid Input. TelephonyConfig: traffic must be distributed in increments of 10% ({EAST}: 55%).")
        self.refused(TelephonyConfig=split(60, 30),
                     message="Invalid Input. TelephonyConfig: the distribution must add up to 100% (it adds up to 90%).")
        self.refused(TelephonyConfig=split(70, 40))

    def test_agent_rules_are_the_telephony_rules(self):
        self.refused(AgentConfig={"Distributions": [{"Region": WEST, "Percentage": 100}]})
        self.refused(AgentConfig={"Distributions": [{"Region": EAST, "Percentage": 0}, {"Region": "ap-northeast-1", "Percentage": 100}]})
        self.refused(AgentConfig=split(25, 75))
        self.refused(AgentConfig=split(50, 60))
        # a valid telephony config does not carry an invalid agent config through
        self.refused(TelephonyConfig=split(0, 100), AgentConfig=split(0, 90))

    def test_sign_in_rules(self):
        self.refused(SignInConfig={"Distributions": [{"Region": EAST, "Enabled": True}, {"Region": "eu-west-2", "Enabled": True}]})
        self.refused(SignInConfig={"Distributions": [{"Region": EAST, "Enabled": True}]})
        # a changed SignInConfig on a group that is not the default one
        self.refused(SignInConfig=sign_in(True, False),
                     message="Invalid Input. SignInConfig can only be changed on the default traffic distribution group.")
        # the unchanged one is accepted there, and AgentConfig is allowed on every group
        self.west.update_traffic_distribution(Id=self.arn, SignInConfig=sign_in(True, True), AgentConfig=split(40, 60))
        self.assertEqual(split(40, 60), self.connect.get_traffic_distribution(Id=self.gid)["AgentConfig"])

    def test_sign_in_can_change_on_the_default_group(self):
        default_arn = default_group(self.connect, self.instance_id)["Arn"]
        self.west.update_traffic_distribution(Id=default_arn, SignInConfig=sign_in(False, True))
        self.assertEqual(sign_in(False, True), self.connect.get_traffic_distribution(Id=default_arn)["SignInConfig"])
        self.connect.update_traffic_distribution(Id=default_arn, SignInConfig=sign_in(True, True))

    def test_omitted_configs_keep_their_value(self):
        self.west.update_traffic_distribution(Id=self.arn, TelephonyConfig=split(30, 70))
        self.west.update_traffic_distribution(Id=self.arn, AgentConfig=split(20, 80))
        # entries may come in any order; they are returned source first
        self.connect.update_traffic_distribution(Id=self.gid, TelephonyConfig={"Distributions": [
            {"Region": WEST, "Percentage": 90}, {"Region": EAST, "Percentage": 10}]})
        for connect, ident in ((self.connect, self.gid), (self.west, self.arn)):
            self.assertEqual({"TelephonyConfig": split(10, 90), "AgentConfig": split(20, 80), "SignInConfig": sign_in(True, True)},
                             distribution(connect, ident))

    def test_unknown_group_and_other_account(self):
        self.assertError("ResourceNotFoundException", self.connect.update_traffic_distribution, Id=FAKE_ID,
                         TelephonyConfig=split(50, 50), status=404)
        self.assertError("ResourceNotFoundException", client(WEST, OTHER_ACCOUNT).update_traffic_distribution, Id=self.arn,
                         TelephonyConfig=split(50, 50))
        self.assertError("InvalidRequestException", self.raw_east.update_traffic_distribution, Id="not-an-id",
                         TelephonyConfig=split(50, 50))
        self.assertError("ResourceNotFoundException", self.connect.get_traffic_distribution, Id=FAKE_ID)

    def test_cli_shifts_traffic_from_the_replica_region(self):
        cli("update-traffic-distribution", "--id", self.arn, "--telephony-config", json.dumps(split(0, 100)),
            "--agent-config", json.dumps(split(0, 100)), region=WEST)
        out = json.loads(cli("get-traffic-distribution", "--id", self.arn, region=WEST).stdout)
        self.assertEqual(split(0, 100), out["TelephonyConfig"])
        self.assertEqual(split(0, 100), out["AgentConfig"])
        failed = cli("update-traffic-distribution", "--id", self.arn, "--telephony-config", json.dumps(split(50, 40)),
                     region=WEST, check=False)
        self.assertNotEqual(0, failed.returncode)
        self.assertIn("InvalidRequestException", failed.stderr)


class TrafficDistributionGroupUserTests(GlobalResiliencyCase):
    def test_listing_users_of_a_group_without_users(self):
        gid, arn = self.new_group()
        self.assertEqual([], self.connect.list_traffic_distribution_group_users(TrafficDistributionGroupId=gid)
                         ["TrafficDistributionGroupUserSummaryList"])
        self.assertEqual([], self.west.list_traffic_distribution_group_users(TrafficDistributionGroupId=arn)
                         ["TrafficDistributionGroupUserSummaryList"])
        self.assertError("ResourceNotFoundException", self.connect.list_traffic_distribution_group_users,
                         TrafficDistributionGroupId=FAKE_ID)
        self.assertError("InvalidRequestException", self.connect.list_traffic_distribution_group_users,
                         TrafficDistributionGroupId=gid, NextToken="forged.token")

    def test_unknown_user_and_wrong_instance(self):
        gid, _ = self.new_group()
        self.assertError("ResourceNotFoundException", self.connect.associate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=self.instance_id, message="User not found")
        self.assertError("ResourceNotFoundException", self.connect.associate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=FAKE_ID, message="Instance not found")
        other = create_instance(self.connect)
        self.assertError("InvalidRequestException", self.connect.associate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=gid, UserId=FAKE_ID, InstanceId=other)

    def test_associate_list_disassociate(self):
        user = create_user(self.connect, self.instance_id)
        second = create_user(self.connect, self.instance_id)
        gid, arn = self.new_group()
        self.connect.associate_traffic_distribution_group_user(TrafficDistributionGroupId=gid, UserId=user["UserId"],
                                                               InstanceId=self.instance_id)
        self.connect.associate_traffic_distribution_group_user(TrafficDistributionGroupId=arn, UserId=second["UserArn"],
                                                               InstanceId=self.instance_arn)
        # associating again is accepted
        self.connect.associate_traffic_distribution_group_user(TrafficDistributionGroupId=gid, UserId=user["UserId"],
                                                               InstanceId=self.instance_id)
        expected = sorted([user["UserId"], second["UserId"]])
        for connect, ident in ((self.connect, gid), (self.west, arn)):
            pages = list(connect.get_paginator("list_traffic_distribution_group_users").paginate(
                TrafficDistributionGroupId=ident, PaginationConfig={"PageSize": 1}))
            self.assertEqual(2, len([p for p in pages if p["TrafficDistributionGroupUserSummaryList"]]))
            self.assertEqual(expected, sorted(u["UserId"] for p in pages for u in p["TrafficDistributionGroupUserSummaryList"]))
        # a user belongs to one group of the instance at a time
        other_gid, _ = self.new_group()
        self.assertError("ResourceConflictException", self.connect.associate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=other_gid, UserId=user["UserId"], InstanceId=self.instance_id, status=409)
        # only in the Region where the group was created
        self.assertError("InvalidRequestException", self.west.disassociate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=arn, UserId=user["UserId"], InstanceId=self.instance_id)
        self.connect.disassociate_traffic_distribution_group_user(TrafficDistributionGroupId=gid, UserId=user["UserId"],
                                                                  InstanceId=self.instance_id)
        self.assertEqual([second["UserId"]], [u["UserId"] for u in self.connect.list_traffic_distribution_group_users(
            TrafficDistributionGroupId=gid)["TrafficDistributionGroupUserSummaryList"]])

    def test_associate_only_in_the_creating_region(self):
        gid, arn = self.new_group()
        self.assertError("InvalidRequestException", self.west.associate_traffic_distribution_group_user,
                         TrafficDistributionGroupId=arn, UserId=FAKE_ID, InstanceId=self.instance_id)


class PhoneNumberTests(GlobalResiliencyCase):
    def available(self, connect=None, country="US", kind="DID", **target):
        target = target or {"InstanceId": self.instance_id}
        return [n["PhoneNumber"] for p in (connect or self.connect).get_paginator("search_available_phone_numbers").paginate(
            PhoneNumberCountryCode=country, PhoneNumberType=kind, **target) for n in p["AvailableNumbersList"]]

    def claim(self, connect=None, kind="DID", **target):
        target = target or {"InstanceId": self.instance_id}
        number = self.available(connect, kind=kind, **target)[0]
        out = (connect or self.connect).claim_phone_number(PhoneNumber=number, **target)
        return number, out["PhoneNumberId"], out["PhoneNumberArn"]

    def test_search_is_deterministic_and_paginated(self):
        pool = self.available(country="GB", kind="TOLL_FREE")
        self.assertEqual(pool, self.available(country="GB", kind="TOLL_FREE"))
        self.assertTrue(all(n.startswith("+44808157") for n in pool), pool[:3])
        first = self.connect.search_available_phone_numbers(InstanceId=self.instance_id, PhoneNumberCountryCode="GB",
                                                            PhoneNumberType="TOLL_FREE", MaxResults=3)
        self.assertEqual(pool[:3], [n["PhoneNumber"] for n in first["AvailableNumbersList"]])
        self.assertEqual({"PhoneNumberCountryCode": "GB", "PhoneNumberType": "TOLL_FREE"},
                         {k: v for k, v in first["AvailableNumbersList"][0].items() if k != "PhoneNumber"})
        second = self.connect.search_available_phone_numbers(InstanceId=self.instance_id, PhoneNumberCountryCode="GB",
                                                             PhoneNumberType="TOLL_FREE", MaxResults=3, NextToken=first["NextToken"])
        self.assertEqual(pool[3:6], [n["PhoneNumber"] for n in second["AvailableNumbersList"]])
        # SearchAvailablePhoneNumbers models no InvalidRequestException: a forged token is its InvalidParameterException
        self.assertError("InvalidParameterException", self.connect.search_available_phone_numbers, InstanceId=self.instance_id,
                         PhoneNumberCountryCode="GB", PhoneNumberType="TOLL_FREE", NextToken="forged.token")
        prefixed = self.available(PhoneNumberPrefix="+1800555010", kind="TOLL_FREE", InstanceId=self.instance_id)
        self.assertTrue(prefixed and all(n.startswith("+1800555010") for n in prefixed))
        self.assertEqual([], self.available(country="ZW"))
        self.assertEqual([], self.available(kind="UIFN"))

    def test_search_targets(self):
        gid, arn = self.new_group()
        self.assertTrue(self.available(TargetArn=arn))
        self.assertTrue(self.available(self.west, TargetArn=arn))
        self.assertTrue(self.available(TargetArn=self.instance_arn))
        self.assertError("InvalidParameterException", self.connect.search_available_phone_numbers, PhoneNumberCountryCode="US",
                         PhoneNumberType="DID", status=400, message="You must enter InstanceId or TargetArn.")
        self.assertError("InvalidParameterException", self.connect.search_available_phone_numbers, PhoneNumberCountryCode="US",
                         PhoneNumberType="DID", InstanceId=self.instance_id, TargetArn=arn)
        self.assertError("InvalidParameterException", self.connect.search_available_phone_numbers, PhoneNumberCountryCode="US",
                         PhoneNumberType="DID", InstanceId=self.instance_id, PhoneNumberPrefix="1206")
        # SearchAvailablePhoneNumbers models no ResourceNotFoundException
        self.assertError("InvalidParameterException", self.west.search_available_phone_numbers, PhoneNumberCountryCode="US",
                         PhoneNumberType="DID", TargetArn=gid, message="Resource not found")
        self.assertError("InvalidParameterException", self.connect.search_available_phone_numbers, PhoneNumberCountryCode="US",
                         PhoneNumberType="DID", InstanceId=FAKE_ID, message="Instance not found")

    def test_claim_describe_release_for_an_instance(self):
        number, pid, parn = self.claim()
        self.assertNotIn(number, self.available())
        for ident in (pid, parn):
            summary = self.connect.describe_phone_number(PhoneNumberId=ident)["ClaimedPhoneNumberSummary"]
            self.assertEqual({"PhoneNumberId": pid, "PhoneNumberArn": parn, "PhoneNumber": number, "PhoneNumberCountryCode": "US",
                              "PhoneNumberType": "DID", "TargetArn": self.instance_arn, "InstanceId": self.instance_id,
                              "PhoneNumberStatus": {"Status": "CLAIMED"}}, summary)
        self.assertEqual(f"arn:aws:connect:{EAST}:000000000000:phone-number/{pid}", parn)
        # a number claimed to an instance is not seen from the other Region, even by ARN
        self.assertError("ResourceNotFoundException", self.west.describe_phone_number, PhoneNumberId=parn, status=404)
        self.assertError("ResourceNotFoundException", client(EAST, OTHER_ACCOUNT).describe_phone_number, PhoneNumberId=pid)
        # the same number cannot be claimed twice
        self.assertError("InvalidParameterException", self.connect.claim_phone_number, InstanceId=self.instance_id,
                         PhoneNumber=number, message=f"The phone number {number} is not available to claim.")
        self.connect.release_phone_number(PhoneNumberId=parn)
        self.assertError("ResourceNotFoundException", self.connect.describe_phone_number, PhoneNumberId=pid,
                         message="Phone number not found")
        # a released number cools down before it is back in the pool (test_rules_gaps.py::NumberCooldownTests)
        self.assertNotIn(number, self.available())
        self.assertError("ResourceNotFoundException", self.connect.release_phone_number, PhoneNumberId=pid)

    def test_claim_with_description_tags_and_client_token(self):
        number = self.available(kind="TOLL_FREE")[0]
        token = unique("tok")
        args = dict(InstanceId=self.instance_id, PhoneNumber=number, PhoneNumberDescription="sales", Tags={"k": "v"}, ClientToken=token)
        first = self.connect.claim_phone_number(**args)
        self.assertEqual(first["PhoneNumberId"], self.connect.claim_phone_number(**args)["PhoneNumberId"])
        self.assertError("IdempotencyException", self.connect.claim_phone_number, **dict(args, PhoneNumberDescription="other"),
                         status=409)
        summary = self.connect.describe_phone_number(PhoneNumberId=first["PhoneNumberId"])["ClaimedPhoneNumberSummary"]
        self.assertEqual(("sales", {"k": "v"}), (summary["PhoneNumberDescription"], summary["Tags"]))
        self.connect.tag_resource(resourceArn=first["PhoneNumberArn"], tags={"x": "y"})
        self.assertEqual({"k": "v", "x": "y"}, self.connect.list_tags_for_resource(resourceArn=first["PhoneNumberArn"])["tags"])
        self.assertError("ResourceNotFoundException", self.west.list_tags_for_resource, resourceArn=first["PhoneNumberArn"])

    def test_claim_refusals(self):
        gid, arn = self.new_group()
        number = self.available(TargetArn=arn)[0]
        self.assertError("InvalidParameterException", self.west.claim_phone_number, TargetArn=arn, PhoneNumber=number)
        self.assertError("InvalidParameterException", self.connect.claim_phone_number, InstanceId=self.instance_id,
                         PhoneNumber="+15550001234")
        self.assertError("InvalidParameterException", self.connect.claim_phone_number, PhoneNumber=number)
        self.assertError("ResourceNotFoundException", self.connect.claim_phone_number, InstanceId=FAKE_ID, PhoneNumber=number,
                         message="Instance not found")
        self.assertError("ResourceNotFoundException", self.connect.claim_phone_number, PhoneNumber=number,
                         TargetArn=arn.replace(gid, FAKE_ID))
        with held("tdg-create"):
            creating = self.connect.create_traffic_distribution_group(Name="creating", InstanceId=self.instance_id)["Arn"]
            self.assertError("ResourceNotFoundException", self.connect.claim_phone_number, TargetArn=creating, PhoneNumber=number)
        self.assertNotIn(number, [n["PhoneNumber"] for n in self.connect.list_phone_numbers_v2(
            TargetArn=arn)["ListPhoneNumbersSummaryList"]])

    def test_numbers_of_a_group_are_seen_from_both_regions_by_arn(self):
        gid, arn = self.new_group()
        number, pid, parn = self.claim(TargetArn=arn)
        summary = self.west.describe_phone_number(PhoneNumberId=parn)["ClaimedPhoneNumberSummary"]
        self.assertEqual((arn, number), (summary["TargetArn"], summary["PhoneNumber"]))
        self.assertNotIn("InstanceId", summary)
        self.assertError("ResourceNotFoundException", self.west.describe_phone_number, PhoneNumberId=pid)
        self.assertEqual([pid], [n["PhoneNumberId"] for n in self.west.list_phone_numbers_v2(TargetArn=arn)["ListPhoneNumbersSummaryList"]])
        self.assertIn(pid, [n["PhoneNumberId"] for p in self.west.get_paginator("list_phone_numbers_v2").paginate()
                            for n in p["ListPhoneNumbersSummaryList"]])
        self.west.tag_resource(resourceArn=parn, tags={"region": "west"})
        self.assertEqual({"region": "west"}, self.connect.list_tags_for_resource(resourceArn=parn)["tags"])
        # release and update only where it was claimed
        self.assertError("InvalidParameterException", self.west.release_phone_number, PhoneNumberId=parn)
        self.assertError("InvalidParameterException", self.west.update_phone_number, PhoneNumberId=parn,
                         InstanceId=self.instance_id)
        self.connect.release_phone_number(PhoneNumberId=pid)

    def test_a_group_number_is_associated_by_arn_only_from_the_replica_region(self):
        def inbound_flow(connect):
            flows = [f for p in connect.get_paginator("list_contact_flows").paginate(InstanceId=self.instance_id, ContactFlowTypes=["CONTACT_FLOW"])
                     for f in p["ContactFlowSummaryList"]]
            return next(f["Id"] for f in flows if f.get("ContactFlowState", "ACTIVE") == "ACTIVE" and f.get("ContactFlowStatus", "PUBLISHED") == "PUBLISHED")

        gid, arn = self.new_group()
        number, pid, parn = self.claim(TargetArn=arn)
        west_flow = inbound_flow(self.west)
        self.assertError("ResourceNotFoundException", self.west.associate_phone_number_contact_flow, PhoneNumberId=pid,
                         InstanceId=self.instance_id, ContactFlowId=west_flow, status=404)
        self.west.associate_phone_number_contact_flow(PhoneNumberId=parn, InstanceId=self.instance_id, ContactFlowId=west_flow)
        # in the group's own Region the id and the ARN both name it
        east_flow = inbound_flow(self.connect)
        for ident in (pid, parn):
            self.connect.associate_phone_number_contact_flow(PhoneNumberId=ident, InstanceId=self.instance_id, ContactFlowId=east_flow)
        self.connect.release_phone_number(PhoneNumberId=pid)

    def test_update_moves_between_instance_and_group(self):
        gid, arn = self.new_group()
        number, pid, parn = self.claim()
        out = self.connect.update_phone_number(PhoneNumberId=pid, TargetArn=arn)
        self.assertEqual((pid, parn), (out["PhoneNumberId"], out["PhoneNumberArn"]))
        self.assertEqual(arn, self.connect.describe_phone_number(PhoneNumberId=pid)["ClaimedPhoneNumberSummary"]["TargetArn"])
        self.assertIn(pid, [n["PhoneNumberId"] for n in self.connect.list_phone_numbers_v2(TargetArn=arn)["ListPhoneNumbersSummaryList"]])
        self.assertNotIn(pid, [n["PhoneNumberId"] for n in self.connect.list_phone_numbers_v2(
            InstanceId=self.instance_id)["ListPhoneNumbersSummaryList"]])
        self.connect.update_phone_number(PhoneNumberId=parn, InstanceId=self.instance_id)
        self.assertEqual(self.instance_arn, self.connect.describe_phone_number(PhoneNumberId=pid)["ClaimedPhoneNumberSummary"]["TargetArn"])
        self.assertError("ResourceNotFoundException", self.connect.update_phone_number, PhoneNumberId=FAKE_ID,
                         InstanceId=self.instance_id)
        self.assertError("InvalidParameterException", self.connect.update_phone_number, PhoneNumberId=pid)
        self.assertError("ResourceNotFoundException", self.connect.update_phone_number, PhoneNumberId=pid, InstanceId=FAKE_ID)
        # a west instance is not a target for an east number
        west_only = create_instance(self.west)
        west_arn = self.west.describe_instance(InstanceId=west_only)["Instance"]["Arn"]
        self.assertError("ResourceNotFoundException", self.connect.update_phone_number, PhoneNumberId=pid, TargetArn=west_arn)
        self.connect.release_phone_number(PhoneNumberId=pid)

    def test_list_filters_and_pagination(self):
        iid = create_instance(self.connect)
        did = [self.connect.claim_phone_number(InstanceId=iid, PhoneNumber=n)["PhoneNumberId"]
               for n in self.available(InstanceId=iid)[:2]]
        toll = self.connect.claim_phone_number(InstanceId=iid, PhoneNumber=self.available(kind="TOLL_FREE", InstanceId=iid)[0])["PhoneNumberId"]
        gb = self.connect.claim_phone_number(InstanceId=iid, PhoneNumber=self.available(country="GB", InstanceId=iid)[0])["PhoneNumberId"]

        def ids(**kwargs):
            return [n["PhoneNumberId"] for p in self.connect.get_paginator("list_phone_numbers_v2").paginate(**kwargs)
                    for n in p["ListPhoneNumbersSummaryList"]]

        self.assertEqual(sorted(did + [toll, gb]), ids(InstanceId=iid))
        self.assertEqual(sorted(did + [toll, gb]), ids(TargetArn=f"arn:aws:connect:{EAST}:000000000000:instance/{iid}"))
        self.assertEqual(sorted(did + [toll]), ids(InstanceId=iid, PhoneNumberCountryCodes=["US"]))
        self.assertEqual([toll], ids(InstanceId=iid, PhoneNumberTypes=["TOLL_FREE"]))
        self.assertEqual([gb], ids(InstanceId=iid, PhoneNumberPrefix="+44"))
        self.assertEqual(sorted(did + [gb]), ids(InstanceId=iid, PhoneNumberTypes=["DID"], PhoneNumberCountryCodes=["US", "GB"]))
        pages = [p["ListPhoneNumbersSummaryList"] for p in self.connect.get_paginator("list_phone_numbers_v2").paginate(
            InstanceId=iid, PaginationConfig={"PageSize": 1})]
        self.assertEqual(4, len([p for p in pages if p]))
        self.assertTrue(set(did + [toll, gb]) <= set(ids()))
        self.assertError("InvalidParameterException", self.connect.list_phone_numbers_v2, InstanceId=iid, NextToken="forged.token")
        self.assertError("ResourceNotFoundException", self.connect.list_phone_numbers_v2, InstanceId=FAKE_ID)
        self.assertError("InvalidParameterException", self.connect.list_phone_numbers_v2, InstanceId=iid,
                         TargetArn=f"arn:aws:connect:{EAST}:000000000000:instance/{iid}")
        # deleting the instance releases its numbers
        self.connect.delete_instance(InstanceId=iid)
        self.assertError("ResourceNotFoundException", self.connect.describe_phone_number, PhoneNumberId=gb)


class RestartTests(unittest.TestCase):
    """A transition that falls due while the server is down is applied when it comes back."""

    def test_transition_due_while_down_happens_after_restart(self):
        support.require_server()
        data = tempfile.mkdtemp(prefix="connectlocal-restart-")
        self.addCleanup(shutil.rmtree, data, True)
        server = support.OwnServer(data, "--transition-delays", "tdg-create=1500").start()
        self.addCleanup(server.stop)
        east = server.client(EAST)
        iid = replicated_instance(east)
        gid = east.create_traffic_distribution_group(Name="after-restart", InstanceId=iid)["Id"]
        self.assertEqual("CREATION_IN_PROGRESS", east.describe_traffic_distribution_group(
            TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"])
        pending = control("GET", endpoint=server.endpoint)[1]["pending"]
        self.assertIn(("tdg-create", gid), [(p["kind"], p["targetId"]) for p in pending])
        server.stop()
        time.sleep(2.0)  # the transition falls due while the server is down
        server.start()
        east = server.client(EAST)
        deadline, status = time.time() + 5, None
        while time.time() < deadline:
            status = east.describe_traffic_distribution_group(TrafficDistributionGroupId=gid)["TrafficDistributionGroup"]["Status"]
            if status == "ACTIVE":
                break
            time.sleep(0.1)
        self.assertEqual("ACTIVE", status)
        self.assertEqual([], control("GET", endpoint=server.endpoint)[1]["pending"])


class FailoverRunbookTests(support.ConnectTestCase):
    """docs/global-resiliency.md, step by step: replicate, agents, numbers, fail over to us-west-2 and back, tear down."""

    @classmethod
    def setUpClass(cls):
        cls.connect = client(EAST)

    def test_failover_runbook(self):
        east, west = client(EAST), client(WEST)
        # 1. an instance in us-east-1, replicated to us-west-2
        iid = create_instance(east, unique("runbook"))
        replica = json.loads(cli("replicate-instance", "--instance-id", iid, "--replica-region", WEST,
                                 "--replica-alias", unique("runbook-west")).stdout)
        self.assertEqual(iid, replica["Id"])
        for connect in (east, west):
            config = connect.describe_instance(InstanceId=iid)["ReplicationConfiguration"]
            self.assertEqual({"INSTANCE_REPLICATION_COMPLETE"}, {s["ReplicationStatus"] for s in config["ReplicationStatusSummaryList"]})

        # 2. a traffic distribution group, agents associated with it, numbers claimed to it
        tdg = json.loads(cli("create-traffic-distribution-group", "--name", "runbook", "--instance-id", iid).stdout)
        arn = tdg["Arn"]
        self.assertEqual("ACTIVE", east.describe_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])
                         ["TrafficDistributionGroup"]["Status"])
        agents = [create_user(east, iid)["UserId"] for _ in range(2)]
        for agent in agents:
            east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=tdg["Id"], UserId=agent, InstanceId=iid)
        members = east.list_traffic_distribution_group_users(TrafficDistributionGroupId=tdg["Id"])
        self.assertEqual(sorted(agents), sorted(u["UserId"] for u in members["TrafficDistributionGroupUserSummaryList"]))
        self.assertEqual(2, len(set(agents)), "two distinct agents were associated")
        numbers = [n["PhoneNumber"] for n in east.search_available_phone_numbers(
            TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", MaxResults=2)["AvailableNumbersList"]]
        self.assertEqual(2, len(set(numbers)), "two distinct numbers to claim")
        claimed = [east.claim_phone_number(TargetArn=arn, PhoneNumber=n)["PhoneNumberArn"] for n in numbers]
        listed = west.list_phone_numbers_v2(TargetArn=arn)["ListPhoneNumbersSummaryList"]
        self.assertEqual(sorted(claimed), sorted(n["PhoneNumberArn"] for n in listed))
        self.assertEqual(sorted(numbers), sorted(n["PhoneNumber"] for n in listed))
        self.assertEqual({arn}, {n["TargetArn"] for n in listed})

        # 3. fail over: from us-west-2, with the ARN, shift telephony and agents 100% to us-west-2
        self.assertError("ResourceNotFoundException", west.update_traffic_distribution, Id=tdg["Id"],
                         TelephonyConfig=split(0, 100))
        west.update_traffic_distribution(Id=arn, TelephonyConfig=split(0, 100), AgentConfig=split(0, 100))
        for connect in (east, west):
            got = connect.get_traffic_distribution(Id=arn)
            self.assertEqual(split(0, 100), got["TelephonyConfig"])
            self.assertEqual(split(0, 100), got["AgentConfig"])
            self.assertEqual("ACTIVE", connect.describe_traffic_distribution_group(TrafficDistributionGroupId=arn)
                             ["TrafficDistributionGroup"]["Status"])

        # 4. fail back, from us-east-1
        east.update_traffic_distribution(Id=tdg["Id"], TelephonyConfig=split(100, 0), AgentConfig=split(100, 0))
        for connect in (east, west):
            self.assertEqual(split(100, 0), connect.get_traffic_distribution(Id=arn)["TelephonyConfig"])

        # 5. tear down in the order AWS requires: numbers, agents, the group, the replica, the source
        for number in claimed:
            east.release_phone_number(PhoneNumberId=number)
        for agent in agents:
            east.disassociate_traffic_distribution_group_user(TrafficDistributionGroupId=tdg["Id"], UserId=agent, InstanceId=iid)
        cli("delete-traffic-distribution-group", "--traffic-distribution-group-id", tdg["Id"])
        self.assertError("ResourceNotFoundException", east.describe_traffic_distribution_group, TrafficDistributionGroupId=tdg["Id"])
        self.assertError("InvalidRequestException", east.delete_instance, InstanceId=iid)
        cli("delete-instance", "--instance-id", iid, region=WEST)
        self.assertError("ResourceNotFoundException", west.describe_instance, InstanceId=iid)
        self.assertNotIn("ReplicationConfiguration", east.describe_instance(InstanceId=iid))
        east.delete_instance(InstanceId=iid)
        self.assertError("ResourceNotFoundException", east.describe_instance, InstanceId=iid)


if __name__ == "__main__":
    unittest.main()
