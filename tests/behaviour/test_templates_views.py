"""Task templates, views and view versions through boto3 and the aws CLI: the task template field rules of the model's
prose (one NAME field, required; constraints and defaults naming fields; a flow or a QUICK_CONNECT field; flows of the
instance), the full update, the list filters, ClientToken; views' $SAVED and $LATEST content, qualifiers, versions,
unique names and content checks (docs/templates-views.md).
"""
import json

from pinned_model import pinned_client
from support import ConnectTestCase, cli, unique

FAKE_ID = "00000000-0000-4000-8000-000000000000"
TEMPLATE = {"Head": {"Title": "Refund"}, "Body": [{"_id": "b", "Type": "Button", "Props": {"Action": "Go"}}]}


def field(name, kind, **extra):
    return {"Id": {"Name": name}, "Type": kind, **extra}


def required(*names):
    return {"RequiredFields": [{"Id": {"Name": n}} for n in names]}


class TaskTemplateTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flows = cls.connect.list_contact_flows(InstanceId=cls.instance_id, MaxResults=100)["ContactFlowSummaryList"]
        by_name = {f["Name"]: f for f in flows}
        cls.inbound = by_name["Sample inbound flow (first contact experience)"]
        cls.queue_transfer = by_name["Default queue transfer"]

    def kwargs(self, name=None, **overrides):
        args = {"InstanceId": self.instance_id, "Name": name or unique("tt"), "ContactFlowId": self.inbound["Id"],
                "Constraints": required("Title"),
                "Fields": [field("Title", "NAME"), field("Notes", "TEXT_AREA"), field("Kind", "SINGLE_SELECT", SingleSelectOptions=["a", "b"])]}
        args.update(overrides)
        return {k: v for k, v in args.items() if v is not None}

    def create(self, **overrides):
        return self.connect.create_task_template(**self.kwargs(**overrides))

    def get(self, template_id):
        return self.connect.get_task_template(InstanceId=self.instance_id, TaskTemplateId=template_id)

    def test_create_and_get_round_trip(self):
        created = self.create(name="refund", Description="refunds",
                              Defaults={"DefaultFieldValues": [{"Id": {"Name": "Notes"}, "DefaultValue": "n/a"}]})
        self.connect.tag_resource(resourceArn=created["Arn"], tags={"team": "billing"})
        self.assertTrue(created["Arn"].endswith("/task-template/" + created["Id"]))
        got = self.get(created["Arn"])
        self.assertEqual(("refund", "refunds", "ACTIVE"), (got["Name"], got["Description"], got["Status"]))
        self.assertEqual(["Title", "Notes", "Kind"], [f["Id"]["Name"] for f in got["Fields"]])
        self.assertEqual(["a", "b"], got["Fields"][2]["SingleSelectOptions"])
        self.assertEqual("n/a", got["Defaults"]["DefaultFieldValues"][0]["DefaultValue"])
        self.assertEqual({"team": "billing"}, got["Tags"])
        self.assertEqual(self.instance_id, got["InstanceId"])
        self.assertIn("CreatedTime", got)
        self.assertIn("LastModifiedTime", got)

    def test_field_rules(self):
        cases = [
            ({"Fields": [field("Title", "NAME"), field("Other", "NAME")], "Constraints": required("Title", "Other")}, "exactly one field of type NAME"),
            ({"Fields": [field("Notes", "TEXT")], "Constraints": required("Notes")}, "exactly one field of type NAME"),
            ({"Constraints": {"ReadOnlyFields": [{"Id": {"Name": "Title"}}]}}, "must be listed in RequiredFields"),
            ({"Constraints": {**required("Title"), "InvisibleFields": [{"Id": {"Name": "Nope"}}]}}, "'Nope' is not a field"),
            ({"Defaults": {"DefaultFieldValues": [{"Id": {"Name": "Ghost"}, "DefaultValue": "1"}]}}, "'Ghost' is not a field"),
            ({"Fields": [field("Title", "NAME"), field("Title", "TEXT")]}, "more than once"),
            ({"Fields": [field("Title", "NAME"), field("Kind", "SINGLE_SELECT")]}, "SINGLE_SELECT"),
            ({"Fields": [field("Title", "NAME"), field("Notes", "TEXT", SingleSelectOptions=["a"])]}, "SINGLE_SELECT"),
            ({"ContactFlowId": None}, "ContactFlowId or a field of type QUICK_CONNECT"),
        ]
        for overrides, text in cases:
            with self.subTest(text=text, overrides=overrides):
                args = self.kwargs(**overrides)
                if "Constraints" not in overrides:
                    args["Constraints"] = required("Title")
                error = self.assertError("PropertyValidationException", self.connect.create_task_template, **args)
                self.assertIn(text, error.response["Error"]["Message"])
                self.assertEqual(1, len(error.response["PropertyList"]))
        no_constraints = self.kwargs()
        del no_constraints["Constraints"]
        error = self.assertError("PropertyValidationException", self.connect.create_task_template, **no_constraints)
        self.assertEqual([{"PropertyPath": "Constraints", "Reason": "REQUIRED_PROPERTY_MISSING", "Message": error.response["Error"]["Message"]}],
                         error.response["PropertyList"])

    def test_a_quick_connect_field_stands_in_for_the_flow(self):
        created = self.create(ContactFlowId=None, Fields=[field("Title", "NAME"), field("To", "QUICK_CONNECT")])
        self.assertNotIn("ContactFlowId", self.get(created["Id"]))

    def test_flows_must_be_inbound_flows_of_the_instance(self):
        self.assertError("ResourceNotFoundException", self.create, ContactFlowId=FAKE_ID, message="Contact flow not found")
        self.assertError("ResourceNotFoundException", self.create, SelfAssignFlowId=FAKE_ID, message="Contact flow not found")
        self.assertError("InvalidParameterException", self.create, ContactFlowId=self.queue_transfer["Id"])
        created = self.create(ContactFlowId=self.inbound["Arn"], SelfAssignFlowId=self.inbound["Id"])
        self.assertEqual(self.inbound["Id"], self.get(created["Id"])["SelfAssignFlowId"])

    def test_update_is_a_full_update(self):
        template_id = self.create(Description="old", Defaults={"DefaultFieldValues": [{"Id": {"Name": "Notes"}, "DefaultValue": "x"}]})["Id"]
        out = self.connect.update_task_template(InstanceId=self.instance_id, TaskTemplateId=template_id, Name="renamed", Status="INACTIVE",
                                                ContactFlowId=self.inbound["Id"], Constraints=required("Title"))
        self.assertEqual(("renamed", "INACTIVE", template_id), (out["Name"], out["Status"], out["Id"]))
        got = self.get(template_id)
        self.assertNotIn("Description", got)
        self.assertNotIn("Defaults", got)
        self.assertEqual(3, len(got["Fields"]))
        self.assertError("PropertyValidationException", self.connect.update_task_template, InstanceId=self.instance_id,
                         TaskTemplateId=template_id, Constraints=required("Title"), ContactFlowId=self.inbound["Id"])
        self.assertError("PropertyValidationException", self.connect.update_task_template, InstanceId=self.instance_id,
                         TaskTemplateId=template_id, Status="ACTIVE", ContactFlowId=self.inbound["Id"])
        self.assertError("PropertyValidationException", self.connect.update_task_template, InstanceId=self.instance_id,
                         TaskTemplateId=template_id, Status="ACTIVE", Constraints=required("Title"), ContactFlowId=self.inbound["Id"],
                         Fields=[field("Notes", "TEXT")])
        self.assertError("ResourceNotFoundException", self.connect.update_task_template, InstanceId=self.instance_id,
                         TaskTemplateId=FAKE_ID, Status="ACTIVE", Constraints=required("Title"), message="Task template not found")

    def test_list_filters_and_paging(self):
        name = unique("listed")
        a = self.create(name=name)["Id"]
        b = self.create(name=name, Status="INACTIVE")["Id"]
        ids = lambda **kw: sorted(t["Id"] for t in self.connect.list_task_templates(InstanceId=self.instance_id, **kw)["TaskTemplates"])
        self.assertEqual(sorted([a, b]), ids(Name=name))
        self.assertEqual([b], ids(Name=name, Status="INACTIVE"))
        self.assertIn(a, ids(Status="ACTIVE"))
        self.assertNotIn(b, ids(Status="ACTIVE"))
        first = self.connect.list_task_templates(InstanceId=self.instance_id, Name=name, MaxResults=1)
        second = self.connect.list_task_templates(InstanceId=self.instance_id, Name=name, MaxResults=1, NextToken=first["NextToken"])
        self.assertEqual(sorted([a, b]), sorted([first["TaskTemplates"][0]["Id"], second["TaskTemplates"][0]["Id"]]))
        self.assertNotIn("NextToken", second)
        self.assertError("InvalidRequestException", self.connect.list_task_templates, InstanceId=self.instance_id, NextToken="forged")
        self.assertError("ResourceNotFoundException", self.connect.list_task_templates, InstanceId=FAKE_ID)

    def test_delete_and_not_found(self):
        template_id = self.create()["Id"]
        self.connect.delete_task_template(InstanceId=self.instance_id, TaskTemplateId=template_id)
        self.assertError("ResourceNotFoundException", self.get, template_id)
        self.assertError("ResourceNotFoundException", self.connect.delete_task_template, InstanceId=self.instance_id, TaskTemplateId=template_id)
        other = self.create()["Id"]
        self.assertError("ResourceNotFoundException", self.connect.get_task_template, InstanceId=self.instance_id, TaskTemplateId=other, SnapshotVersion="1")

    def test_client_token(self):
        args = self.kwargs(ClientToken=unique("token"))
        first = self.connect.create_task_template(**args)
        self.assertEqual(first["Id"], self.connect.create_task_template(**args)["Id"])
        args["Name"] = unique("changed")
        self.assertError("InvalidParameterException", self.connect.create_task_template, **args)

    def test_model_validation(self):
        self.assertError("InvalidParameterException", self.create, Status="PAUSED")
        self.assertError("InvalidParameterException", self.create, name="x" * 101)

    def test_tags_by_arn(self):
        arn = self.create()["Arn"]
        self.connect.tag_resource(resourceArn=arn, tags={"k": "v"})
        self.assertEqual({"k": "v"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])

    def test_a_queued_task_takes_a_template_through_the_pinned_model(self):
        # UpdateContactTaskTemplate is newer than the installed boto3: the client is built from the repository's model.
        pinned = pinned_client()
        template = self.create(Fields=[field("Title", "NAME"), field("Amount", "NUMBER")], Constraints=required("Title", "Amount"))
        task = self.connect.start_task_contact(InstanceId=self.instance_id, ContactFlowId=self.inbound["Id"], Name="refund",
                                               References={"Amount": {"Type": "NUMBER", "Value": "12"}})["ContactId"]
        pinned.update_contact_task_template(InstanceId=self.instance_id, ContactId=task, TaskTemplateId=template["Arn"])
        info = self.connect.describe_contact(InstanceId=self.instance_id, ContactId=task)["Contact"]["TaskTemplateInfo"]
        self.assertEqual(template["Arn"], info["Arn"])
        self.assertError("InvalidRequestException", pinned.update_contact_task_template, InstanceId=self.instance_id, ContactId=task,
                         TaskTemplateId=template["Id"])
        bare = self.connect.start_task_contact(InstanceId=self.instance_id, ContactFlowId=self.inbound["Id"], Name="bare")["ContactId"]
        self.assertError("PropertyValidationException", pinned.update_contact_task_template, InstanceId=self.instance_id, ContactId=bare,
                         TaskTemplateId=template["Id"])
        self.assertError("ResourceNotFoundException", pinned.update_contact_task_template, InstanceId=self.instance_id,
                         ContactId=FAKE_ID, TaskTemplateId=template["Id"])

    def test_the_aws_cli(self):
        name = unique("cli-tt")
        out = json.loads(cli("create-task-template", "--instance-id", self.instance_id, "--name", name,
                             "--contact-flow-id", self.inbound["Id"], "--constraints", json.dumps(required("Title")),
                             "--fields", json.dumps([field("Title", "NAME")])).stdout)
        listed = json.loads(cli("list-task-templates", "--instance-id", self.instance_id, "--name", name).stdout)
        self.assertEqual([out["Id"]], [t["Id"] for t in listed["TaskTemplates"]])


