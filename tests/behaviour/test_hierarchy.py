"""User hierarchy through boto3 and the aws CLI: the structure's levels, groups and their paths, a user's group."""
import json

from support import ConnectTestCase, cli, unique

LEVELS = ["LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive"]


class HierarchyTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect.update_user_hierarchy_structure(InstanceId=cls.instance_id, HierarchyStructure={
            "LevelOne": {"Name": "Company"}, "LevelTwo": {"Name": "Division"}, "LevelThree": {"Name": "Site"}})
        profiles = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
        security = cls.connect.list_security_profiles(InstanceId=cls.instance_id)["SecurityProfileSummaryList"]
        cls.user_args = dict(Password="Passw0rd!Passw0rd", InstanceId=cls.instance_id,
                             IdentityInfo={"FirstName": "Ada", "LastName": "L"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                             SecurityProfileIds=[security[0]["Id"]], RoutingProfileId=profiles[0]["Id"])

    def group(self, parent=None, name=None, **kwargs):
        args = dict(InstanceId=self.instance_id, Name=name or unique("g"), **kwargs)
        if parent:
            args["ParentGroupId"] = parent
        return self.connect.create_user_hierarchy_group(**args)

    def describe(self, group_id):
        return self.connect.describe_user_hierarchy_group(InstanceId=self.instance_id, HierarchyGroupId=group_id)["HierarchyGroup"]

    def test_a_group_path_names_it_and_its_ancestors_at_their_levels(self):
        top = self.group(name=unique("corp"), Tags={"team": "ops"})
        middle = self.group(top["HierarchyGroupArn"])
        leaf = self.group(middle["HierarchyGroupId"])

        described = self.describe(leaf["HierarchyGroupArn"])

        self.assertEqual("3", described["LevelId"])
        self.assertRegex(leaf["HierarchyGroupArn"], r"^arn:aws:connect:us-east-1:\d{12}:instance/[^/]+/agent-group/" + leaf["HierarchyGroupId"] + "$")
        path = described["HierarchyPath"]
        self.assertEqual([top["HierarchyGroupId"], middle["HierarchyGroupId"], leaf["HierarchyGroupId"]],
                         [path[level]["Id"] for level in LEVELS[:3]])
        self.assertNotIn("LevelFour", path)
        self.assertEqual({"team": "ops"}, self.describe(top["HierarchyGroupId"])["Tags"])
        self.assertEqual("1", self.describe(top["HierarchyGroupId"])["LevelId"])
        self.assertIn("LastModifiedTime", described)

    def test_renaming_a_group_shows_in_the_path_of_every_group_below(self):
        top = self.group()
        leaf = self.group(self.group(top["HierarchyGroupId"])["HierarchyGroupId"])

        self.connect.update_user_hierarchy_group_name(InstanceId=self.instance_id, HierarchyGroupId=top["HierarchyGroupId"], Name="renamed-top")

        self.assertEqual("renamed-top", self.describe(leaf["HierarchyGroupId"])["HierarchyPath"]["LevelOne"]["Name"])
        self.assertEqual("renamed-top", self.describe(top["HierarchyGroupId"])["Name"])

    def test_names_are_unique_and_a_missing_parent_is_not_found(self):
        name = unique("dup")
        self.group(name=name)
        self.assertError("DuplicateResourceException", self.group, name=name)
        self.assertError("ResourceNotFoundException", self.group, parent="00000000-0000-4000-8000-000000000000")

    def test_a_group_needs_its_level_in_the_structure(self):
        chain = self.group()["HierarchyGroupId"]
        for _ in range(2):
            chain = self.group(chain)["HierarchyGroupId"]
        self.assertError("InvalidRequestException", self.group, parent=chain)

    def test_a_group_with_children_or_users_cannot_be_deleted(self):
        top = self.group()
        child = self.group(top["HierarchyGroupId"])
        error = self.assertError("ResourceInUseException", self.connect.delete_user_hierarchy_group,
                                 InstanceId=self.instance_id, HierarchyGroupId=top["HierarchyGroupId"], status=409)
        self.assertEqual("HIERARCHY_GROUP", error.response["ResourceType"])

        user = self.connect.create_user(Username=unique("u"), HierarchyGroupId=child["HierarchyGroupArn"], **self.user_args)
        self.assertEqual(child["HierarchyGroupId"],
                         self.connect.describe_user(InstanceId=self.instance_id, UserId=user["UserId"])["User"]["HierarchyGroupId"])
        error = self.assertError("ResourceInUseException", self.connect.delete_user_hierarchy_group,
                                 InstanceId=self.instance_id, HierarchyGroupId=child["HierarchyGroupId"])
        self.assertEqual("USER", error.response["ResourceType"])

        self.connect.update_user_hierarchy(InstanceId=self.instance_id, UserId=user["UserArn"])
        self.assertNotIn("HierarchyGroupId", self.connect.describe_user(InstanceId=self.instance_id, UserId=user["UserId"])["User"])
        self.connect.delete_user_hierarchy_group(InstanceId=self.instance_id, HierarchyGroupId=child["HierarchyGroupArn"])
        self.connect.delete_user_hierarchy_group(InstanceId=self.instance_id, HierarchyGroupId=top["HierarchyGroupId"])
        self.assertError("ResourceNotFoundException", self.describe, top["HierarchyGroupId"])
        self.assertError("ResourceNotFoundException", self.connect.delete_user_hierarchy_group,
                         InstanceId=self.instance_id, HierarchyGroupId=top["HierarchyGroupId"])

    def test_update_user_hierarchy_sets_the_group_by_id_or_arn(self):
        group = self.group()
        user = self.connect.create_user(Username=unique("u"), **self.user_args)
        self.connect.update_user_hierarchy(InstanceId=self.instance_id, UserId=user["UserId"], HierarchyGroupId=group["HierarchyGroupArn"])
        self.assertEqual(group["HierarchyGroupId"],
                         self.connect.describe_user(InstanceId=self.instance_id, UserId=user["UserId"])["User"]["HierarchyGroupId"])
        self.assertError("ResourceNotFoundException", self.connect.update_user_hierarchy, InstanceId=self.instance_id,
                         UserId=user["UserId"], HierarchyGroupId="00000000-0000-4000-8000-000000000000")

    def test_list_pages_to_the_end_and_search_filters(self):
        top = self.group(name=unique("searchable"), Tags={"k": "v"})
        child = self.group(top["HierarchyGroupId"])
        pages = self.connect.get_paginator("list_user_hierarchy_groups").paginate(InstanceId=self.instance_id, PaginationConfig={"PageSize": 1})
        ids = [g["Id"] for p in pages for g in p["UserHierarchyGroupSummaryList"]]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertIn(child["HierarchyGroupId"], ids)

        by_parent = self.connect.search_user_hierarchy_groups(InstanceId=self.instance_id, SearchCriteria={
            "StringCondition": {"FieldName": "parentId", "Value": top["HierarchyGroupId"], "ComparisonType": "EXACT"}})
        self.assertEqual([child["HierarchyGroupId"]], [g["Id"] for g in by_parent["UserHierarchyGroups"]])
        self.assertEqual(1, by_parent["ApproximateTotalCount"])
        self.assertEqual(top["HierarchyGroupId"], by_parent["UserHierarchyGroups"][0]["HierarchyPath"]["LevelOne"]["Id"])

        by_tag = self.connect.search_user_hierarchy_groups(InstanceId=self.instance_id, SearchFilter={
            "AttributeFilter": {"TagCondition": {"TagKey": "k", "TagValue": "v"}}})
        self.assertEqual([top["HierarchyGroupId"]], [g["Id"] for g in by_tag["UserHierarchyGroups"]])

    def test_tags_by_arn(self):
        group = self.group()
        self.connect.tag_resource(resourceArn=group["HierarchyGroupArn"], tags={"a": "1"})
        self.assertEqual({"a": "1"}, self.describe(group["HierarchyGroupId"])["Tags"])
        self.connect.untag_resource(resourceArn=group["HierarchyGroupArn"], tagKeys=["a"])
        self.assertNotIn("Tags", self.describe(group["HierarchyGroupId"]))


class HierarchyStructureTests(ConnectTestCase):
    def structure(self):
        return self.connect.describe_user_hierarchy_structure(InstanceId=self.instance_id)["HierarchyStructure"]

    def test_a_new_instance_has_no_levels(self):
        self.assertEqual({}, self.structure())

    def test_levels_keep_their_ids_across_renames_and_a_used_level_cannot_be_removed(self):
        self.connect.update_user_hierarchy_structure(InstanceId=self.instance_id, HierarchyStructure={
            "LevelOne": {"Name": "Company"}, "LevelTwo": {"Name": "Division"}})
        before = self.structure()
        self.assertRegex(before["LevelTwo"]["Arn"], r"/agent-group-level/2$")

        self.connect.update_user_hierarchy_structure(InstanceId=self.instance_id, HierarchyStructure={
            "LevelOne": {"Name": "Corporation"}, "LevelTwo": {"Name": "Division"}})
        after = self.structure()
        self.assertEqual((before["LevelOne"]["Id"], "Corporation"), (after["LevelOne"]["Id"], after["LevelOne"]["Name"]))

        top = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("g"))
        child = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("g"), ParentGroupId=top["HierarchyGroupId"])
        error = self.assertError("ResourceInUseException", self.connect.update_user_hierarchy_structure,
                                 InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "Corporation"}})
        self.assertEqual(child["HierarchyGroupArn"], error.response["ResourceId"])

        self.connect.delete_user_hierarchy_group(InstanceId=self.instance_id, HierarchyGroupId=child["HierarchyGroupId"])
        self.connect.update_user_hierarchy_structure(InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "Corporation"}})
        self.assertEqual(["LevelOne"], list(self.structure()))

    def test_a_level_needs_the_level_above_and_a_short_name(self):
        self.assertError("InvalidParameterException", self.connect.update_user_hierarchy_structure,
                         InstanceId=self.instance_id, HierarchyStructure={"LevelTwo": {"Name": "orphan"}})
        self.assertError("InvalidParameterException", self.connect.update_user_hierarchy_structure,
                         InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "x" * 51}})

    def test_the_cli_reads_the_structure(self):
        cli("update-user-hierarchy-structure", "--instance-id", self.instance_id,
            "--hierarchy-structure", json.dumps({"LevelOne": {"Name": "Cli"}}))
        out = json.loads(cli("describe-user-hierarchy-structure", "--instance-id", self.instance_id).stdout)
        self.assertEqual("Cli", out["HierarchyStructure"]["LevelOne"]["Name"])
        created = json.loads(cli("create-user-hierarchy-group", "--instance-id", self.instance_id, "--name", "cli-group").stdout)
        listed = json.loads(cli("list-user-hierarchy-groups", "--instance-id", self.instance_id).stdout)
        self.assertIn(created["HierarchyGroupId"], [g["Id"] for g in listed["UserHierarchyGroupSummaryList"]])
