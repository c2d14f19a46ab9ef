"""Contact flows through boto3 and the aws CLI: content stored as sent, checked as flow language (docs/flows.md)."""
import json
import os
import tempfile

from support import ConnectTestCase, cli, unique

DEFAULTS = {
    "Default agent hold": "AGENT_HOLD", "Default agent transfer": "AGENT_TRANSFER",
    "Default agent whisper": "AGENT_WHISPER", "Default customer hold": "CUSTOMER_HOLD",
    "Default customer queue": "CUSTOMER_QUEUE", "Default customer whisper": "CUSTOMER_WHISPER",
    "Default outbound": "OUTBOUND_WHISPER", "Default queue transfer": "QUEUE_TRANSFER",
    "Sample inbound flow (first contact experience)": "CONTACT_FLOW",
    "Sample interruptible queue flow with callback": "CUSTOMER_QUEUE",
}


def action(identifier, type_, parameters=None, next_action=None, errors=(), conditions=()):
    transitions = {}
    if next_action:
        transitions["NextAction"] = next_action
    if errors:
        transitions["Errors"] = [{"NextAction": e, "ErrorType": "NoMatchingError"} for e in errors]
    if conditions:
        transitions["Conditions"] = [{"NextAction": c, "Condition": {"Operator": "Equals", "Operands": ["1"]}}
                                     for c in conditions]
    return {"Identifier": identifier, "Type": type_, "Parameters": parameters or {}, "Transitions": transitions}


def flow(*actions, start=None):
    return {"Version": "2019-10-30", "StartAction": start or actions[0]["Identifier"], "Metadata": {"note": "kept"},
            "Actions": list(actions)}


def greeting(text="Hello"):
    return flow(action("hello", "MessageParticipant", {"Text": text}, next_action="bye", errors=["bye"]),
                action("bye", "DisconnectParticipant"))


def campaign(text="Hello"):
    """A CAMPAIGN flow's content (the one type CreateContactFlowVersion versions): no DisconnectParticipant there."""
    return flow(action("hello", "MessageParticipant", {"Text": text}, next_action="end", errors=["end"]),
                action("end", "EndFlowExecution"))