class ViewTests(ConnectTestCase):
    def create(self, name=None, view_status="PUBLISHED", template=TEMPLATE, actions=("Go",), **kwargs):
        content = {"Actions": list(actions)}
        if template is not None:
            content["Template"] = template if isinstance(template, str) else json.dumps(template)
        return self.connect.create_view(InstanceId=self.instance_id, Name=name or unique("view"), Status=view_status, Content=content, **kwargs)["View"]

    def describe(self, view_id):
        return self.connect.describe_view(InstanceId=self.instance_id, ViewId=view_id)["View"]

    def update(self, view_id, status, template):
        return self.connect.update_view_content(InstanceId=self.instance_id, ViewId=view_id, Status=status,
                                                Content={"Template": json.dumps(template), "Actions": ["Go"]})["View"]

    def test_create_returns_the_view_and_the_template_json_equal(self):
        view = self.create(Description="a form", Tags={"k": "v"})
        self.assertEqual(("PUBLISHED", "CUSTOMER_MANAGED", "a form"), (view["Status"], view["Type"], view["Description"]))
        self.assertTrue(view["Arn"].endswith("/view/" + view["Id"]))
        self.assertEqual(TEMPLATE, json.loads(view["Content"]["Template"]))
        self.assertEqual(["Go"], view["Content"]["Actions"])
        self.assertIn("InputSchema", view["Content"])
        self.assertEqual({"k": "v"}, view["Tags"])
        self.assertEqual(view["Id"], self.describe(view["Arn"])["Id"])

    def test_saved_and_latest(self):
        view = self.create(view_status="SAVED")
        self.assertError("ResourceNotFoundException", self.describe, view["Id"])
        self.assertError("ResourceNotFoundException", self.describe, view["Id"] + ":$LATEST")
        self.assertEqual("SAVED", self.describe(view["Id"] + ":$SAVED")["Status"])
        self.update(view["Id"], "PUBLISHED", {"Body": ["v1"]})
        self.update(view["Arn"], "SAVED", {"Body": ["v2"]})
        self.assertEqual({"Body": ["v1"]}, json.loads(self.describe(view["Id"])["Content"]["Template"]))
        self.assertEqual({"Body": ["v1"]}, json.loads(self.describe(view["Arn"] + ":$LATEST")["Content"]["Template"]))
        self.assertEqual({"Body": ["v2"]}, json.loads(self.describe(view["Id"] + ":$SAVED")["Content"]["Template"]))

    def test_content_checks(self):
        self.assertError("InvalidParameterException", self.create, template="not json")
        self.assertError("InvalidParameterException", self.create, template="[1, 2]")
        self.assertError("InvalidParameterException", self.create, template=None)
        self.assertError("InvalidParameterException", self.create, actions=("Go", "Go"))
        self.assertError("InvalidParameterException", self.create, view_status="DRAFT")
        self.assertError("InvalidParameterException", self.create, name="bad\nname")
        self.assertEqual("SAVED", self.create(view_status="SAVED", template=None)["Status"])

    def test_names_are_unique(self):
        name = unique("taken")
        self.create(name=name)
        self.assertError("DuplicateResourceException", self.create, name=name)
        other = self.create()
        self.assertError("DuplicateResourceException", self.connect.update_view_metadata, InstanceId=self.instance_id, ViewId=other["Id"], Name=name)
        self.assertError("InvalidParameterException", self.connect.update_view_metadata, InstanceId=self.instance_id, ViewId=other["Id"])
        self.connect.update_view_metadata(InstanceId=self.instance_id, ViewId=other["Arn"], Description="new description")
        self.assertEqual("new description", self.describe(other["Id"])["Description"])

    def test_versions(self):
        view = self.create()
        v1 = self.connect.create_view_version(InstanceId=self.instance_id, ViewId=view["Id"], VersionDescription="first")["View"]
        self.assertEqual((1, "first", view["Id"] + ":1"), (v1["Version"], v1["VersionDescription"], v1["Id"]))
        again = self.connect.create_view_version(InstanceId=self.instance_id, ViewId=view["Arn"])["View"]
        self.assertEqual(1, again["Version"])
        self.update(view["Id"], "PUBLISHED", {"Body": ["two"]})
        self.assertEqual(2, self.connect.create_view_version(InstanceId=self.instance_id, ViewId=view["Id"])["View"]["Version"])
        listed = self.connect.list_view_versions(InstanceId=self.instance_id, ViewId=view["Id"])["ViewVersionSummaryList"]
        self.assertEqual([2, 1], [v["Version"] for v in listed])
        self.assertEqual(TEMPLATE, json.loads(self.describe(view["Id"] + ":1")["Content"]["Template"]))
        self.assertError("InvalidRequestException", self.connect.create_view_version, InstanceId=self.instance_id, ViewId=view["Id"], ViewContentSha256="x")
        self.connect.delete_view_version(InstanceId=self.instance_id, ViewId=view["Id"], ViewVersion=2)
        self.assertError("ResourceNotFoundException", self.describe, view["Id"] + ":2")
        self.assertError("ResourceNotFoundException", self.connect.delete_view_version, InstanceId=self.instance_id, ViewId=view["Id"], ViewVersion=2)
        self.assertEqual(3, self.connect.create_view_version(InstanceId=self.instance_id, ViewId=view["Id"])["View"]["Version"])
        unpublished = self.create(view_status="SAVED")
        self.assertError("InvalidRequestException", self.connect.create_view_version, InstanceId=self.instance_id, ViewId=unpublished["Id"])

    def test_list_views_by_type_then_name_and_delete(self):
        names = sorted(self.connect.list_views(InstanceId=self.instance_id)["ViewsSummaryList"], key=lambda v: v["Name"])
        listed = self.connect.list_views(InstanceId=self.instance_id)["ViewsSummaryList"]
        self.assertEqual(names, listed)
        self.assertEqual([], self.connect.list_views(InstanceId=self.instance_id, Type="AWS_MANAGED")["ViewsSummaryList"])
        view = self.create()
        self.connect.delete_view(InstanceId=self.instance_id, ViewId=view["Arn"])
        self.assertError("ResourceNotFoundException", self.describe, view["Id"])
        self.assertError("ResourceNotFoundException", self.connect.delete_view, InstanceId=self.instance_id, ViewId=view["Id"])
        self.assertError("ResourceNotFoundException", self.connect.list_views, InstanceId=FAKE_ID)

    def test_client_token(self):
        token = unique("token")
        name = unique("idem")
        first = self.create(name=name, ClientToken=token)
        self.assertEqual(first["Id"], self.create(name=name, ClientToken=token)["Id"])
        self.assertError("InvalidRequestException", self.create, name=unique("other"), ClientToken=token)

    def test_search_views_by_name_status_and_tags(self):
        prefix = unique("srch")
        saved = self.create(name=prefix + "-saved", view_status="SAVED", Tags={"team": prefix})
        live = self.create(name=prefix + "-live")
        contains = {"StringCondition": {"FieldName": "name", "Value": prefix, "ComparisonType": "CONTAINS"}}
        found = self.connect.search_views(InstanceId=self.instance_id, SearchCriteria=contains)
        self.assertEqual(sorted([saved["Id"], live["Id"]]), sorted(v["Id"] for v in found["Views"]))
        self.assertEqual(2, found["ApproximateTotalCount"])
        shown = next(v for v in found["Views"] if v["Id"] == saved["Id"])
        self.assertEqual(("SAVED", "CUSTOMER_MANAGED", TEMPLATE), (shown["Status"], shown["Type"], json.loads(shown["Content"]["Template"])))
        only_saved = self.connect.search_views(InstanceId=self.instance_id,
                                               SearchCriteria={"AndConditions": [contains, {"ViewStatusCondition": "SAVED"}]})["Views"]
        self.assertEqual([saved["Id"]], [v["Id"] for v in only_saved])
        tagged = self.connect.search_views(InstanceId=self.instance_id,
                                           SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": prefix}}})["Views"]
        self.assertEqual([saved["Id"]], [v["Id"] for v in tagged])
        first = self.connect.search_views(InstanceId=self.instance_id, SearchCriteria=contains, MaxResults=1)
        second = self.connect.search_views(InstanceId=self.instance_id, SearchCriteria=contains, MaxResults=1, NextToken=first["NextToken"])
        self.assertEqual(2, len({first["Views"][0]["Id"], second["Views"][0]["Id"]}))
        self.assertError("InvalidParameterException", self.connect.search_views, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "template", "Value": "x", "ComparisonType": "EXACT"}})
        self.assertError("ResourceNotFoundException", self.connect.search_views, InstanceId=FAKE_ID)
        out = json.loads(cli("search-views", "--instance-id", self.instance_id, "--search-criteria", json.dumps(contains)).stdout)
        self.assertEqual(2, len(out["Views"]))

    def test_the_aws_cli(self):
        name = unique("cli-view")
        out = json.loads(cli("create-view", "--instance-id", self.instance_id, "--name", name, "--status", "PUBLISHED",
                             "--content", json.dumps({"Template": json.dumps(TEMPLATE), "Actions": ["Go"]})).stdout)
        described = json.loads(cli("describe-view", "--instance-id", self.instance_id, "--view-id", out["View"]["Id"] + ":$LATEST").stdout)
        self.assertEqual(TEMPLATE, json.loads(described["View"]["Content"]["Template"]))
