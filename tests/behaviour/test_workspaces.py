"""Workspaces through boto3 and the aws CLI (docs/workspaces.md): the workspace itself, its theme and visibility, pages
that show views, media, associations with users and routing profiles, tags by ARN, paging, validation, and the
calls CloudFormation's AWS::Connect::Workspace handlers make, in their order."""
import json
import time

import boto3
from botocore.config import Config

from support import ENDPOINT, ConnectTestCase, cli, unique

THEME = {
    "Light": {
        "Palette": {
            "Header": {"Background": "#ffffff", "Text": "#000000", "InvertActionsColors": False},
            "Navigation": {"Background": "#eeeeee", "TextActive": "#0000ff"},
            "Canvas": {"PageBackground": "#fafafa"},
            "Primary": {"Default": "#123456", "Active": "#654321", "ContrastText": "#ffffff"},
        },
        "Images": {"Logo": {"Default": "https://example.com/logo.png", "Favicon": "https://example.com/favicon.ico"}},
        "Typography": {"FontFamily": {"Default": "Verdana"}},
    },
    "Dark": {"Palette": {"Primary": {"Default": "#000000"}}},
}
LOGO = "aGVsbG8gd29ya3NwYWNl"  # base64


class WorkspaceTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # server-side validation is what these tests check: boto3's own checks are turned off for them
        cls.raw = boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                               aws_secret_access_key="secret",
                               config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False))
        cls.view_arn = cls.connect.create_view(InstanceId=cls.instance_id, Name=unique("view"), Status="PUBLISHED",
                                               Content={"Template": "{}", "Actions": []})["View"]["Arn"]
        cls.other_view_arn = cls.connect.create_view(InstanceId=cls.instance_id, Name=unique("view"), Status="PUBLISHED",
                                                     Content={"Template": "{}", "Actions": []})["View"]["Arn"]
        profiles = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
        security = cls.connect.list_security_profiles(InstanceId=cls.instance_id)["SecurityProfileSummaryList"]
        cls.profile = profiles[0]
        cls.username = unique("agent")
        user = cls.connect.create_user(
            Username=cls.username, Password="Passw0rd!Passw0rd", InstanceId=cls.instance_id,
            IdentityInfo={"FirstName": "Ada", "LastName": "L"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[security[0]["Id"]], RoutingProfileId=cls.profile["Id"])
        cls.user_id, cls.user_arn = user["UserId"], user["UserArn"]

    def create(self, name=None, **kwargs):
        return self.connect.create_workspace(InstanceId=self.instance_id, Name=name or unique("ws"), **kwargs)

    def describe(self, workspace_id):
        return self.connect.describe_workspace(InstanceId=self.instance_id, WorkspaceId=workspace_id)["Workspace"]

    def pages(self, workspace_id):
        return self.connect.list_workspace_pages(InstanceId=self.instance_id, WorkspaceId=workspace_id)["WorkspacePageList"]

    def associations(self, workspace_id):
        criteria = {"StringCondition": {"FieldName": "workspaceId", "Value": workspace_id, "ComparisonType": "EXACT"}}
        return self.connect.search_workspace_associations(InstanceId=self.instance_id, SearchCriteria=criteria)["WorkspaceAssociations"]

    # --- the workspace ---------------------------------------------------------------------------------------------

    def test_create_then_describe_returns_every_member(self):
        name = unique("agents")
        before = time.time()
        out = self.create(name, Description="For agents", Title="Agent desktop", Theme=THEME, Tags={"team": "ops"})
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/workspace/{out['WorkspaceId']}",
                         out["WorkspaceArn"])
        ws = self.describe(out["WorkspaceArn"])
        self.assertEqual((out["WorkspaceId"], out["WorkspaceArn"], name), (ws["Id"], ws["Arn"], ws["Name"]))
        self.assertEqual(("For agents", "Agent desktop"), (ws["Description"], ws["Title"]))
        self.assertEqual(THEME, ws["Theme"])
        self.assertEqual("ASSIGNED", ws["Visibility"])
        self.assertEqual({"team": "ops"}, ws["Tags"])
        self.assertEqual("us-east-1", ws["LastModifiedRegion"])
        self.assertGreaterEqual(ws["LastModifiedTime"].timestamp(), before - 1)

    def test_names_are_unique_in_the_instance(self):
        name = unique("dup")
        first = self.create(name)
        self.assertError("DuplicateResourceException", self.create, name)
        other = self.create()
        self.assertError("DuplicateResourceException", self.connect.update_workspace_metadata,
                         InstanceId=self.instance_id, WorkspaceId=other["WorkspaceId"], Name=name)
        # renaming a workspace to its own name is no conflict
        self.connect.update_workspace_metadata(InstanceId=self.instance_id, WorkspaceId=first["WorkspaceId"], Name=name)

    def test_metadata_theme_and_visibility_updates_keep_the_rest(self):
        out = self.create(Description="d", Title="t", Theme=THEME)
        self.connect.update_workspace_metadata(InstanceId=self.instance_id, WorkspaceId=out["WorkspaceArn"], Title="new title")
        ws = self.describe(out["WorkspaceId"])
        self.assertEqual(("d", "new title", THEME), (ws["Description"], ws["Title"], ws["Theme"]))
        dark = {"Dark": {"Typography": {"FontFamily": {"Default": "Georgia"}}}}
        self.connect.update_workspace_theme(InstanceId=self.instance_id, WorkspaceId=out["WorkspaceId"], Theme=dark)
        self.assertEqual(dark, self.describe(out["WorkspaceId"])["Theme"])
        self.connect.update_workspace_theme(InstanceId=self.instance_id, WorkspaceId=out["WorkspaceId"])
        self.assertNotIn("Theme", self.describe(out["WorkspaceId"]))
        for visibility in ("ALL", "NONE", "ASSIGNED"):
            self.connect.update_workspace_visibility(InstanceId=self.instance_id, WorkspaceId=out["WorkspaceId"], Visibility=visibility)
            self.assertEqual(visibility, self.describe(out["WorkspaceId"])["Visibility"])

    def test_validation_errors(self):
        self.assertError("InvalidParameterException", self.raw.create_workspace, InstanceId=self.instance_id, Name="x" * 128)
        self.assertError("InvalidParameterException", self.raw.create_workspace, InstanceId=self.instance_id, Name="   ")
        self.assertError("InvalidParameterException", self.raw.create_workspace, InstanceId=self.instance_id, Name=unique("ws"),
                         Description="d" * 251)
        self.assertError("InvalidParameterException", self.raw.create_workspace, InstanceId=self.instance_id, Name=unique("ws"),
                         Theme={"Light": {"Typography": {"FontFamily": {"Default": "Comic Sans"}}}})
        out = self.create()
        self.assertError("InvalidParameterException", self.raw.update_workspace_visibility, InstanceId=self.instance_id,
                         WorkspaceId=out["WorkspaceId"], Visibility="SOME")
        self.assertError("InvalidParameterException", self.raw.update_workspace_metadata, InstanceId=self.instance_id,
                         WorkspaceId=out["WorkspaceId"], Description="d" * 251)
        self.assertError("InvalidParameterException", self.raw.associate_workspace, InstanceId=self.instance_id,
                         WorkspaceId=out["WorkspaceId"], ResourceArns=[])

    def test_not_found_is_resource_not_found(self):
        missing = "00000000-0000-4000-8000-000000000000"
        for call, kwargs in (
                (self.connect.describe_workspace, {}),
                (self.connect.delete_workspace, {}),
                (self.connect.update_workspace_metadata, {"Title": "x"}),
                (self.connect.update_workspace_theme, {"Theme": THEME}),
                (self.connect.update_workspace_visibility, {"Visibility": "ALL"}),
                (self.connect.list_workspace_pages, {}),
                (self.connect.list_workspace_media, {}),
                (self.connect.associate_workspace, {"ResourceArns": [self.user_arn]}),
        ):
            with self.subTest(call=call.__name__):
                self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id, WorkspaceId=missing,
                                 message="Workspace not found", **kwargs)
        self.assertError("ResourceNotFoundException", self.connect.list_workspaces, InstanceId=missing, message="Instance not found")

    def test_list_and_search_page_with_max_results_and_never_loop(self):
        prefix = unique("paged")
        made = {self.create(f"{prefix}-{i}", Description=f"number {i}")["WorkspaceId"] for i in range(5)}
        seen, token, calls = [], None, 0
        while True:
            calls += 1
            self.assertLess(calls, 50, "ListWorkspaces loops")
            page = self.connect.list_workspaces(InstanceId=self.instance_id, MaxResults=2, **({"NextToken": token} if token else {}))
            self.assertLessEqual(len(page["WorkspaceSummaryList"]), 2)
            seen += [w["Id"] for w in page["WorkspaceSummaryList"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertTrue(made <= set(seen))
        criteria = {"StringCondition": {"FieldName": "name", "Value": prefix, "ComparisonType": "STARTS_WITH"}}
        found = [w for p in self.connect.get_paginator("search_workspaces").paginate(
            InstanceId=self.instance_id, SearchCriteria=criteria, PaginationConfig={"PageSize": 2}) for w in p["Workspaces"]]
        self.assertEqual(made, {w["Id"] for w in found})
        self.assertTrue(all("CreatedAt" in w for w in found))
        first = self.connect.search_workspaces(InstanceId=self.instance_id, SearchCriteria=criteria, MaxResults=2)
        self.assertEqual(5, first["ApproximateTotalCount"])
        self.assertError("InvalidParameterException", self.raw.list_workspaces, InstanceId=self.instance_id, MaxResults=101)
        self.assertError("InvalidRequestException", self.connect.list_workspaces, InstanceId=self.instance_id, NextToken="forged")

    def test_search_by_visibility_description_and_tags(self):
        tag = unique("t")
        hidden = self.create(Description=f"hidden {tag}", Tags={"group": tag})["WorkspaceId"]
        shown = self.create(Description=f"shown {tag}", Tags={"group": tag, "level": "2"})["WorkspaceId"]
        self.connect.update_workspace_visibility(InstanceId=self.instance_id, WorkspaceId=hidden, Visibility="NONE")
        both = {"AndConditions": [
            {"StringCondition": {"FieldName": "description", "Value": tag, "ComparisonType": "CONTAINS"}},
            {"StringCondition": {"FieldName": "visibility", "Value": "NONE", "ComparisonType": "EXACT"}}]}
        self.assertEqual([hidden], [w["Id"] for w in self.connect.search_workspaces(InstanceId=self.instance_id, SearchCriteria=both)["Workspaces"]])
        tagged = {"AttributeFilter": {"AndCondition": {"TagConditions": [{"TagKey": "group", "TagValue": tag}, {"TagKey": "level", "TagValue": "2"}]}}}
        self.assertEqual([shown], [w["Id"] for w in self.connect.search_workspaces(InstanceId=self.instance_id, SearchFilter=tagged)["Workspaces"]])
        self.assertError("InvalidParameterException", self.connect.search_workspaces, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})

    def test_tags_by_arn(self):
        out = self.create(Tags={"a": "1"})
        arn = out["WorkspaceArn"]
        self.connect.tag_resource(resourceArn=arn, tags={"b": "2"})
        self.assertEqual({"a": "1", "b": "2"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.connect.untag_resource(resourceArn=arn, tagKeys=["a"])
        self.assertEqual({"b": "2"}, self.describe(out["WorkspaceId"])["Tags"])

    # --- pages -----------------------------------------------------------------------------------------------------

    def test_pages_show_views_and_are_unique_by_name_and_slug(self):
        ws = self.create()["WorkspaceId"]
        create = self.connect.create_workspace_page
        create(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page="HOME", Slug="home", InputData='{"a": 1}')
        create(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.other_view_arn, Page="reports")
        self.assertEqual([{"ResourceArn": self.view_arn, "Page": "HOME", "Slug": "home", "InputData": '{"a": 1}'},
                          {"ResourceArn": self.other_view_arn, "Page": "reports"}], self.pages(ws))
        self.assertError("DuplicateResourceException", create, InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page="HOME")
        self.assertError("DuplicateResourceException", create, InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn,
                         Page="other", Slug="home")
        for reserved in ("aws:home", "connect:x", "Connect:y"):
            self.assertError("InvalidParameterException", create, InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page=reserved)
        self.assertError("InvalidParameterException", create, InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn,
                         Page="data", InputData="not json")
        self.assertError("ResourceNotFoundException", create, InstanceId=self.instance_id, WorkspaceId=ws,
                         ResourceArn=self.view_arn.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000", Page="nothing", message="View not found")

    def test_update_and_delete_a_page(self):
        ws = self.create()["WorkspaceId"]
        self.connect.create_workspace_page(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page="HOME", Slug="start")
        self.connect.create_workspace_page(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page="other", Slug="other")
        update = self.connect.update_workspace_page
        update(InstanceId=self.instance_id, WorkspaceId=ws, Page="HOME", NewPage="AGENT_EXPERIENCE", ResourceArn=self.other_view_arn)
        self.assertEqual({"ResourceArn": self.other_view_arn, "Page": "AGENT_EXPERIENCE", "Slug": "start"}, self.pages(ws)[0])
        self.assertError("DuplicateResourceException", update, InstanceId=self.instance_id, WorkspaceId=ws, Page="AGENT_EXPERIENCE", NewPage="other")
        self.assertError("DuplicateResourceException", update, InstanceId=self.instance_id, WorkspaceId=ws, Page="AGENT_EXPERIENCE", Slug="other")
        self.assertError("ResourceNotFoundException", update, InstanceId=self.instance_id, WorkspaceId=ws, Page="HOME", Slug="abc",
                         message="Workspace page not found")
        self.connect.delete_workspace_page(InstanceId=self.instance_id, WorkspaceId=ws, Page="AGENT_EXPERIENCE")
        self.assertEqual(["other"], [p["Page"] for p in self.pages(ws)])
        self.assertError("ResourceNotFoundException", self.connect.delete_workspace_page, InstanceId=self.instance_id, WorkspaceId=ws,
                         Page="AGENT_EXPERIENCE")

    def test_pages_page_with_max_results(self):
        ws = self.create()["WorkspaceId"]
        names = [f"page-{i}" for i in range(5)]
        for name in names:
            self.connect.create_workspace_page(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page=name)
        listed = [p["Page"] for page in self.connect.get_paginator("list_workspace_pages").paginate(
            InstanceId=self.instance_id, WorkspaceId=ws, PaginationConfig={"PageSize": 2}) for p in page["WorkspacePageList"]]
        self.assertEqual(names, listed)

    # --- media -----------------------------------------------------------------------------------------------------

    def test_media_import_replace_list_and_delete(self):
        ws = self.create()["WorkspaceId"]
        imp = self.connect.import_workspace_media
        imp(InstanceId=self.instance_id, WorkspaceId=ws, MediaType="IMAGE_LOGO_LIGHT_HORIZONTAL", MediaSource=LOGO)
        imp(InstanceId=self.instance_id, WorkspaceId=ws, MediaType="IMAGE_LOGO_DARK_FAVICON", MediaSource="https://bucket.s3.amazonaws.com/f.ico?X-Amz-Signature=1")
        imp(InstanceId=self.instance_id, WorkspaceId=ws, MediaType="IMAGE_LOGO_LIGHT_HORIZONTAL", MediaSource="bmV3IGxvZ28=")
        media = self.connect.list_workspace_media(InstanceId=self.instance_id, WorkspaceId=ws)["Media"]
        self.assertEqual([{"Type": "IMAGE_LOGO_DARK_FAVICON", "Source": "https://bucket.s3.amazonaws.com/f.ico?X-Amz-Signature=1"},
                          {"Type": "IMAGE_LOGO_LIGHT_HORIZONTAL", "Source": "bmV3IGxvZ28="}], media)
        self.assertError("InvalidParameterException", imp, InstanceId=self.instance_id, WorkspaceId=ws, MediaType="IMAGE_LOGO_DARK_FAVICON",
                         MediaSource="not base64 at all!")
        self.assertError("InvalidParameterException", self.raw.import_workspace_media, InstanceId=self.instance_id, WorkspaceId=ws,
                         MediaType="IMAGE_LOGO_FAVICON", MediaSource=LOGO)
        self.connect.delete_workspace_media(InstanceId=self.instance_id, WorkspaceId=ws, MediaType="IMAGE_LOGO_DARK_FAVICON")
        self.assertEqual(["IMAGE_LOGO_LIGHT_HORIZONTAL"], [m["Type"] for m in self.connect.list_workspace_media(
            InstanceId=self.instance_id, WorkspaceId=ws)["Media"]])
        self.assertError("ResourceNotFoundException", self.connect.delete_workspace_media, InstanceId=self.instance_id, WorkspaceId=ws,
                         MediaType="IMAGE_LOGO_DARK_FAVICON")

    # --- associations ----------------------------------------------------------------------------------------------

    def test_associations_take_users_and_routing_profiles_only(self):
        ws = self.create()["WorkspaceId"]
        queue_arn = self.connect.list_queues(InstanceId=self.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Arn"]
        missing_user = self.user_arn.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
        out = self.connect.associate_workspace(InstanceId=self.instance_id, WorkspaceId=ws,
                                               ResourceArns=[self.user_arn, self.profile["Arn"], queue_arn, missing_user])
        self.assertEqual([{"ResourceArn": self.user_arn}, {"ResourceArn": self.profile["Arn"]}], out["SuccessfulList"])
        self.assertEqual([(queue_arn, "400"), (missing_user, "404")], [(f["ResourceArn"], f["ErrorCode"]) for f in out["FailedList"]])
        found = sorted((a["ResourceType"], a["ResourceId"], a["ResourceName"]) for a in self.associations(ws))
        self.assertEqual(sorted([("USER", self.user_id, self.username), ("ROUTING_PROFILE", self.profile["Id"], self.profile["Name"])]), found)
        again = self.connect.associate_workspace(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArns=[self.user_arn])
        self.assertEqual([{"ResourceArn": self.user_arn}], again["SuccessfulList"])
        self.assertEqual(2, len(self.associations(ws)))
        by_type = {"AndConditions": [
            {"StringCondition": {"FieldName": "workspaceId", "Value": ws, "ComparisonType": "EXACT"}},
            {"StringCondition": {"FieldName": "resourceType", "Value": "USER", "ComparisonType": "EXACT"}}]}
        users = self.connect.search_workspace_associations(InstanceId=self.instance_id, SearchCriteria=by_type)
        self.assertEqual([self.user_arn], [a["ResourceArn"] for a in users["WorkspaceAssociations"]])
        self.assertEqual(1, users["ApproximateTotalCount"])
        out = self.connect.disassociate_workspace(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArns=[self.user_arn, self.user_arn])
        self.assertEqual([{"ResourceArn": self.user_arn}], out["SuccessfulList"])
        self.assertEqual("404", out["FailedList"][0]["ErrorCode"])
        self.assertEqual([self.profile["Arn"]], [a["ResourceArn"] for a in self.associations(ws)])

    def test_a_deleted_user_is_no_longer_an_association(self):
        security = self.connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"]
        user = self.connect.create_user(
            Username=unique("leaver"), Password="Passw0rd!Passw0rd", InstanceId=self.instance_id,
            IdentityInfo={"FirstName": "L", "LastName": "L"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[security[0]["Id"]], RoutingProfileId=self.profile["Id"])
        ws = self.create()["WorkspaceId"]
        self.connect.associate_workspace(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArns=[user["UserArn"], self.profile["Arn"]])
        self.assertEqual(2, len(self.associations(ws)))
        self.connect.delete_user(InstanceId=self.instance_id, UserId=user["UserId"])
        self.assertEqual([self.profile["Arn"]], [a["ResourceArn"] for a in self.associations(ws)])

    def test_delete_removes_pages_media_and_associations(self):
        out = self.create()
        ws = out["WorkspaceId"]
        self.connect.create_workspace_page(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArn=self.view_arn, Page="HOME")
        self.connect.associate_workspace(InstanceId=self.instance_id, WorkspaceId=ws, ResourceArns=[self.user_arn])
        self.connect.delete_workspace(InstanceId=self.instance_id, WorkspaceId=out["WorkspaceArn"])
        self.assertEqual([], self.associations(ws))
        self.assertError("ResourceNotFoundException", self.connect.list_workspace_pages, InstanceId=self.instance_id, WorkspaceId=ws)

    # --- CloudFormation and the aws CLI ----------------------------------------------------------------------------

    def test_cloudformation_style_pass_through_arns(self):
        """AWS::Connect::Workspace: create (with visibility, media, pages, associations), read by ARN, update, read,
        delete, read after delete — the calls its handlers make (docs/iac.md)."""
        c, iid = self.connect, self.instance_id
        created = c.create_workspace(InstanceId=iid, Name=unique("cfn"), Description="v1", Theme=THEME, Tags={"stack": "s1"})
        arn = created["WorkspaceArn"]
        c.update_workspace_visibility(InstanceId=iid, WorkspaceId=arn, Visibility="ALL")
        c.import_workspace_media(InstanceId=iid, WorkspaceId=arn, MediaType="IMAGE_LOGO_LIGHT_FAVICON", MediaSource=LOGO)
        c.associate_workspace(InstanceId=iid, WorkspaceId=arn, ResourceArns=[self.profile["Arn"]])
        c.create_workspace_page(InstanceId=iid, WorkspaceId=arn, ResourceArn=self.view_arn, Page="HOME")

        def read():
            ws = c.describe_workspace(InstanceId=iid, WorkspaceId=arn)["Workspace"]
            pages = c.list_workspace_pages(InstanceId=iid, WorkspaceId=arn)["WorkspacePageList"]
            media = c.list_workspace_media(InstanceId=iid, WorkspaceId=arn)["Media"]
            crit = {"StringCondition": {"FieldName": "workspaceId", "Value": ws["Id"], "ComparisonType": "EXACT"}}
            assoc = [a["ResourceArn"] for a in c.search_workspace_associations(InstanceId=iid, SearchCriteria=crit)["WorkspaceAssociations"]]
            return ws, pages, media, assoc

        ws, pages, media, assoc = read()
        self.assertEqual(("v1", "ALL", {"stack": "s1"}), (ws["Description"], ws["Visibility"], ws["Tags"]))
        self.assertEqual(["HOME"], [p["Page"] for p in pages])
        self.assertEqual(["IMAGE_LOGO_LIGHT_FAVICON"], [m["Type"] for m in media])
        self.assertEqual([self.profile["Arn"]], assoc)

        c.update_workspace_metadata(InstanceId=iid, WorkspaceId=arn, Description="v2", Title="T2")
        c.update_workspace_theme(InstanceId=iid, WorkspaceId=arn, Theme={"Dark": THEME["Dark"]})
        c.update_workspace_visibility(InstanceId=iid, WorkspaceId=arn, Visibility="ASSIGNED")
        c.delete_workspace_media(InstanceId=iid, WorkspaceId=arn, MediaType="IMAGE_LOGO_LIGHT_FAVICON")
        c.import_workspace_media(InstanceId=iid, WorkspaceId=arn, MediaType="IMAGE_LOGO_DARK_FAVICON", MediaSource=LOGO)
        c.associate_workspace(InstanceId=iid, WorkspaceId=arn, ResourceArns=[self.user_arn])
        c.disassociate_workspace(InstanceId=iid, WorkspaceId=arn, ResourceArns=[self.profile["Arn"]])
        c.update_workspace_page(InstanceId=iid, WorkspaceId=arn, Page="HOME", ResourceArn=self.other_view_arn)
        c.create_workspace_page(InstanceId=iid, WorkspaceId=arn, ResourceArn=self.view_arn, Page="extra")
        c.delete_workspace_page(InstanceId=iid, WorkspaceId=arn, Page="extra")
        c.tag_resource(resourceArn=arn, tags={"stack": "s2"})

        ws, pages, media, assoc = read()
        self.assertEqual(("v2", "T2", "ASSIGNED", {"Dark": THEME["Dark"]}, {"stack": "s2"}),
                         (ws["Description"], ws["Title"], ws["Visibility"], ws["Theme"], ws["Tags"]))
        self.assertEqual([("HOME", self.other_view_arn)], [(p["Page"], p["ResourceArn"]) for p in pages])
        self.assertEqual(["IMAGE_LOGO_DARK_FAVICON"], [m["Type"] for m in media])
        self.assertEqual([self.user_arn], assoc)

        c.delete_workspace(InstanceId=iid, WorkspaceId=arn)
        self.assertError("ResourceNotFoundException", c.describe_workspace, InstanceId=iid, WorkspaceId=arn, message="Workspace not found")
        self.assertNotIn(ws["Id"], [w["Id"] for p in c.get_paginator("list_workspaces").paginate(InstanceId=iid) for w in p["WorkspaceSummaryList"]])

    def test_the_aws_cli(self):
        name = unique("cli")
        created = json.loads(cli("create-workspace", "--instance-id", self.instance_id, "--name", name,
                                 "--title", "From the CLI", "--tags", "env=dev").stdout)
        described = json.loads(cli("describe-workspace", "--instance-id", self.instance_id,
                                   "--workspace-id", created["WorkspaceArn"]).stdout)["Workspace"]
        self.assertEqual((name, "From the CLI", {"env": "dev"}), (described["Name"], described["Title"], described["Tags"]))
        cli("create-workspace-page", "--instance-id", self.instance_id, "--workspace-id", created["WorkspaceId"],
            "--resource-arn", self.view_arn, "--page", "HOME")
        pages = json.loads(cli("list-workspace-pages", "--instance-id", self.instance_id,
                               "--workspace-id", created["WorkspaceId"]).stdout)["WorkspacePageList"]
        self.assertEqual(["HOME"], [p["Page"] for p in pages])
        failed = cli("describe-workspace", "--instance-id", self.instance_id, "--workspace-id", "nope", check=False)
        self.assertNotEqual(0, failed.returncode)
        self.assertIn("ResourceNotFoundException", failed.stderr)
