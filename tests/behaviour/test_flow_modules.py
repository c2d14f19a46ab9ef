"""Contact flow modules through boto3 and the aws CLI: content stored as sent and checked as flow language, lower-case
State/Status as the real service answers, versions, aliases, search, tags (docs/flows.md, "Flow modules")."""
import json

from support import ConnectTestCase, cli, unique


def action(identifier, type_, parameters=None, next_action=None, errors=()):
    transitions = {}
    if next_action:
        transitions["NextAction"] = next_action
    if errors:
        transitions["Errors"] = [{"NextAction": e, "ErrorType": "NoMatchingError"} for e in errors]
    return {"Identifier": identifier, "Type": type_, "Parameters": parameters or {}, "Transitions": transitions}


def module(text="Hello"):
    return {"Version": "2019-10-30", "StartAction": "hello", "Settings": {"InputParameters": []},
            "Actions": [action("hello", "MessageParticipant", {"Text": text}, next_action="done", errors=["done"]),
                        action("done", "EndFlowModuleExecution")]}


class FlowModuleTests(ConnectTestCase):
    def create(self, content=None, name=None, raw=None, **kwargs):
        return self.connect.create_contact_flow_module(
            InstanceId=self.instance_id, Name=name or unique("mod"),
            Content=raw if raw is not None else json.dumps(content or module()), **kwargs)

    def describe(self, module_id):
        return self.connect.describe_contact_flow_module(
            InstanceId=self.instance_id, ContactFlowModuleId=module_id)["ContactFlowModule"]

    def problems(self, call, *args, **kwargs):
        with self.assertRaises(self.connect.exceptions.InvalidContactFlowModuleException) as caught:
            call(*args, **kwargs)
        self.assertEqual(400, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        return [p["message"] for p in caught.exception.response["Problems"]]

    def test_lifecycle_create_read_back_update_version_alias_search_delete(self):
        content = json.dumps(module("Grüße"), indent=3, ensure_ascii=False)
        name = unique("lifecycle")
        out = self.create(raw=content, name=name, Description="greets", Tags={"team": "a"})
        mid = out["Id"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/flow-module/{mid}", out["Arn"])
        described = self.describe(mid)
        self.assertEqual(content, described["Content"])
        self.assertEqual(json.loads(content), json.loads(described["Content"]))
        # The real service answers a module's State and Status in lower case (a flow's are upper case).
        self.assertEqual((name, "greets", "active", "published", {"team": "a"}),
                         (described["Name"], described["Description"], described["State"], described["Status"],
                          described["Tags"]))
        self.assertEqual(64, len(described["FlowModuleContentSha256"]))

        # Update content and metadata; read back.
        updated = json.dumps(module("Bye"))
        self.connect.update_contact_flow_module_content(InstanceId=self.instance_id, ContactFlowModuleId=mid, Content=updated)
        self.connect.update_contact_flow_module_metadata(InstanceId=self.instance_id, ContactFlowModuleId=out["Arn"],
                                                         Name=name + "-2", Description="d2", State="ARCHIVED")
        described = self.describe(mid)
        self.assertEqual((updated, name + "-2", "d2", "archived"),
                         (described["Content"], described["Name"], described["Description"], described["State"]))
        self.connect.update_contact_flow_module_metadata(InstanceId=self.instance_id, ContactFlowModuleId=mid, State="ACTIVE")

        # Versions freeze the content; describe by id:version reads it back.
        v1 = self.connect.create_contact_flow_module_version(
            InstanceId=self.instance_id, ContactFlowModuleId=mid, Description="first",
            FlowModuleContentSha256=described["FlowModuleContentSha256"])
        self.assertEqual((1, out["Arn"] + ":1"), (v1["Version"], v1["ContactFlowModuleArn"]))
        self.connect.update_contact_flow_module_content(InstanceId=self.instance_id, ContactFlowModuleId=mid,
                                                        Content=json.dumps(module("Third")))
        self.assertEqual(updated, self.describe(mid + ":1")["Content"])
        self.assertEqual((1, "first"), (self.describe(mid + ":1")["Version"], self.describe(mid + ":1")["VersionDescription"]))
        v2 = self.connect.create_contact_flow_module_version(InstanceId=self.instance_id, ContactFlowModuleId=mid)
        self.assertEqual(2, v2["Version"])
        versions = self.connect.list_contact_flow_module_versions(InstanceId=self.instance_id, ContactFlowModuleId=mid)
        self.assertEqual([1, 2], [v["Version"] for v in versions["ContactFlowModuleVersionSummaryList"]])
        self.assertError("InvalidRequestException", self.connect.create_contact_flow_module_version,
                         InstanceId=self.instance_id, ContactFlowModuleId=mid, FlowModuleContentSha256="0" * 64)

        # Aliases name a version.
        alias = self.connect.create_contact_flow_module_alias(
            InstanceId=self.instance_id, ContactFlowModuleId=mid, ContactFlowModuleVersion=1, AliasName="prod",
            Description="live")
        info = self.connect.describe_contact_flow_module_alias(
            InstanceId=self.instance_id, ContactFlowModuleId=mid, AliasId=alias["Id"])["ContactFlowModuleAlias"]
        self.assertEqual((mid, alias["Id"], "prod", 1, "live"),
                         (info["ContactFlowModuleId"], info["AliasId"], info["Name"], info["Version"], info["Description"]))
        self.assertError("DuplicateResourceException", self.connect.create_contact_flow_module_alias,
                         InstanceId=self.instance_id, ContactFlowModuleId=mid, ContactFlowModuleVersion=2, AliasName="prod")
        self.assertError("ResourceNotFoundException", self.connect.create_contact_flow_module_alias,
                         InstanceId=self.instance_id, ContactFlowModuleId=mid, ContactFlowModuleVersion=9, AliasName="x")
        self.connect.update_contact_flow_module_alias(InstanceId=self.instance_id, ContactFlowModuleId=mid,
                                                      AliasId=alias["Id"], ContactFlowModuleVersion=2)
        aliases = self.connect.list_contact_flow_module_aliases(InstanceId=self.instance_id, ContactFlowModuleId=mid)
        self.assertEqual([("prod", 2)], [(a["AliasName"], a["Version"]) for a in aliases["ContactFlowModuleAliasSummaryList"]])
        # A version an alias names cannot be deleted; another one can.
        self.assertError("InvalidRequestException", self.connect.delete_contact_flow_module_version,
                         InstanceId=self.instance_id, ContactFlowModuleId=mid, ContactFlowModuleVersion=2)
        self.connect.delete_contact_flow_module_version(InstanceId=self.instance_id, ContactFlowModuleId=mid, ContactFlowModuleVersion=1)
        self.assertError("ResourceNotFoundException", self.describe, mid + ":1")
        self.connect.delete_contact_flow_module_alias(InstanceId=self.instance_id, ContactFlowModuleId=mid, AliasId=alias["Id"])
        self.assertError("ResourceNotFoundException", self.connect.describe_contact_flow_module_alias,
                         InstanceId=self.instance_id, ContactFlowModuleId=mid, AliasId=alias["Id"])

        # Search by name, tag and state (the model's upper-case value); results show lower-case.
        found = self.connect.search_contact_flow_modules(
            InstanceId=self.instance_id,
            SearchCriteria={"AndConditions": [
                {"StringCondition": {"FieldName": "name", "Value": name + "-2", "ComparisonType": "EXACT"}},
                {"StateCondition": "ACTIVE"}, {"StatusCondition": "PUBLISHED"}]},
            SearchFilter={"TagFilter": {"OrConditions": [[{"TagKey": "team", "TagValue": "a"}]]}})
        self.assertEqual([(mid, "active", "published")],
                         [(m["Id"], m["State"], m["Status"]) for m in found["ContactFlowModules"]])
        self.assertEqual(1, found["ApproximateTotalCount"])
        none = self.connect.search_contact_flow_modules(
            InstanceId=self.instance_id,
            SearchCriteria={"AndConditions": [
                {"StringCondition": {"FieldName": "name", "Value": name + "-2", "ComparisonType": "EXACT"}},
                {"StateCondition": "ARCHIVED"}]})
        self.assertEqual([], none["ContactFlowModules"])

        # Delete; read after delete is ResourceNotFoundException.
        self.connect.delete_contact_flow_module(InstanceId=self.instance_id, ContactFlowModuleId=mid)
        self.assertError("ResourceNotFoundException", self.describe, mid, status=404)
        self.assertError("ResourceNotFoundException", self.connect.delete_contact_flow_module,
                         InstanceId=self.instance_id, ContactFlowModuleId=mid)

    def test_list_shows_lower_case_state_and_filters_by_the_models_state(self):
        active = self.create()["Id"]
        archived = self.create()["Id"]
        self.connect.update_contact_flow_module_metadata(InstanceId=self.instance_id, ContactFlowModuleId=archived, State="ARCHIVED")
        pages = self.connect.get_paginator("list_contact_flow_modules").paginate(InstanceId=self.instance_id)
        states = {s["Id"]: s["State"] for p in pages for s in p["ContactFlowModulesSummaryList"]}
        self.assertEqual(("active", "archived"), (states[active], states[archived]))
        only = self.connect.list_contact_flow_modules(InstanceId=self.instance_id, ContactFlowModuleState="ARCHIVED")
        ids = [s["Id"] for s in only["ContactFlowModulesSummaryList"]]
        self.assertIn(archived, ids)
        self.assertNotIn(active, ids)

    def test_invalid_content_lists_every_problem_in_the_modules_exception(self):
        content = {"Version": "2019-10-30", "StartAction": "nowhere",
                   "Actions": [action("a", "NoSuchAction", next_action="gone"),
                               action("q", "TransferContactToQueue", {"QueueId": "00000000-0000-0000-0000-000000000000"})]}
        problems = self.problems(self.create, content)
        self.assertEqual(4, len(problems), problems)
        self.assertIn("StartAction 'nowhere' is not an action of the flow.", problems)
        self.assertIn("a: Action type 'NoSuchAction' is not supported.", problems)
        self.assertIn("a: Transition to 'gone', which is not an action of the flow.", problems)
        self.assertTrue(any(p.startswith("q: QueueId") for p in problems), problems)
        self.assertEqual(["The flow content is not valid JSON."], self.problems(self.create, raw="{nope"))
        mid = self.create()["Id"]
        self.assertEqual(["The flow content is not valid JSON."], self.problems(
            self.connect.update_contact_flow_module_content, InstanceId=self.instance_id, ContactFlowModuleId=mid, Content="["))

    def test_names_are_unique_per_instance_and_unknown_ids_are_not_found(self):
        name = unique("dup")
        mid = self.create(name=name)["Id"]
        self.assertError("DuplicateResourceException", self.create, name=name, status=409)
        other = self.create()["Id"]
        self.assertError("DuplicateResourceException", self.connect.update_contact_flow_module_metadata,
                         InstanceId=self.instance_id, ContactFlowModuleId=other, Name=name)
        missing = "11111111-2222-3333-4444-555555555555"
        for call, kwargs in [
            (self.connect.describe_contact_flow_module, {}),
            (self.connect.update_contact_flow_module_content, {"Content": json.dumps(module())}),
            (self.connect.create_contact_flow_module_version, {}),
            (self.connect.list_contact_flow_module_versions, {}),
            (self.connect.list_contact_flow_module_aliases, {}),
        ]:
            self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id, ContactFlowModuleId=missing, **kwargs)
        self.assertEqual(name, self.describe(mid)["Name"])

    def test_tags_via_the_modules_arn(self):
        out = self.create()
        self.connect.tag_resource(resourceArn=out["Arn"], tags={"env": "dev"})
        self.assertEqual({"env": "dev"}, self.connect.list_tags_for_resource(resourceArn=out["Arn"])["tags"])
        self.connect.untag_resource(resourceArn=out["Arn"], tagKeys=["env"])
        self.assertEqual({}, self.describe(out["Id"]).get("Tags", {}))

    def test_the_aws_cli_creates_and_describes_a_module(self):
        content = json.dumps(module("cli"))
        name = unique("cli")
        created = json.loads(cli("create-contact-flow-module", "--instance-id", self.instance_id,
                                 "--name", name, "--content", content).stdout)
        described = json.loads(cli("describe-contact-flow-module", "--instance-id", self.instance_id,
                                   "--contact-flow-module-id", created["Id"]).stdout)["ContactFlowModule"]
        self.assertEqual((content, "active", "published"), (described["Content"], described["State"], described["Status"]))
        listed = json.loads(cli("list-contact-flow-modules", "--instance-id", self.instance_id).stdout)
        self.assertIn(created["Id"], [s["Id"] for s in listed["ContactFlowModulesSummaryList"]])
