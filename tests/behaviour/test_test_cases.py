"""Test cases (flow tests written in the Testing language) through boto3 and the aws CLI (docs/test-cases.md)."""
import json
import time

from support import ConnectTestCase, cli, unique


def content(*observations, version="2025-06-21"):
    """A test in the Testing language: each observation is (identifier, next identifiers)."""
    return json.dumps({
        "Version": version,
        "Observations": [
            {"Identifier": ident, "Event": {"Identifier": f"{ident}-event", "Type": "TestInitiated", "Actor": "System"},
             "Actions": [{"Identifier": f"{ident}-end", "Type": "TestControl",
                          "Parameters": {"ActionType": "TestControl", "Command": {"Type": "EndTest"}}}],
             "Transitions": {"NextObservations": list(nexts)}}
            for ident, *nexts in (observations or (("start",),))
        ],
    })


class TestCaseTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flows = {f["Name"]: f["Id"] for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=cls.instance_id)
                 for f in p["ContactFlowSummaryList"]}
        cls.inbound_flow = flows["Sample inbound flow (first contact experience)"]

    def create(self, name=None, **kwargs):
        kwargs.setdefault("Content", content())
        return self.connect.create_test_case(InstanceId=self.instance_id, Name=name or unique("test"), **kwargs)

    def describe(self, test_id, **kwargs):
        return self.connect.describe_test_case(InstanceId=self.instance_id, TestCaseId=test_id, **kwargs)["TestCase"]

    def test_create_then_describe_returns_every_member(self):
        name = unique("greeting")
        entry = {"Type": "CHAT", "ChatEntryPointParameters": {"FlowId": self.inbound_flow}}
        before = time.time()
        out = self.create(name, Description="checks the greeting", EntryPoint=entry, InitializationData='{"lang": "en"}',
                          Tags={"team": "qa"})
        test_id = out["TestCaseId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/test-case/{test_id}", out["TestCaseArn"])
        described = self.describe(test_id)
        self.assertEqual((test_id, out["TestCaseArn"], name, "checks the greeting"),
                         (described["Id"], described["Arn"], described["Name"], described["Description"]))
        self.assertEqual(content(), described["Content"])
        self.assertEqual(entry, described["EntryPoint"])
        self.assertEqual('{"lang": "en"}', described["InitializationData"])
        self.assertEqual("PUBLISHED", described["Status"])
        self.assertEqual({"team": "qa"}, described["Tags"])
        self.assertEqual("us-east-1", described["LastModifiedRegion"])
        self.assertGreaterEqual(described["LastModifiedTime"].timestamp(), before - 1)
        self.assertRegex(described["TestCaseSha256"], "^[0-9a-f]{64}$")

    def test_names_are_unique_in_the_instance(self):
        name = unique("dup")
        first = self.create(name)["TestCaseId"]
        self.assertError("DuplicateResourceException", self.create, name, status=409)
        other = self.create()["TestCaseId"]
        self.assertError("DuplicateResourceException", self.connect.update_test_case,
                         InstanceId=self.instance_id, TestCaseId=other, Name=name)
        self.connect.update_test_case(InstanceId=self.instance_id, TestCaseId=first, Name=name)  # its own name

    def test_published_content_is_checked_and_every_problem_listed(self):
        bad = json.dumps({"Version": "1999-01-01", "Observations": [
            {"Identifier": "a", "Actions": "nope", "Transitions": {"NextObservations": ["ghost"]}},
            {"Identifier": "a", "Event": {}}]})
        error = self.assertError("InvalidTestCaseException", self.create, Content=bad, status=400)
        problems = [p["message"] for p in error.response["Problems"]]
        self.assertEqual([
            "Version '1999-01-01' is not supported: use '2025-06-21'.",
            "Observation 'a' has no Event object.",
            "Observation 'a': Actions must be a list of action objects.",
            "Observation 'a' transitions to 'ghost', which is not an observation of the test.",
            "Observation Identifier 'a' is used more than once.",
        ], problems)
        for text, problem in (("not json", "Content is not valid JSON."), ("[]", "Content must be a JSON object."),
                              ('{"Version": "2025-06-21"}', "Observations must list at least one observation.")):
            error = self.assertError("InvalidTestCaseException", self.create, Content=text, Status="PUBLISHED")
            self.assertEqual([problem], [p["message"] for p in error.response["Problems"]])

    def test_saved_content_is_not_checked_until_published(self):
        test_id = self.create(Content="draft, not json", Status="SAVED")["TestCaseId"]
        self.assertEqual("SAVED", self.describe(test_id)["Status"])
        self.assertError("InvalidTestCaseException", self.connect.update_test_case,
                         InstanceId=self.instance_id, TestCaseId=test_id, Status="PUBLISHED")
        self.connect.update_test_case(InstanceId=self.instance_id, TestCaseId=test_id, Content=content(), Status="PUBLISHED")
        self.assertEqual(("PUBLISHED", content()), (self.describe(test_id)["Status"], self.describe(test_id)["Content"]))

    def test_describe_picks_the_published_or_the_saved_version(self):
        test_id = self.create(Content="draft", Status="SAVED")["TestCaseId"]
        self.assertError("ResourceNotFoundException", self.describe, test_id, Status="PUBLISHED", status=404)
        self.assertEqual("draft", self.describe(test_id)["Content"])  # no published version yet: the saved one
        published = content(("one",))
        self.connect.update_test_case(InstanceId=self.instance_id, TestCaseId=test_id, Content=published, Status="PUBLISHED")
        self.connect.update_test_case(InstanceId=self.instance_id, TestCaseId=test_id, Content="next draft", Status="SAVED")
        self.assertEqual((published, "PUBLISHED"), (self.describe(test_id)["Content"], self.describe(test_id)["Status"]))
        self.assertEqual(published, self.describe(test_id, Status="PUBLISHED")["Content"])
        saved = self.describe(test_id, Status="SAVED")
        self.assertEqual(("next draft", "SAVED"), (saved["Content"], saved["Status"]))

    def test_update_changes_only_the_members_given(self):
        test_id = self.create(Description="before", InitializationData="{}")["TestCaseId"]
        self.connect.update_test_case(InstanceId=self.instance_id, TestCaseId=test_id, Description="after")
        described = self.describe(test_id)
        self.assertEqual(("after", "{}", "PUBLISHED"), (described["Description"], described["InitializationData"], described["Status"]))
        # without Status a published test stays published, so new content is checked
        self.assertError("InvalidTestCaseException", self.connect.update_test_case,
                         InstanceId=self.instance_id, TestCaseId=test_id, Content="{}")

    def test_the_entry_point_takes_the_parameters_of_its_type_and_a_flow_of_the_instance(self):
        self.assertError("InvalidParameterException", self.create,
                         EntryPoint={"Type": "VOICE_CALL", "ChatEntryPointParameters": {"FlowId": self.inbound_flow}},
                         message="Invalid parameter: an entry point of type VOICE_CALL takes VoiceCallEntryPointParameters and no other parameters")
        self.assertError("InvalidParameterException", self.create,
                         EntryPoint={"ChatEntryPointParameters": {"FlowId": self.inbound_flow}})
        self.assertError("ResourceNotFoundException", self.create, message="Contact flow not found",
                         EntryPoint={"Type": "VOICE_CALL", "VoiceCallEntryPointParameters": {"FlowId": "no-such-flow"}})
        voice = {"Type": "VOICE_CALL", "VoiceCallEntryPointParameters": {
            "SourcePhoneNumber": "+12065550100", "DestinationPhoneNumber": "+12065550101", "FlowId": self.inbound_flow}}
        test_id = self.create(EntryPoint=voice)["TestCaseId"]
        self.assertEqual(voice, self.describe(test_id)["EntryPoint"])

    def test_initialization_data_must_be_json(self):
        self.assertError("InvalidParameterException", self.create, InitializationData="{oops",
                         message="InitializationData must be a valid JSON string.")
        self.assertError("InvalidParameterException", self.create, InitializationData="{oops", Status="SAVED")

    def test_unknown_test_cases_and_instances_are_not_found(self):
        for call in (lambda: self.describe("no-such-test"),
                     lambda: self.connect.update_test_case(InstanceId=self.instance_id, TestCaseId="no-such-test", Name="x"),
                     lambda: self.connect.delete_test_case(InstanceId=self.instance_id, TestCaseId="no-such-test")):
            self.assertError("ResourceNotFoundException", call, message="Test case not found")
        missing = "00000000-0000-0000-0000-000000000000"
        self.assertError("ResourceNotFoundException", self.connect.list_test_cases, InstanceId=missing)
        self.assertError("ResourceNotFoundException", self.connect.create_test_case, InstanceId=missing, Name="x", Content=content())

    def test_delete_removes_it(self):
        test_id = self.create()["TestCaseId"]
        self.connect.delete_test_case(InstanceId=self.instance_id, TestCaseId=test_id)
        self.assertError("ResourceNotFoundException", self.describe, test_id)

    def test_list_pages_through_summaries(self):
        made = {self.create(Status="SAVED", Content="x")["TestCaseId"] for _ in range(3)}
        pages = list(self.connect.get_paginator("list_test_cases").paginate(
            InstanceId=self.instance_id, PaginationConfig={"PageSize": 2}))
        summaries = [s for p in pages for s in p["TestCaseSummaryList"]]
        self.assertGreater(len(pages), 1)
        self.assertTrue(all(len(p["TestCaseSummaryList"]) <= 2 for p in pages))
        self.assertLessEqual(made, {s["Id"] for s in summaries})
        mine = next(s for s in summaries if s["Id"] in made)
        self.assertEqual({"Id", "Arn", "Name", "Status", "LastModifiedTime", "LastModifiedRegion"}, set(mine))
        self.assertEqual("SAVED", mine["Status"])
        self.assertError("InvalidParameterException", self.connect.list_test_cases, InstanceId=self.instance_id, MaxResults=1001)

    def test_search_by_name_status_and_tags(self):
        name = unique("searchable")
        tagged = self.create(name, Tags={"suite": "smoke"})["TestCaseId"]
        saved = self.create(name + "-draft", Status="SAVED", Content="x")["TestCaseId"]
        found = self.connect.search_test_cases(InstanceId=self.instance_id, SearchCriteria={
            "StringCondition": {"FieldName": "name", "Value": name, "ComparisonType": "STARTS_WITH"}})
        self.assertEqual({tagged, saved}, {t["Id"] for t in found["TestCases"]})
        self.assertEqual(2, found["ApproximateTotalCount"])
        self.assertEqual(content(), next(t for t in found["TestCases"] if t["Id"] == tagged)["Content"])
        drafts = self.connect.search_test_cases(InstanceId=self.instance_id, SearchCriteria={"AndConditions": [
            {"StringCondition": {"FieldName": "name", "Value": name, "ComparisonType": "STARTS_WITH"}}, {"StatusCondition": "SAVED"}]})
        self.assertEqual([saved], [t["Id"] for t in drafts["TestCases"]])
        by_tag = self.connect.search_test_cases(InstanceId=self.instance_id, SearchFilter={
            "TagFilter": {"TagCondition": {"TagKey": "suite", "TagValue": "smoke"}}})
        self.assertEqual([tagged], [t["Id"] for t in by_tag["TestCases"]])
        pages = list(self.connect.get_paginator("search_test_cases").paginate(
            InstanceId=self.instance_id, SearchCriteria={"StringCondition": {"FieldName": "name", "Value": name, "ComparisonType": "STARTS_WITH"}},
            PaginationConfig={"PageSize": 1}))
        self.assertEqual(2, len([t for p in pages for t in p["TestCases"]]))
        self.assertError("InvalidParameterException", self.connect.search_test_cases, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "flavour", "Value": "x", "ComparisonType": "EXACT"}})

    def test_tags_by_arn(self):
        self.assertTagsByArn(self.create()["TestCaseArn"])

    def test_the_cli_creates_and_lists(self):
        name = unique("cli-test")
        created = json.loads(cli("create-test-case", "--instance-id", self.instance_id, "--name", name,
                                 "--content", content(), "--status", "PUBLISHED").stdout)
        listed = json.loads(cli("list-test-cases", "--instance-id", self.instance_id).stdout)
        self.assertIn(created["TestCaseId"], [s["Id"] for s in listed["TestCaseSummaryList"]])
