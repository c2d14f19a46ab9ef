"""Quick connects through boto3 and the aws CLI: the first resource family added by declaration (docs/development.md)."""
import json
import time

from support import ConnectTestCase, cli, unique



def phone(number="+12065550100"):
    return {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": number}}


class QuickConnectTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        queues = cls.connect.list_queues(InstanceId=cls.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
        cls.queue = next(q for q in queues if q["Name"] == "BasicQueue")
        profiles = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
        security = cls.connect.list_security_profiles(InstanceId=cls.instance_id)["SecurityProfileSummaryList"]
        cls.user_id = cls.connect.create_user(
            Username=unique("agent"), Password="Passw0rd!Passw0rd", InstanceId=cls.instance_id,
            IdentityInfo={"FirstName": "Ada", "LastName": "L"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[security[0]["Id"]], RoutingProfileId=profiles[0]["Id"])["UserId"]
        # each type of quick connect names a flow of its own type (docs/flows.md): the instance's default ones
        flows = {f["Name"]: f["Id"] for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=cls.instance_id)
                 for f in p["ContactFlowSummaryList"]}
        cls.queue_flow, cls.agent_flow = flows["Default queue transfer"], flows["Default agent transfer"]
        cls.inbound_flow = flows["Sample inbound flow (first contact experience)"]

    def create(self, config=None, name=None, **kwargs):
        return self.connect.create_quick_connect(InstanceId=self.instance_id, Name=name or unique("qc"),
                                                 QuickConnectConfig=config or phone(), **kwargs)

    def describe(self, qc_id):
        return self.connect.describe_quick_connect(InstanceId=self.instance_id, QuickConnectId=qc_id)["QuickConnect"]

    def all_summaries(self, **kwargs):
        pages = self.connect.get_paginator("list_quick_connects").paginate(InstanceId=self.instance_id, **kwargs)
        return [s for p in pages for s in p["QuickConnectSummaryList"]]

    def test_create_then_describe_returns_every_member(self):
        name = unique("to-queue")
        config = {"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": self.queue["Id"], "ContactFlowId": self.queue_flow}}
        before = time.time()
        out = self.create(config, name=name, Description="Sales line", Tags={"team": "sales"})
        qc_id = out["QuickConnectId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/transfer-destination/{qc_id}",
                         out["QuickConnectARN"])
        qc = self.describe(qc_id)
        self.assertEqual(qc_id, qc["QuickConnectId"])
        self.assertEqual(out["QuickConnectARN"], qc["QuickConnectARN"])
        self.assertEqual(name, qc["Name"])
        self.assertEqual("Sales line", qc["Description"])
        self.assertEqual(config, qc["QuickConnectConfig"])
        self.assertEqual({"team": "sales"}, qc["Tags"])
        self.assertEqual("us-east-1", qc["LastModifiedRegion"])
        self.assertGreaterEqual(qc["LastModifiedTime"].timestamp(), before - 1)

    def test_each_type_takes_its_own_configuration(self):
        for config in (phone(), {"QuickConnectType": "USER", "UserConfig": {"UserId": self.user_id, "ContactFlowId": self.agent_flow}},
                       {"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": self.inbound_flow}}):
            qc_id = self.create(config)["QuickConnectId"]
            self.assertEqual(config, self.describe(qc_id)["QuickConnectConfig"])

    def test_a_configuration_that_does_not_match_the_type_is_refused(self):
        self.assertError("InvalidParameterException", self.create,
                         {"QuickConnectType": "USER", "PhoneConfig": {"PhoneNumber": "+12065550100"}}, status=400,
                         message="Invalid parameter: a quick connect of type USER takes UserConfig and no other configuration")
        both = dict(phone(), FlowConfig={"ContactFlowId": self.inbound_flow})
        self.assertError("InvalidParameterException", self.create, both)

    def test_the_user_or_queue_named_must_exist_in_the_instance(self):
        self.assertError("ResourceNotFoundException", self.create,
                         {"QuickConnectType": "USER", "UserConfig": {"UserId": "no-such-user", "ContactFlowId": self.agent_flow}},
                         status=404, message="User not found")
        self.assertError("ResourceNotFoundException", self.create,
                         {"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": "no-such-queue", "ContactFlowId": self.queue_flow}},
                         message="Queue not found")

    def test_an_agent_queue_cannot_be_the_target_of_a_queue_quick_connect(self):
        config = {"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": self.user_id, "ContactFlowId": self.queue_flow}}
        self.assertError("InvalidParameterException", self.create, config)

    def test_names_are_unique_in_the_instance(self):
        name = unique("dup")
        self.create(name=name)
        self.assertError("DuplicateResourceException", self.create, name=name, status=409,
                         message=f"Quick connect with name '{name}' already exists")

    def test_a_refused_create_stores_nothing(self):
        name = unique("refused")
        self.assertError("ResourceNotFoundException", self.create,
                         {"QuickConnectType": "USER", "UserConfig": {"UserId": "nobody", "ContactFlowId": self.agent_flow}}, name=name)
        self.assertNotIn(name, [s["Name"] for s in self.all_summaries()])

    def test_list_pages_return_each_once_with_the_type_and_filter_by_type(self):
        made = {self.create(phone())["QuickConnectId"] for _ in range(5)}
        made.add(self.create({"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": self.inbound_flow}})["QuickConnectId"])
        summaries = self.all_summaries(PaginationConfig={"PageSize": 2})
        ids = [s["Id"] for s in summaries]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertLessEqual(made, set(ids))
        one = next(s for s in summaries if s["Id"] in made)
        self.assertEqual({"Id", "Arn", "Name", "QuickConnectType", "LastModifiedTime", "LastModifiedRegion"}, set(one))
        flows = self.all_summaries(QuickConnectTypes=["FLOW"])
        self.assertTrue(flows)
        self.assertEqual({"FLOW"}, {s["QuickConnectType"] for s in flows})

    def test_a_page_token_is_bound_to_its_filter(self):
        for _ in range(3):
            self.create(phone())
        first = self.connect.list_quick_connects(InstanceId=self.instance_id, QuickConnectTypes=["PHONE_NUMBER"], MaxResults=1)
        self.assertIn("NextToken", first)
        self.assertError("InvalidRequestException", self.connect.list_quick_connects, InstanceId=self.instance_id,
                         QuickConnectTypes=["USER"], NextToken=first["NextToken"], message="The nextToken is not valid.")
        # the same filter accepts it, and an empty token is the first page
        self.connect.list_quick_connects(InstanceId=self.instance_id, QuickConnectTypes=["PHONE_NUMBER"], NextToken=first["NextToken"])
        again = self.connect.list_quick_connects(InstanceId=self.instance_id, QuickConnectTypes=["PHONE_NUMBER"], MaxResults=1, NextToken="")
        self.assertEqual(first["QuickConnectSummaryList"], again["QuickConnectSummaryList"])

    def test_search_by_name_type_and_tag(self):
        name = unique("Searchable")
        qc_id = self.create(phone(), name=name, Tags={"tier": "gold"})["QuickConnectId"]
        out = self.connect.search_quick_connects(
            InstanceId=self.instance_id,
            SearchCriteria={"AndConditions": [
                {"StringCondition": {"FieldName": "name", "Value": name.lower()[:12], "ComparisonType": "STARTS_WITH"}},
                {"StringCondition": {"FieldName": "quickConnectType", "Value": "PHONE_NUMBER", "ComparisonType": "EXACT"}}]},
            SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "tier", "TagValue": "gold"}}})
        self.assertEqual([qc_id], [q["QuickConnectId"] for q in out["QuickConnects"]])
        self.assertEqual(1, out["ApproximateTotalCount"])
        self.assertEqual(name, out["QuickConnects"][0]["Name"])
        self.assertError("InvalidParameterException", self.connect.search_quick_connects, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})

    def test_update_name_keeps_what_is_left_out_and_update_config_replaces_it(self):
        name = unique("old")
        qc_id = self.create(phone(), name=name, Description="first")["QuickConnectId"]
        before = self.describe(qc_id)["LastModifiedTime"]
        time.sleep(0.01)
        self.connect.update_quick_connect_name(InstanceId=self.instance_id, QuickConnectId=qc_id, Description="second")
        qc = self.describe(qc_id)
        self.assertEqual((name, "second"), (qc["Name"], qc["Description"]))
        self.assertGreater(qc["LastModifiedTime"], before)
        config = {"QuickConnectType": "USER", "UserConfig": {"UserId": self.user_id, "ContactFlowId": self.agent_flow}}
        self.connect.update_quick_connect_config(InstanceId=self.instance_id, QuickConnectId=qc["QuickConnectARN"], QuickConnectConfig=config)
        self.assertEqual(config, self.describe(qc_id)["QuickConnectConfig"])

    def test_a_rename_to_a_taken_name_and_a_bad_config_change_nothing(self):
        taken = unique("taken")
        self.create(name=taken)
        qc_id = self.create(phone("+12065550111"))["QuickConnectId"]
        before = self.describe(qc_id)
        self.assertError("DuplicateResourceException", self.connect.update_quick_connect_name,
                         InstanceId=self.instance_id, QuickConnectId=qc_id, Name=taken)
        self.assertError("ResourceNotFoundException", self.connect.update_quick_connect_config, InstanceId=self.instance_id,
                         QuickConnectId=qc_id, QuickConnectConfig={"QuickConnectType": "USER", "UserConfig": {"UserId": "nobody", "ContactFlowId": self.agent_flow}})
        self.assertEqual(before, self.describe(qc_id))

    def test_delete_then_it_is_gone(self):
        qc_id = self.create()["QuickConnectId"]
        self.connect.delete_quick_connect(InstanceId=self.instance_id, QuickConnectId=qc_id)
        self.assertError("ResourceNotFoundException", self.describe, qc_id, status=404, message="Quick connect not found")
        self.assertError("ResourceNotFoundException", self.connect.delete_quick_connect, InstanceId=self.instance_id, QuickConnectId=qc_id)
        self.assertNotIn(qc_id, [s["Id"] for s in self.all_summaries()])

    def test_unknown_instance_and_unknown_quick_connect(self):
        self.assertError("ResourceNotFoundException", self.connect.list_quick_connects, InstanceId="no-such-instance",
                         message="Instance not found")
        self.assertError("ResourceNotFoundException", self.connect.update_quick_connect_name, InstanceId=self.instance_id,
                         QuickConnectId="nope", Name="x")

    def test_tags_by_arn(self):
        arn = self.create(Tags={"a": "1"})["QuickConnectARN"]
        self.connect.tag_resource(resourceArn=arn, tags={"b": "2"})
        self.connect.untag_resource(resourceArn=arn, tagKeys=["a"])
        self.assertEqual({"b": "2"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])

    def test_the_aws_cli_drives_the_whole_family(self):
        name = unique("cli")
        created = json.loads(cli("create-quick-connect", "--instance-id", self.instance_id, "--name", name,
                                 "--quick-connect-config", json.dumps(phone())).stdout)
        qc_id = created["QuickConnectId"]
        described = json.loads(cli("describe-quick-connect", "--instance-id", self.instance_id, "--quick-connect-id", qc_id).stdout)
        self.assertEqual(name, described["QuickConnect"]["Name"])
        listed = json.loads(cli("list-quick-connects", "--instance-id", self.instance_id, "--quick-connect-types", "PHONE_NUMBER").stdout)
        self.assertIn(qc_id, [s["Id"] for s in listed["QuickConnectSummaryList"]])
        cli("update-quick-connect-name", "--instance-id", self.instance_id, "--quick-connect-id", qc_id, "--name", name + "-2")
        cli("delete-quick-connect", "--instance-id", self.instance_id, "--quick-connect-id", qc_id)
        gone = cli("describe-quick-connect", "--instance-id", self.instance_id, "--quick-connect-id", qc_id, check=False)
        self.assertNotEqual(0, gone.returncode)
        self.assertIn("ResourceNotFoundException", gone.stderr)
        bad = cli("create-quick-connect", "--instance-id", self.instance_id, "--name", unique("x"),
                  "--quick-connect-config", json.dumps({"QuickConnectType": "QUEUE", "PhoneConfig": {"PhoneNumber": "+12065550100"}}), check=False)
        self.assertIn("InvalidParameterException", bad.stderr)


