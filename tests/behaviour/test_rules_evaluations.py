"""Rules and evaluation forms through boto3 and the aws CLI (issue 15, rules-evals; docs/rules-evaluations.md)."""
import json

from pinned_model import pinned_client
from support import ConnectTestCase, cli, unique

FUNCTION = "$.ContactLens.PostCall.Sentiment.Overall.Customer < 0"


def eventbridge(name="negative"):
    return {"ActionType": "GENERATE_EVENTBRIDGE_EVENT", "EventBridgeAction": {"Name": name}}


def section(ref, *items, weight=None):
    s = {"Title": ref, "RefId": ref, "Items": list(items)}
    if weight is not None:
        s["Weight"] = weight
    return {"Section": s}


def question(ref, qtype="TEXT", **extra):
    return {"Question": {"Title": ref, "RefId": ref, "QuestionType": qtype, **extra}}


class RuleTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flows = cls.connect.list_contact_flows(InstanceId=cls.instance_id, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
        cls.flow_arn = flows[0]["Arn"]

    def create(self, name=None, source="OnPostCallAnalysisAvailable", actions=None, **kwargs):
        return self.connect.create_rule(InstanceId=self.instance_id, Name=name or unique("rule"),
                                        TriggerEventSource={"EventSourceName": source, **kwargs.pop("trigger", {})},
                                        Function=FUNCTION, Actions=actions or [eventbridge()], PublishStatus=kwargs.pop("status", "DRAFT"), **kwargs)

    def describe(self, rule_id):
        return self.connect.describe_rule(InstanceId=self.instance_id, RuleId=rule_id)["Rule"]

    def test_create_then_describe_returns_every_member(self):
        name = unique("sentiment")
        out = self.create(name, actions=[eventbridge(), {"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}])
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/rule/{out['RuleId']}", out["RuleArn"])
        rule = self.describe(out["RuleId"])
        self.assertEqual((name, out["RuleId"], out["RuleArn"], FUNCTION, "DRAFT"),
                         (rule["Name"], rule["RuleId"], rule["RuleArn"], rule["Function"], rule["PublishStatus"]))
        self.assertEqual({"EventSourceName": "OnPostCallAnalysisAvailable"}, rule["TriggerEventSource"])
        self.assertEqual([eventbridge(), {"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}], rule["Actions"])
        self.assertEqual(rule["CreatedTime"], rule["LastUpdatedTime"])
        self.assertEqual("arn:aws:iam::000000000000:root", rule["LastUpdatedBy"])

    def test_task_and_notification_actions_come_back_as_sent(self):
        task = {"ActionType": "CREATE_TASK", "TaskAction": {"Name": "Follow up", "Description": "call back", "ContactFlowId": self.flow_arn,
                                                            "References": {"ticket": {"Value": "https://example.com/1", "Type": "URL"}}}}
        notify = {"ActionType": "SEND_NOTIFICATION", "SendNotificationAction": {
            "DeliveryMethod": "EMAIL", "Subject": "Alert", "Content": "Negative call", "ContentType": "PLAIN_TEXT",
            "Recipient": {"UserTags": {"team": "qa"}}}}
        rule_id = self.create(actions=[task, notify])["RuleId"]
        self.assertEqual([task, notify], self.describe(rule_id)["Actions"])

    def test_names_are_unique(self):
        name = unique("dup")
        self.create(name)
        self.assertError("ResourceConflictException", self.create, name)

    def test_client_token(self):
        name = unique("tok")
        first = self.create(name, ClientToken="rules-token-1")
        self.assertEqual(first["RuleId"], self.create(name, ClientToken="rules-token-1")["RuleId"])
        self.assertError("ResourceConflictException", self.create, unique("other"), ClientToken="rules-token-1")

    def test_action_parameters_must_match_the_type(self):
        self.assertError("InvalidRequestException", self.create, actions=[{"ActionType": "SEND_NOTIFICATION", "EventBridgeAction": {"Name": "x"}}])
        self.assertError("InvalidRequestException", self.create, actions=[{"ActionType": "GENERATE_EVENTBRIDGE_EVENT"}])

    def test_action_types_are_limited_to_the_sources_the_model_lists(self):
        self.assertError("InvalidRequestException", self.create, actions=[{"ActionType": "END_ASSOCIATED_TASKS", "EndAssociatedTasksAction": {}}])
        self.create(source="OnCaseUpdate", actions=[{"ActionType": "END_ASSOCIATED_TASKS", "EndAssociatedTasksAction": {}}])
        # each restricted action type on a source the model does not list for it, and on one it lists
        case_fields = {"Fields": [{"Id": "title", "Value": {"StringValue": "x"}}]}
        restricted = [
            ({"ActionType": "GENERATE_EVENTBRIDGE_EVENT", "EventBridgeAction": {"Name": "x"}}, "OnCaseCreate", "OnRealTimeChatAnalysisAvailable"),
            ({"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}, "OnCaseCreate", "OnPostChatAnalysisAvailable"),
            ({"ActionType": "SEND_NOTIFICATION", "SendNotificationAction": {"DeliveryMethod": "EMAIL", "Content": "c", "ContentType": "PLAIN_TEXT",
                                                                            "Recipient": {"UserTags": {"team": "qa"}}}}, "OnCaseUpdate", "OnPostCallAnalysisAvailable"),
            ({"ActionType": "CREATE_CASE", "CreateCaseAction": {"TemplateId": "t1", **case_fields}}, "OnRealTimeCallAnalysisAvailable", "OnPostCallAnalysisAvailable"),
            ({"ActionType": "UPDATE_CASE", "UpdateCaseAction": case_fields}, "OnPostCallAnalysisAvailable", "OnCaseCreate"),
            ({"ActionType": "END_ASSOCIATED_TASKS", "EndAssociatedTasksAction": {}}, "OnCaseCreate", "OnCaseUpdate"),
        ]
        for action, wrong, right in restricted:
            with self.subTest(action=action["ActionType"]):
                self.assertError("InvalidRequestException", self.create, source=wrong, actions=[action], status=400)
                rule_id = self.create(source=right, actions=[action])["RuleId"]
                self.connect.delete_rule(InstanceId=self.instance_id, RuleId=rule_id)  # the list test counts rules by source

    def test_a_date_reference_is_an_epoch_timestamp(self):
        def task(value):
            return [{"ActionType": "CREATE_TASK", "TaskAction": {"Name": "Follow up", "ContactFlowId": self.flow_arn,
                                                                "References": {"due": {"Value": value, "Type": "DATE"}}}}]
        for bad in ("2026-01-01T00:00:00Z", "tomorrow", "1.5"):
            with self.subTest(value=bad):
                self.assertError("InvalidRequestException", self.create, actions=task(bad), status=400)
        rule_id = self.create(actions=task("1767225600"))["RuleId"]
        self.assertEqual("1767225600", self.describe(rule_id)["Actions"][0]["TaskAction"]["References"]["due"]["Value"])

    def test_third_party_sources_need_an_integration_association(self):
        category = [{"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}]
        self.assertError("InvalidRequestException", self.create, source="OnSalesforceCaseCreate", actions=category)
        self.assertError("ResourceNotFoundException", self.create, source="OnSalesforceCaseCreate", actions=category,
                         trigger={"IntegrationAssociationId": "00000000-0000-4000-8000-000000000000"})
        association = self.connect.create_integration_association(
            InstanceId=self.instance_id, IntegrationType="EVENT", IntegrationArn=f"arn:aws:app-integrations:us-east-1:000000000000:event-integration/{unique('sf')}",
            SourceApplicationUrl="https://example.com", SourceApplicationName="sf", SourceType="SALESFORCE")["IntegrationAssociationId"]
        rule_id = self.create(source="OnSalesforceCaseCreate", actions=category, trigger={"IntegrationAssociationId": association})["RuleId"]
        self.assertEqual(association, self.describe(rule_id)["TriggerEventSource"]["IntegrationAssociationId"])

    def test_task_flow_must_exist(self):
        task = {"ActionType": "CREATE_TASK", "TaskAction": {"Name": "x", "ContactFlowId": "00000000-0000-4000-8000-000000000000"}}
        self.assertError("ResourceNotFoundException", self.create, actions=[task])

    def test_update_replaces_the_rule_and_keeps_a_fixed_name(self):
        name = unique("upd")
        rule_id = self.create(name)["RuleId"]
        self.connect.update_rule(InstanceId=self.instance_id, RuleId=rule_id, Name=name, Function="true", Actions=[eventbridge("b")], PublishStatus="PUBLISHED")
        rule = self.describe(rule_id)
        self.assertEqual(("true", "PUBLISHED", [eventbridge("b")]), (rule["Function"], rule["PublishStatus"], rule["Actions"]))
        self.assertError("InvalidRequestException", self.connect.update_rule, InstanceId=self.instance_id, RuleId=rule_id,
                         Name=unique("renamed"), Function="true", Actions=[eventbridge()], PublishStatus="PUBLISHED")
        self.assertError("ResourceNotFoundException", self.connect.update_rule, InstanceId=self.instance_id, RuleId="00000000-0000-4000-8000-000000000000",
                         Name=name, Function="true", Actions=[eventbridge()], PublishStatus="PUBLISHED")

    def test_list_filters_and_pages(self):
        published = self.create(status="PUBLISHED")["RuleId"]
        case_rule = self.create(source="OnCaseCreate", actions=[{"ActionType": "UPDATE_CASE", "UpdateCaseAction": {"Fields": []}}])["RuleId"]
        listed = [r for p in self.connect.get_paginator("list_rules").paginate(InstanceId=self.instance_id, PublishStatus="PUBLISHED",
                                                                             PaginationConfig={"PageSize": 1}) for r in p["RuleSummaryList"]]
        self.assertIn(published, [r["RuleId"] for r in listed])
        self.assertTrue(all(r["PublishStatus"] == "PUBLISHED" for r in listed))
        by_source = self.connect.list_rules(InstanceId=self.instance_id, EventSourceName="OnCaseCreate")["RuleSummaryList"]
        self.assertEqual([case_rule], [r["RuleId"] for r in by_source])
        self.assertEqual([{"ActionType": "UPDATE_CASE"}], by_source[0]["ActionSummaries"])

    def test_delete_and_tags_by_arn(self):
        out = self.create()
        self.connect.tag_resource(resourceArn=out["RuleArn"], tags={"team": "qa"})
        self.assertEqual({"team": "qa"}, self.describe(out["RuleId"])["Tags"])
        self.connect.delete_rule(InstanceId=self.instance_id, RuleId=out["RuleId"])
        self.assertError("ResourceNotFoundException", self.describe, out["RuleId"])
        self.assertError("ResourceNotFoundException", self.connect.delete_rule, InstanceId=self.instance_id, RuleId=out["RuleId"])

    def test_aws_cli_creates_and_lists_a_rule(self):
        name = unique("cli")
        out = json.loads(cli("create-rule", "--instance-id", self.instance_id, "--name", name,
                             "--trigger-event-source", "EventSourceName=OnPostCallAnalysisAvailable", "--function", FUNCTION,
                             "--actions", json.dumps([eventbridge()]), "--publish-status", "DRAFT").stdout)
        listed = json.loads(cli("list-rules", "--instance-id", self.instance_id).stdout)["RuleSummaryList"]
        self.assertIn((out["RuleId"], name), [(r["RuleId"], r["Name"]) for r in listed])


    def test_search_rules_through_the_pinned_model(self):
        # SearchRules is newer than the installed boto3: the client is built from the repository's model.
        pinned = pinned_client()
        prefix = unique("srch")
        draft = self.create(name=prefix + "-draft")
        live = self.create(name=prefix + "-live", source="OnRealTimeChatAnalysisAvailable",
                           actions=[{"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}], status="PUBLISHED")
        self.connect.tag_resource(resourceArn=live["RuleArn"], tags={"team": prefix})
        named = {"StringCondition": {"FieldName": "Name", "Value": prefix, "ComparisonType": "CONTAINS"}}
        found = pinned.search_rules(InstanceId=self.instance_id, SearchCriteria=named)
        self.assertEqual(sorted([draft["RuleId"], live["RuleId"]]), sorted(r["RuleId"] for r in found["Rules"]))
        self.assertEqual(2, found["ApproximateTotalCount"])
        shown = next(r for r in found["Rules"] if r["RuleId"] == live["RuleId"])
        self.assertEqual(("PUBLISHED", "OnRealTimeChatAnalysisAvailable", [{"ActionType": "ASSIGN_CONTACT_CATEGORY"}], {"team": prefix}),
                         (shown["PublishStatus"], shown["TriggerEventSource"]["EventSourceName"], shown["ActionSummaries"], shown["Tags"]))
        published = pinned.search_rules(InstanceId=self.instance_id, SearchCriteria={"AndConditions": [named, {"StringCondition": {
            "FieldName": "PublishStatus", "Value": "PUBLISHED", "ComparisonType": "EXACT"}}]})["Rules"]
        self.assertEqual([live["RuleId"]], [r["RuleId"] for r in published])
        tagged = pinned.search_rules(InstanceId=self.instance_id, SearchFilter={"AttributeFilter": {"AndCondition": {
            "TagConditions": [{"TagKey": "team", "TagValue": prefix}]}}})["Rules"]
        self.assertEqual([live["RuleId"]], [r["RuleId"] for r in tagged])
        page = pinned.search_rules(InstanceId=self.instance_id, SearchCriteria=named, MaxResults=1)
        rest = pinned.search_rules(InstanceId=self.instance_id, SearchCriteria=named, MaxResults=1, NextToken=page["NextToken"])
        self.assertNotEqual(page["Rules"][0]["RuleId"], rest["Rules"][0]["RuleId"])
        self.assertError("InvalidParameterException", pinned.search_rules, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "Function", "Value": "x", "ComparisonType": "EXACT"}})


class EvaluationFormTests(ConnectTestCase):
    def create(self, items=None, **kwargs):
        return self.connect.create_evaluation_form(InstanceId=self.instance_id, Title=kwargs.pop("Title", unique("form")),
                                                   Items=items or [section("s1", question("q1"))], **kwargs)["EvaluationFormId"]

    def describe(self, form_id, **kwargs):
        return self.connect.describe_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id, **kwargs)["EvaluationForm"]

    def test_create_then_describe_returns_every_member(self):
        single = {"SingleSelect": {"Options": [{"RefId": "y", "Text": "Yes", "Score": 10}, {"RefId": "n", "Text": "No", "Score": 0}], "DisplayAs": "RADIO"}}
        items = [section("greeting", question("hello", "SINGLESELECT", QuestionTypeProperties=single, Weight=100), weight=100)]
        scoring = {"Mode": "SECTION_ONLY", "Status": "ENABLED"}
        form_id = self.create(items, Title="Quality", Description="calls", ScoringStrategy=scoring, Tags={"team": "qa"})
        form = self.describe(form_id)
        self.assertEqual((1, "DRAFT", False, "Quality", "calls", scoring, {"team": "qa"}),
                         (form["EvaluationFormVersion"], form["Status"], form["Locked"], form["Title"], form["Description"], form["ScoringStrategy"], form["Tags"]))
        self.assertEqual(items, form["Items"])
        self.assertTrue(form["EvaluationFormArn"].endswith(f"/evaluation-form/{form_id}"))
        self.assertEqual("arn:aws:iam::000000000000:root", form["CreatedBy"])

    def test_item_rules(self):
        bad = [
            [question("q")],
            [section("a", section("b", section("c", question("q"))))],
            [section("x", question("x"))],
            [section("s", question("n", "NUMERIC"))],
            [section("s", question("n", "NUMERIC", QuestionTypeProperties={"Numeric": {"MinValue": 10, "MaxValue": 1}}))],
            [section("s", question("n", "NUMERIC", QuestionTypeProperties={"Numeric": {"MinValue": 0, "MaxValue": 10, "Options": [{"MinValue": 0, "MaxValue": 20}]}}))],
            [section("s", question("t", "TEXT", QuestionTypeProperties={"Numeric": {"MinValue": 0, "MaxValue": 10}}))],
        ]
        for items in bad:
            with self.subTest(items=items):
                self.assertError("InvalidParameterException", self.create, items)

    def test_weights_total_100_when_scoring_is_enabled(self):
        scoring = {"Mode": "SECTION_ONLY", "Status": "ENABLED"}
        items = [section("a", question("q1"), weight=30), section("b", question("q2"), weight=30)]
        self.assertError("InvalidParameterException", self.create, items, ScoringStrategy=scoring)
        draft = self.create(items, ScoringStrategy=scoring, AsDraft=True)
        self.assertError("InvalidParameterException", self.connect.activate_evaluation_form, InstanceId=self.instance_id,
                         EvaluationFormId=draft, EvaluationFormVersion=1)

    def test_versions_activation_and_deletion(self):
        form_id = self.create()
        self.connect.activate_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=1)
        self.assertError("ResourceConflictException", self.connect.update_evaluation_form, InstanceId=self.instance_id, EvaluationFormId=form_id,
                         EvaluationFormVersion=1, Title="t", Items=[section("s1", question("q1"))])
        out = self.connect.update_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=1,
                                                  CreateNewVersion=True, Title="second", Items=[section("s1", question("q2"))])
        self.assertEqual(2, out["EvaluationFormVersion"])
        self.connect.activate_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=2)
        versions = self.connect.list_evaluation_form_versions(InstanceId=self.instance_id, EvaluationFormId=form_id)["EvaluationFormVersionSummaryList"]
        self.assertEqual([(1, "DRAFT", True), (2, "ACTIVE", True)], [(v["EvaluationFormVersion"], v["Status"], v["Locked"]) for v in versions])
        self.assertEqual("second", self.describe(form_id)["Title"])
        self.assertEqual("s1", self.describe(form_id, EvaluationFormVersion=1)["Items"][0]["Section"]["RefId"])
        summary = next(f for f in self.connect.list_evaluation_forms(InstanceId=self.instance_id)["EvaluationFormSummaryList"] if f["EvaluationFormId"] == form_id)
        self.assertEqual((2, 2), (summary["LatestVersion"], summary["ActiveVersion"]))
        self.assertError("ResourceConflictException", self.connect.delete_evaluation_form, InstanceId=self.instance_id, EvaluationFormId=form_id)
        self.connect.deactivate_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=2)
        self.assertError("ResourceConflictException", self.connect.deactivate_evaluation_form, InstanceId=self.instance_id,
                         EvaluationFormId=form_id, EvaluationFormVersion=2)
        self.connect.delete_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=1)
        self.assertError("ResourceNotFoundException", self.describe, form_id, EvaluationFormVersion=1)
        self.connect.delete_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form_id)
        self.assertError("ResourceNotFoundException", self.describe, form_id)

    def test_search(self):
        title = unique("searchable")
        form_id = self.create(Title=title, Tags={"team": "search"})
        found = self.connect.search_evaluation_forms(InstanceId=self.instance_id, SearchCriteria={"StringCondition": {
            "FieldName": "Title", "Value": title, "ComparisonType": "EXACT"}})
        self.assertEqual([(form_id, title, "DRAFT", 1)], [(f["EvaluationFormId"], f["Title"], f["Status"], f["LatestVersion"])
                                                         for f in found["EvaluationFormSearchSummaryList"]])
        tagged = self.connect.search_evaluation_forms(InstanceId=self.instance_id, SearchFilter={"AttributeFilter": {
            "TagCondition": {"TagKey": "team", "TagValue": "search"}}})["EvaluationFormSearchSummaryList"]
        self.assertEqual([form_id], [f["EvaluationFormId"] for f in tagged])
        self.assertError("InvalidParameterException", self.connect.search_evaluation_forms, InstanceId=self.instance_id,
                         SearchCriteria={"NumberCondition": {"FieldName": "limit", "MinValue": 1, "ComparisonType": "GREATER"}})

    def test_validation_through_the_pinned_model(self):
        # StartEvaluationFormValidation and GetEvaluationFormValidation are newer than the installed boto3.
        pinned = pinned_client()
        scoring = {"Mode": "SECTION_ONLY", "Status": "ENABLED"}
        form_id = self.create([section("a", question("qa"), weight=30), section("b", question("qb"), weight=20)], ScoringStrategy=scoring, AsDraft=True)
        started = pinned.start_evaluation_form_validation(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=1)
        self.assertEqual((form_id, 1), (started["EvaluationFormId"], started["EvaluationFormVersion"]))
        result = pinned.get_evaluation_form_validation(InstanceId=self.instance_id, EvaluationFormId=form_id, EvaluationFormVersion=1)
        self.assertEqual(("COMPLETED", 1), (result["Status"], result["EvaluationFormVersion"]))
        self.assertEqual([("STRUCTURAL_ERROR", "ERROR")], [(f["IssueCode"], f["Severity"]) for f in result["Findings"]])
        self.assertIn("StartedTime", result)
        good = self.create(ScoringStrategy=scoring, items=[section("a", question("qa"), weight=100)])
        pinned.start_evaluation_form_validation(InstanceId=self.instance_id, EvaluationFormId=good, EvaluationFormVersion=1)
        self.assertEqual([], pinned.get_evaluation_form_validation(InstanceId=self.instance_id, EvaluationFormId=good).get("Findings", []))
        self.assertError("ResourceNotFoundException", pinned.start_evaluation_form_validation, InstanceId=self.instance_id,
                         EvaluationFormId=form_id, EvaluationFormVersion=7)
        fresh = self.create()
        self.assertError("ResourceNotFoundException", pinned.get_evaluation_form_validation, InstanceId=self.instance_id, EvaluationFormId=fresh)

    def test_aws_cli_creates_and_describes_a_form(self):
        out = json.loads(cli("create-evaluation-form", "--instance-id", self.instance_id, "--title", "CLI form",
                             "--items", json.dumps([section("s", question("q"))])).stdout)
        form = json.loads(cli("describe-evaluation-form", "--instance-id", self.instance_id, "--evaluation-form-id", out["EvaluationFormId"]).stdout)
        self.assertEqual("CLI form", form["EvaluationForm"]["Title"])
