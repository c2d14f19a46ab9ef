"""Instances, instance attributes and tags through boto3 and the aws CLI."""
import json
import unittest

from support import ConnectTestCase, client, create_instance, cli, unique


class InstanceTests(ConnectTestCase):
    def test_create_describe_list_delete(self):
        alias = unique("life")
        iid = create_instance(self.connect, alias)
        inst = self.connect.describe_instance(InstanceId=iid)["Instance"]
        self.assertEqual(alias, inst["InstanceAlias"])
        self.assertEqual("ACTIVE", inst["InstanceStatus"])
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{iid}", inst["Arn"])
        # the ARN names the same instance
        self.assertEqual(iid, self.connect.describe_instance(InstanceId=inst["Arn"])["Instance"]["Id"])
        ids = [s["Id"] for p in self.connect.get_paginator("list_instances").paginate() for s in p["InstanceSummaryList"]]
        self.assertIn(iid, ids)
        self.connect.delete_instance(InstanceId=iid)
        self.assertError("ResourceNotFoundException", self.connect.describe_instance, InstanceId=iid,
                         status=404, message="Instance not found")

    def test_default_resources_exist(self):
        queues = self.connect.list_queues(InstanceId=self.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
        self.assertIn("BasicQueue", [q.get("Name") for q in queues])

    def test_alias_must_be_unique_in_region(self):
        alias = unique("dup")
        create_instance(self.connect, alias)
        self.assertError("InvalidRequestException", create_instance, self.connect, alias,
                         message="Invalid Input. Instance alias is already used.")
        # another region is another namespace
        create_instance(client("us-west-2"), alias)

    def test_client_token_replays_the_first_result(self):
        token = unique("tok")
        args = dict(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=unique("idem"),
                    InboundCallsEnabled=True, OutboundCallsEnabled=False, ClientToken=token)
        first = self.connect.create_instance(**args)["Id"]
        self.assertEqual(first, self.connect.create_instance(**args)["Id"])

    def test_instance_of_another_account_is_not_found(self):
        other = client(account="111122223333")
        self.assertError("ResourceNotFoundException", other.describe_instance, InstanceId=self.instance_id)

    def test_attributes(self):
        attrs = {a["AttributeType"]: a["Value"] for p in self.connect.get_paginator("list_instance_attributes").paginate(InstanceId=self.instance_id) for a in p["Attributes"]}
        self.assertEqual("true", attrs["INBOUND_CALLS"])
        self.connect.update_instance_attribute(InstanceId=self.instance_id, AttributeType="CONTACTFLOW_LOGS", Value="true")
        got = self.connect.describe_instance_attribute(InstanceId=self.instance_id, AttributeType="CONTACTFLOW_LOGS")
        self.assertEqual("true", got["Attribute"]["Value"])

    def test_tags_by_arn(self):
        arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        self.connect.tag_resource(resourceArn=arn, tags={"team": "blue", "env": "dev"})
        self.connect.untag_resource(resourceArn=arn, tagKeys=["env"])
        self.assertEqual({"team": "blue"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.assertError("ResourceNotFoundException", self.connect.list_tags_for_resource,
                         resourceArn=arn.replace("us-east-1", "us-west-2"))

    def test_cli_list_instances(self):
        out = json.loads(cli("list-instances").stdout)
        self.assertIn(self.instance_id, [s["Id"] for s in out["InstanceSummaryList"]])


if __name__ == "__main__":
    unittest.main()