class ContactFlowTests(ConnectTestCase):
    def create(self, content=None, name=None, type_="CONTACT_FLOW", raw=None, **kwargs):
        return self.connect.create_contact_flow(
            InstanceId=self.instance_id, Name=name or unique("flow"), Type=type_,
            Content=raw if raw is not None else json.dumps(content or greeting()), **kwargs)

    def describe(self, flow_id):
        return self.connect.describe_contact_flow(InstanceId=self.instance_id, ContactFlowId=flow_id)["ContactFlow"]

    def summaries(self, **kwargs):
        pages = self.connect.get_paginator("list_contact_flows").paginate(InstanceId=self.instance_id, **kwargs)
        return [s for p in pages for s in p["ContactFlowSummaryList"]]

    def problems(self, call, *args, **kwargs):
        with self.assertRaises(self.connect.exceptions.InvalidContactFlowException) as caught:
            call(*args, **kwargs)
        self.assertEqual(400, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        return [p["message"] for p in caught.exception.response["problems"]]

    def test_a_new_instance_lists_the_default_and_sample_flows_and_each_is_valid(self):
        summaries = self.summaries()
        types = {s["Name"]: s["ContactFlowType"] for s in summaries}
        for name, type_ in DEFAULTS.items():
            self.assertEqual(type_, types.get(name), name)
        for summary in summaries:
            self.assertEqual(("ACTIVE", "PUBLISHED"), (summary["ContactFlowState"], summary["ContactFlowStatus"]))
            described = self.describe(summary["Id"])
            # Stored content passes the same validator when sent back (a copy in the same instance).
            copy = self.create(raw=described["Content"], type_=described["Type"])
            self.connect.delete_contact_flow(InstanceId=self.instance_id, ContactFlowId=copy["ContactFlowId"])

    def test_content_is_read_back_exactly_as_sent(self):
        content = json.dumps(greeting("Grüße"), indent=3, ensure_ascii=False)
        out = self.create(content=None, raw=content, Description="greets", Tags={"team": "a"})
        flow_id = out["ContactFlowId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/contact-flow/{flow_id}",
                         out["ContactFlowArn"])
        described = self.describe(flow_id)
        self.assertEqual(content, described["Content"])
        self.assertEqual(("CONTACT_FLOW", "ACTIVE", "PUBLISHED", "greets", {"team": "a"}),
                         (described["Type"], described["State"], described["Status"], described["Description"],
                          described["Tags"]))
        self.assertEqual(out["FlowContentSha256"], described["FlowContentSha256"])

    def test_update_content_name_and_metadata(self):
        flow_id = self.create()["ContactFlowId"]
        new_content = json.dumps(greeting("Welcome back"))
        self.connect.update_contact_flow_content(InstanceId=self.instance_id, ContactFlowId=flow_id, Content=new_content)
        self.assertEqual(new_content, self.describe(flow_id)["Content"])
        name = unique("renamed")
        self.connect.update_contact_flow_name(InstanceId=self.instance_id, ContactFlowId=flow_id, Name=name)
        self.connect.update_contact_flow_metadata(InstanceId=self.instance_id, ContactFlowId=flow_id,
                                                  Description="archived now", ContactFlowState="ARCHIVED")
        described = self.describe(flow_id)
        self.assertEqual((name, "archived now", "ARCHIVED", new_content),
                         (described["Name"], described["Description"], described["State"], described["Content"]))
        summary = next(s for s in self.summaries() if s["Id"] == flow_id)
        self.assertEqual("ARCHIVED", summary["ContactFlowState"])

    def test_names_are_unique(self):
        name = unique("dup")
        self.create(name=name)
        self.assertError("DuplicateResourceException", self.create, name=name, status=409,
                         message=f"Contact flow with name '{name}' already exists")

    def test_list_filters_by_type_and_search_by_name_type_state_and_tag(self):
        name = unique("Findable")
        flow_id = self.create(name=name, Tags={"tier": "gold"})["ContactFlowId"]
        queue_flows = self.summaries(ContactFlowTypes=["CUSTOMER_QUEUE"])
        self.assertEqual({"CUSTOMER_QUEUE"}, {s["ContactFlowType"] for s in queue_flows})
        out = self.connect.search_contact_flows(
            InstanceId=self.instance_id,
            SearchCriteria={"AndConditions": [
                {"StringCondition": {"FieldName": "name", "Value": name.lower(), "ComparisonType": "CONTAINS"}},
                {"TypeCondition": "CONTACT_FLOW"}, {"StateCondition": "ACTIVE"}, {"StatusCondition": "PUBLISHED"}]},
            SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "tier", "TagValue": "gold"}}})
        self.assertEqual([flow_id], [f["Id"] for f in out["ContactFlows"]])
        self.assertEqual(json.dumps(greeting()), out["ContactFlows"][0]["Content"])
        none = self.connect.search_contact_flows(InstanceId=self.instance_id, SearchCriteria={
            "AndConditions": [{"StringCondition": {"FieldName": "name", "Value": name, "ComparisonType": "EXACT"}},
                              {"TypeCondition": "CUSTOMER_QUEUE"}]})
        self.assertEqual([], none["ContactFlows"])

    def test_delete_and_tags_by_arn(self):
        out = self.create()
        self.connect.tag_resource(resourceArn=out["ContactFlowArn"], tags={"a": "1"})
        self.assertEqual({"a": "1"}, self.connect.list_tags_for_resource(resourceArn=out["ContactFlowArn"])["tags"])
        self.connect.delete_contact_flow(InstanceId=self.instance_id, ContactFlowId=out["ContactFlowId"])
        self.assertError("ResourceNotFoundException", self.describe, out["ContactFlowId"], status=404,
                         message="Contact flow not found")

    def test_content_that_is_not_json_is_refused(self):
        self.assertEqual(["The flow content is not valid JSON."], self.problems(self.create, raw="{not json"))

    def test_content_length_is_one_to_256000_characters(self):
        for status in ("SAVED", "PUBLISHED"):
            with self.subTest(status=status):
                name = unique("size")
                self.assertError("InvalidParameterException", self.create, raw="", name=name, Status=status, status=400)
                self.assertError("InvalidParameterException", self.create, raw="x" * 256001, name=name, Status=status, status=400)
                self.assertNotIn(name, [s["Name"] for s in self.summaries()])
        largest = "x" * 256000
        flow_id = self.create(raw=largest, Status="SAVED")["ContactFlowId"]
        self.assertEqual(largest, self.describe(flow_id)["Content"])

    def test_a_saved_flow_is_stored_unchecked(self):
        flow_id = self.create(raw="{draft", Status="SAVED")["ContactFlowId"]
        self.assertEqual(("{draft", "SAVED"), (self.describe(flow_id)["Content"], self.describe(flow_id)["Status"]))

    def test_every_problem_is_reported_at_once_each_naming_its_action(self):
        content = flow(
            action("a", "MessageParticipant", {"Text": "hi"}, next_action="missing"),
            action("a", "TeleportContact"),
            action("c", "DequeueContactAndTransferToQueue", {"QueueId": "00000000-0000-0000-0000-000000000000"}),
            action("d", "DisconnectParticipant", conditions=["a"]),
            start="nowhere")
        problems = self.problems(self.create, content)
        self.assertEqual(sorted([
            "StartAction 'nowhere' is not an action of the flow.",
            "a: Identifier is used by more than one action.",
            "a: Transition to 'missing', which is not an action of the flow.",
            "a: Action type 'TeleportContact' is not supported.",
            "c: Action type 'DequeueContactAndTransferToQueue' is not allowed in a CONTACT_FLOW flow.",
            "c: QueueId '00000000-0000-0000-0000-000000000000' does not exist in the instance.",
            "d: Action type 'DisconnectParticipant' has no Conditions.",
        ]), sorted(problems))

    def test_a_missing_start_action_and_a_wrong_version(self):
        content = greeting()
        del content["StartAction"]
        content["Version"] = "2020-01-01"
        self.assertEqual(sorted(["Version '2020-01-01' is not supported; use '2019-10-30'.", "StartAction is required."]),
                         sorted(self.problems(self.create, content)))

    def test_actions_are_allowed_by_flow_type(self):
        transfer = flow(action("t", "TransferContactToQueue", errors=["d"]), action("d", "DisconnectParticipant"))
        self.assertEqual(["t: Action type 'TransferContactToQueue' is not allowed in a CUSTOMER_QUEUE flow."],
                         self.problems(self.create, transfer, type_="CUSTOMER_QUEUE"))
        self.create(transfer, type_="QUEUE_TRANSFER")
        self.create(flow(action("q", "DequeueContactAndTransferToQueue", {"QueueId": "$.Attributes.queue"})),
                    type_="CUSTOMER_QUEUE")

    def test_references_must_exist_in_the_instance(self):
        queue_arn = next(s["Arn"] for s in self.connect.list_queues(InstanceId=self.instance_id)["QueueSummaryList"]
                         if s.get("Name") == "BasicQueue")
        ok = flow(action("q", "UpdateContactTargetQueue", {"QueueId": queue_arn}, next_action="t", errors=["t"]),
                  action("t", "TransferContactToQueue", errors=["t2"]), action("t2", "DisconnectParticipant"))
        flow_id = self.create(ok)["ContactFlowId"]
        other = queue_arn.replace(self.instance_id, "11111111-1111-1111-1111-111111111111")
        bad = json.loads(json.dumps(ok).replace(queue_arn, other))
        bad["Actions"].append(action("p", "MessageParticipant", {"PromptId": "no-such-prompt"}))
        bad["Actions"].append(action("f", "TransferToFlow", {"ContactFlowId": flow_id}))
        self.assertEqual(sorted([f"q: QueueId '{other}' does not exist in the instance.",
                                 "p: PromptId 'no-such-prompt' does not exist in the instance."]),
                         sorted(self.problems(self.connect.update_contact_flow_content, InstanceId=self.instance_id,
                                              ContactFlowId=flow_id, Content=json.dumps(bad))))
        self.assertEqual(json.dumps(ok), self.describe(flow_id)["Content"])  # a refused update changes nothing

    def test_only_campaign_flows_have_versions(self):
        for type_, content in (("CONTACT_FLOW", greeting()), ("CUSTOMER_QUEUE", None), ("AGENT_WHISPER", None)):
            made = self.create(content=content or flow(action("end", "EndFlowExecution")), type_=type_)
            with self.assertRaises(Exception) as caught:
                self.connect.create_contact_flow_version(InstanceId=self.instance_id, ContactFlowId=made["ContactFlowId"])
            self.assertEqual(("InvalidRequestException", 400), (caught.exception.response["Error"]["Code"],
                                                                caught.exception.response["ResponseMetadata"]["HTTPStatusCode"]))
            self.assertIn("CAMPAIGN", caught.exception.response["Error"]["Message"])
            versions = self.connect.list_contact_flow_versions(InstanceId=self.instance_id, ContactFlowId=made["ContactFlowId"])
            self.assertEqual([], versions["ContactFlowVersionSummaryList"])

    def test_versions_freeze_the_content_and_are_described_by_id_colon_version(self):
        first = json.dumps(campaign("first"))
        out = self.create(raw=first, type_="CAMPAIGN")
        flow_id, arn = out["ContactFlowId"], out["ContactFlowArn"]
        v1 = self.connect.create_contact_flow_version(InstanceId=self.instance_id, ContactFlowId=flow_id, Description="one",
                                                      FlowContentSha256=out["FlowContentSha256"])
        self.assertEqual((f"{arn}:1", 1), (v1["ContactFlowArn"], v1["Version"]))
        self.connect.update_contact_flow_content(InstanceId=self.instance_id, ContactFlowId=flow_id,
                                                 Content=json.dumps(campaign("second")))
        self.assertError("InvalidRequestException", self.connect.create_contact_flow_version, InstanceId=self.instance_id,
                         ContactFlowId=flow_id, FlowContentSha256=out["FlowContentSha256"], status=400)
        v2 = self.connect.create_contact_flow_version(InstanceId=self.instance_id, ContactFlowId=arn, ContactFlowVersion=1)
        self.assertEqual(2, v2["Version"])
        old = self.describe(f"{flow_id}:1")
        self.assertEqual((first, 1, "one", f"{arn}:1"), (old["Content"], old["Version"], old["VersionDescription"], old["Arn"]))
        self.assertEqual(json.dumps(campaign("second")), self.describe(f"{arn}:2")["Content"])
        self.assertNotIn("Version", self.describe(flow_id))
        self.assertError("ResourceNotFoundException", self.describe, f"{flow_id}:3", status=404)
        pages = self.connect.get_paginator("list_contact_flow_versions").paginate(
            InstanceId=self.instance_id, ContactFlowId=flow_id, PaginationConfig={"PageSize": 1})
        listed = [v for p in pages for v in p["ContactFlowVersionSummaryList"]]
        self.assertEqual([(1, "one", f"{arn}:1"), (2, None, f"{arn}:2")],
                         [(v["Version"], v.get("VersionDescription"), v["Arn"]) for v in listed])

    def test_the_aws_cli_creates_describes_and_sees_the_problems(self):
        name = unique("cli")
        created = json.loads(cli("create-contact-flow", "--instance-id", self.instance_id, "--name", name,
                                 "--type", "CONTACT_FLOW", "--content", json.dumps(greeting())).stdout)
        described = json.loads(cli("describe-contact-flow", "--instance-id", self.instance_id,
                                   "--contact-flow-id", created["ContactFlowId"]).stdout)
        self.assertEqual(greeting(), json.loads(described["ContactFlow"]["Content"]))
        refused = cli("update-contact-flow-content", "--instance-id", self.instance_id, "--contact-flow-id",
                      created["ContactFlowId"], "--content", "[]", check=False)
        self.assertIn("InvalidContactFlowException", refused.stderr)


class ValidateFlowCommandTests(ConnectTestCase):
    """connectlocal validate-flow FILE: the same validator offline, one line per problem, exit 1 on problems."""

    def run_command(self, content, *extra):
        import subprocess
        from support import OwnServer
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(content)
        try:
            return subprocess.run(["dotnet", OwnServer.dll(), "validate-flow", f.name, *extra],
                                  capture_output=True, text=True, timeout=120)
        finally:
            os.unlink(f.name)

    def test_a_valid_flow_exits_0_and_problems_exit_1_each_on_its_line(self):
        self.assertEqual(0, self.run_command(json.dumps(greeting())).returncode)
        bad = self.run_command(json.dumps(flow(action("x", "TransferContactToQueue", next_action="y"))),
                               "--type", "CUSTOMER_WHISPER")
        self.assertEqual(1, bad.returncode)
        self.assertIn("x: Action type 'TransferContactToQueue' is not allowed in a CUSTOMER_WHISPER flow.", bad.stdout)
        self.assertIn("x: Transition to 'y', which is not an action of the flow.", bad.stdout)