class QueueQuickConnectTests(ConnectTestCase):
    """The quick connects a queue offers: CreateQueue's QuickConnectIds and the association operations."""

    def quick_connect(self, name=None):
        return self.connect.create_quick_connect(InstanceId=self.instance_id, Name=name or unique("qc"),
                                                 QuickConnectConfig=phone())["QuickConnectId"]

    def hours(self):
        return next(h for h in self.connect.list_hours_of_operations(InstanceId=self.instance_id)["HoursOfOperationSummaryList"]
                    if h["Name"] == "Basic Hours")["Id"]

    def offered(self, queue_id, **kwargs):
        pages = self.connect.get_paginator("list_queue_quick_connects").paginate(InstanceId=self.instance_id, QueueId=queue_id, **kwargs)
        return [s["Id"] for p in pages for s in p["QuickConnectSummaryList"]]

    def test_create_queue_with_quick_connects_then_associate_and_disassociate(self):
        first, second, third = self.quick_connect(), self.quick_connect(), self.quick_connect()
        queue_id = self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=self.hours(),
                                             QuickConnectIds=[first])["QueueId"]
        self.assertEqual([first], self.offered(queue_id))
        self.connect.associate_queue_quick_connects(InstanceId=self.instance_id, QueueId=queue_id, QuickConnectIds=[second, third, first])
        self.assertEqual(sorted([first, second, third]), self.offered(queue_id, PaginationConfig={"PageSize": 2}))
        self.connect.disassociate_queue_quick_connects(InstanceId=self.instance_id, QueueId=queue_id, QuickConnectIds=[second])
        self.assertEqual(sorted([first, third]), self.offered(queue_id))
        out = self.connect.list_queue_quick_connects(InstanceId=self.instance_id, QueueId=queue_id)
        self.assertEqual("us-east-1", out["LastModifiedRegion"])
        self.assertEqual({"Id", "Arn", "Name", "QuickConnectType", "LastModifiedTime", "LastModifiedRegion"}, set(out["QuickConnectSummaryList"][0]))

    def test_an_unknown_quick_connect_is_not_found_and_changes_nothing(self):
        known = self.quick_connect()
        self.assertError("ResourceNotFoundException", self.connect.create_queue, InstanceId=self.instance_id, Name=unique("q"),
                         HoursOfOperationId=self.hours(), QuickConnectIds=["nope"], message="Quick connect not found")
        queue_id = self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=self.hours(),
                                             QuickConnectIds=[known])["QueueId"]
        self.assertError("ResourceNotFoundException", self.connect.associate_queue_quick_connects,
                         InstanceId=self.instance_id, QueueId=queue_id, QuickConnectIds=[known, "nope"])
        self.assertEqual([known], self.offered(queue_id))

    def test_deleting_a_quick_connect_takes_it_off_its_queues(self):
        qc = self.quick_connect()
        queue_id = self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=self.hours(),
                                             QuickConnectIds=[qc])["QueueId"]
        self.connect.delete_quick_connect(InstanceId=self.instance_id, QuickConnectId=qc)
        self.assertEqual([], self.offered(queue_id))
