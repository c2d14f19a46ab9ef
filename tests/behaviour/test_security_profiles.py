"""Security profiles and agent statuses through boto3 and the aws CLI (issue 15; docs/security-profiles.md)."""
import json
import time

from support import ConnectTestCase, cli, unique

AI_AGENT = "arn:aws:wisdom:us-east-1:000000000000:ai-agent/00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000002"


class SecurityProfileTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.routing_profile_id = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"][0]["Id"]

    def create(self, name=None, **kwargs):
        return self.connect.create_security_profile(InstanceId=self.instance_id, SecurityProfileName=name or unique("sp"), **kwargs)

    def describe(self, profile_id):
        return self.connect.describe_security_profile(InstanceId=self.instance_id, SecurityProfileId=profile_id)["SecurityProfile"]

    def permissions(self, profile_id, **kwargs):
        pages = self.connect.get_paginator("list_security_profile_permissions").paginate(
            InstanceId=self.instance_id, SecurityProfileId=profile_id, **kwargs)
        return [p for page in pages for p in page["Permissions"]]

    def summaries(self):
        pages = self.connect.get_paginator("list_security_profiles").paginate(InstanceId=self.instance_id, PaginationConfig={"PageSize": 2})
        return [s for page in pages for s in page["SecurityProfileSummaryList"]]

    def by_name(self, name):
        return next(s for s in self.summaries() if s["Name"] == name)

    def test_the_default_profiles_are_there_with_aws_s_permission_names(self):
        names = [s["Name"] for s in self.summaries()]
        for default in ("Admin", "Agent", "CallCenterManager", "QualityAnalyst"):
            self.assertEqual(1, names.count(default))
        self.assertEqual(["BasicAgentAccess", "OutboundCallAccess"], self.permissions(self.by_name("Agent")["Id"]))
        admin = self.permissions(self.by_name("Admin")["Id"], PaginationConfig={"PageSize": 7})
        self.assertEqual(len(admin), len(set(admin)))
        for permission in ("Users.Create", "SecurityProfiles.Edit", "RoutingPolicies.View", "ContactFlows.Publish", "AccessMetrics"):
            self.assertIn(permission, admin)
        self.assertLessEqual(set(self.permissions(self.by_name("QualityAnalyst")["Id"])), set(admin))
        self.assertLessEqual(set(self.permissions(self.by_name("CallCenterManager")["Id"])), set(admin))

    def test_create_then_describe_returns_every_member_with_tags(self):
        name = unique("supervisor")
        before = time.time()
        out = self.create(name, Description="Floor supervisors", Permissions=["Users.View", "AccessMetrics"], Tags={"team": "ops"},
                          AllowedAccessControlTags={"dept": "sales"}, TagRestrictedResources=["User"], HierarchyRestrictedResources=["User"])
        profile_id = out["SecurityProfileId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/security-profile/{profile_id}",
                         out["SecurityProfileArn"])
        profile = self.describe(profile_id)
        self.assertEqual(profile_id, profile["Id"])
        self.assertEqual(out["SecurityProfileArn"], profile["Arn"])
        self.assertEqual(name, profile["SecurityProfileName"])
        self.assertEqual(self.instance_id, profile["OrganizationResourceId"])
        self.assertEqual("Floor supervisors", profile["Description"])
        self.assertEqual({"team": "ops"}, profile["Tags"])
        self.assertEqual({"dept": "sales"}, profile["AllowedAccessControlTags"])
        self.assertEqual(["User"], profile["TagRestrictedResources"])
        self.assertEqual(["User"], profile["HierarchyRestrictedResources"])
        self.assertEqual("us-east-1", profile["LastModifiedRegion"])
        self.assertGreaterEqual(profile["LastModifiedTime"].timestamp(), before - 1)
        self.assertEqual(["Users.View", "AccessMetrics"], self.permissions(profile_id))
        listed = self.connect.list_security_profile_permissions(InstanceId=self.instance_id, SecurityProfileId=profile_id)
        self.assertEqual(profile["LastModifiedTime"], listed["LastModifiedTime"])
        self.assertEqual("us-east-1", listed["LastModifiedRegion"])
        self.assertEqual(1, [s["Name"] for s in self.summaries()].count(name))

    def test_names_are_unique_and_must_match_the_model_s_pattern(self):
        name = unique("dup")
        self.create(name)
        self.assertError("DuplicateResourceException", self.create, name)
        self.assertError("DuplicateResourceException", self.create, "Admin")
        self.assertError("InvalidParameterException", self.create, "no/slashes")

    def test_the_model_s_limits_are_enforced(self):
        self.assertError("InvalidParameterException", self.create, Permissions=[f"P{i}.View" for i in range(501)])
        self.assertError("InvalidParameterException", self.create, AllowedAccessControlTags={f"k{i}": "v" for i in range(5)})
        self.assertError("InvalidParameterException", self.create, TagRestrictedResources=["User"] * 11)
        self.assertError("InvalidParameterException", self.create, Description="d" * 251)

    def test_hierarchy_restrictions_name_only_users(self):
        self.assertError("InvalidParameterException", self.create, HierarchyRestrictedResources=["Queue"])
        profile_id = self.create()["SecurityProfileId"]
        self.assertError("InvalidParameterException", self.connect.update_security_profile,
                         InstanceId=self.instance_id, SecurityProfileId=profile_id, HierarchyRestrictedResources=["User", "RoutingProfile"])
        self.assertNotIn("HierarchyRestrictedResources", self.describe(profile_id))

    def test_the_restricting_hierarchy_group_must_exist_in_the_instance(self):
        self.assertError("ResourceNotFoundException", self.create, AllowedAccessControlHierarchyGroupId="no-such-group")
        self.connect.update_user_hierarchy_structure(InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "Region"}})
        group = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("grp"))
        self.assertError("ResourceNotFoundException", self.create, AllowedAccessControlHierarchyGroupId=group["HierarchyGroupId"] + "0")
        by_arn = self.create(AllowedAccessControlHierarchyGroupId=group["HierarchyGroupArn"])["SecurityProfileId"]
        self.assertEqual(group["HierarchyGroupArn"], self.describe(by_arn)["AllowedAccessControlHierarchyGroupId"])
        profile_id = self.create(AllowedAccessControlHierarchyGroupId=group["HierarchyGroupId"], HierarchyRestrictedResources=["User"])["SecurityProfileId"]
        self.assertEqual(group["HierarchyGroupId"], self.describe(profile_id)["AllowedAccessControlHierarchyGroupId"])

    def test_applications_and_flow_modules_are_listed_as_stored(self):
        self.assertError("InvalidParameterException", self.create, Applications=[
            {"Namespace": "crm.example.com", "ApplicationPermissions": ["ACCESS", "WRITE"], "Type": "THIRD_PARTY_APPLICATION"}])
        apps = [{"Namespace": "crm.example.com", "ApplicationPermissions": ["ACCESS"], "Type": "THIRD_PARTY_APPLICATION"},
                {"Namespace": "tools.example.com", "ApplicationPermissions": ["lookup", "refund"], "Type": "MCP"}]
        modules = [{"Type": "MCP", "FlowModuleId": "module-1"}]
        profile_id = self.create(Applications=apps, AllowedFlowModules=modules)["SecurityProfileId"]
        listed = self.connect.list_security_profile_applications(InstanceId=self.instance_id, SecurityProfileId=profile_id)
        self.assertEqual(apps, listed["Applications"])
        self.assertIn("LastModifiedTime", listed)
        first = self.connect.list_security_profile_applications(InstanceId=self.instance_id, SecurityProfileId=profile_id, MaxResults=1)
        self.assertEqual(apps[:1], first["Applications"])
        second = self.connect.list_security_profile_applications(InstanceId=self.instance_id, SecurityProfileId=profile_id, MaxResults=1,
                                                                 NextToken=first["NextToken"])
        self.assertEqual(apps[1:], second["Applications"])
        self.assertNotIn("NextToken", second)
        flow_modules = self.connect.list_security_profile_flow_modules(InstanceId=self.instance_id, SecurityProfileId=profile_id)
        self.assertEqual(modules, flow_modules["AllowedFlowModules"])
        self.assertError("InvalidParameterException", self.create, AllowedFlowModules=modules * 2)
        self.assertError("InvalidParameterException", self.create,
                         Applications=[{"Namespace": "x", "ApplicationPermissions": ["t"] * 51, "Type": "MCP"}])

    def test_update_replaces_what_it_carries_and_keeps_the_rest(self):
        profile_id = self.create(Description="kept", Permissions=["Users.View"], Tags={"k": "v"})["SecurityProfileId"]
        before = self.describe(profile_id)["LastModifiedTime"]
        time.sleep(0.01)
        self.connect.update_security_profile(InstanceId=self.instance_id, SecurityProfileId=profile_id,
                                             Permissions=["Queues.View", "Queues.Edit"], AllowedAccessControlTags={"a": "b"})
        profile = self.describe(profile_id)
        self.assertEqual("kept", profile["Description"])
        self.assertEqual({"k": "v"}, profile["Tags"])
        self.assertEqual({"a": "b"}, profile["AllowedAccessControlTags"])
        self.assertEqual(["Queues.View", "Queues.Edit"], self.permissions(profile_id))
        self.assertGreaterEqual(profile["LastModifiedTime"], before)
        self.assertError("ResourceNotFoundException", self.connect.update_security_profile,
                         InstanceId=self.instance_id, SecurityProfileId="missing", Description="x")

    def test_a_profile_assigned_to_a_user_cannot_be_deleted(self):
        profile_id = self.create()["SecurityProfileId"]
        agent = self.by_name("Agent")["Id"]
        holder = self.connect.create_user(
            Username=unique("holder"), Password="Passw0rd!Passw0rd", InstanceId=self.instance_id, PhoneConfig={"PhoneType": "SOFT_PHONE"},
            IdentityInfo={"FirstName": "Ada", "LastName": "Holder"}, SecurityProfileIds=[profile_id], RoutingProfileId=self.routing_profile_id)
        user_id = holder["UserId"]
        error = self.assertError("ResourceInUseException", self.connect.delete_security_profile,
                                 InstanceId=self.instance_id, SecurityProfileId=profile_id, status=409)
        self.assertEqual("USER", error.response["ResourceType"])
        self.assertEqual(holder["UserArn"], error.response["ResourceId"])
        self.describe(profile_id)
        self.connect.update_user_security_profiles(InstanceId=self.instance_id, UserId=user_id, SecurityProfileIds=[agent])
        self.connect.delete_security_profile(InstanceId=self.instance_id, SecurityProfileId=profile_id)
        self.assertError("ResourceNotFoundException", self.describe, profile_id)
        self.assertError("ResourceNotFoundException", self.connect.delete_security_profile,
                         InstanceId=self.instance_id, SecurityProfileId=profile_id)
        self.assertError("ResourceNotFoundException", self.connect.list_security_profile_permissions,
                         InstanceId=self.instance_id, SecurityProfileId=profile_id)

    def test_search_by_name_and_tag_counts_and_pages(self):
        prefix = unique("findme")
        for i, team in enumerate(("a", "b", "b")):
            self.create(f"{prefix}-{i}", Tags={"team": team})
        criteria = {"StringCondition": {"FieldName": "name", "Value": prefix, "ComparisonType": "STARTS_WITH"}}
        first = self.connect.search_security_profiles(InstanceId=self.instance_id, SearchCriteria=criteria, MaxResults=2)
        self.assertEqual(3, first["ApproximateTotalCount"])
        second = self.connect.search_security_profiles(InstanceId=self.instance_id, SearchCriteria=criteria, MaxResults=2, NextToken=first["NextToken"])
        found = first["SecurityProfiles"] + second["SecurityProfiles"]
        self.assertEqual(sorted(f"{prefix}-{i}" for i in range(3)), sorted(p["SecurityProfileName"] for p in found))
        self.assertEqual({self.instance_id}, {p["OrganizationResourceId"] for p in found})
        tagged = self.connect.search_security_profiles(InstanceId=self.instance_id, SearchCriteria=criteria,
                                                       SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "team", "TagValue": "b"}}})
        self.assertEqual(2, len(tagged["SecurityProfiles"]))
        self.assertTrue(all(p["Tags"] == {"team": "b"} for p in tagged["SecurityProfiles"]))
        self.assertError("InvalidParameterException", self.connect.search_security_profiles, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "description", "Value": "x", "ComparisonType": "CONTAINS"}})

    def test_tags_by_arn_show_in_describe(self):
        out = self.create(Tags={"a": "1"})
        self.connect.tag_resource(resourceArn=out["SecurityProfileArn"], tags={"b": "2"})
        self.connect.untag_resource(resourceArn=out["SecurityProfileArn"], tagKeys=["a"])
        self.assertEqual({"b": "2"}, self.describe(out["SecurityProfileId"])["Tags"])

    def test_the_profile_and_instance_may_be_named_by_arn(self):
        out = self.create()
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        profile = self.connect.describe_security_profile(InstanceId=instance_arn, SecurityProfileId=out["SecurityProfileArn"])["SecurityProfile"]
        self.assertEqual(out["SecurityProfileId"], profile["Id"])

    def test_ai_agents_are_associated_listed_and_disassociated(self):
        one, two = self.create()["SecurityProfileId"], self.create()["SecurityProfileId"]
        self.connect.associate_security_profiles(InstanceId=self.instance_id, EntityType="AI_AGENT", EntityArn=AI_AGENT,
                                                 SecurityProfiles=[{"Id": one}, {"Id": two}])
        listed = self.connect.list_entity_security_profiles(InstanceId=self.instance_id, EntityType="AI_AGENT", EntityArn=AI_AGENT)
        self.assertEqual(sorted([one, two]), sorted(p["Id"] for p in listed["SecurityProfiles"]))
        self.connect.disassociate_security_profiles(InstanceId=self.instance_id, EntityType="AI_AGENT", EntityArn=AI_AGENT,
                                                    SecurityProfiles=[{"Id": one}])
        listed = self.connect.list_entity_security_profiles(InstanceId=self.instance_id, EntityType="AI_AGENT", EntityArn=AI_AGENT)
        self.assertEqual([two], [p["Id"] for p in listed["SecurityProfiles"]])
        self.assertError("InvalidParameterException", self.connect.associate_security_profiles, InstanceId=self.instance_id,
                         EntityType="USER", EntityArn=AI_AGENT, SecurityProfiles=[{"Id": one}])
        self.assertError("InvalidParameterException", self.connect.associate_security_profiles, InstanceId=self.instance_id,
                         EntityType="AI_AGENT", EntityArn="not-an-arn", SecurityProfiles=[{"Id": one}])
        self.assertError("ResourceNotFoundException", self.connect.associate_security_profiles, InstanceId=self.instance_id,
                         EntityType="AI_AGENT", EntityArn=AI_AGENT, SecurityProfiles=[{"Id": one}, {"Id": "missing"}])
        listed = self.connect.list_entity_security_profiles(InstanceId=self.instance_id, EntityType="AI_AGENT", EntityArn=AI_AGENT)
        self.assertEqual([two], [p["Id"] for p in listed["SecurityProfiles"]])

    def test_the_aws_cli_creates_updates_lists_and_deletes(self):
        name = unique("cli-sp")
        created = json.loads(cli("create-security-profile", "--instance-id", self.instance_id, "--security-profile-name", name,
                                 "--permissions", "Users.View", "Queues.View").stdout)
        profile_id = created["SecurityProfileId"]
        cli("update-security-profile", "--instance-id", self.instance_id, "--security-profile-id", profile_id, "--description", "via cli")
        described = json.loads(cli("describe-security-profile", "--instance-id", self.instance_id, "--security-profile-id", profile_id).stdout)
        self.assertEqual("via cli", described["SecurityProfile"]["Description"])
        permissions = json.loads(cli("list-security-profile-permissions", "--instance-id", self.instance_id,
                                     "--security-profile-id", profile_id).stdout)
        self.assertEqual(["Users.View", "Queues.View"], permissions["Permissions"])
        cli("delete-security-profile", "--instance-id", self.instance_id, "--security-profile-id", profile_id)
        missing = cli("describe-security-profile", "--instance-id", self.instance_id, "--security-profile-id", profile_id, check=False)
        self.assertIn("ResourceNotFoundException", missing.stderr)


class AgentStatusTests(ConnectTestCase):
    def create(self, name=None, state="ENABLED", **kwargs):
        return self.connect.create_agent_status(InstanceId=self.instance_id, Name=name or unique("status"), State=state, **kwargs)

    def describe(self, status_id):
        return self.connect.describe_agent_status(InstanceId=self.instance_id, AgentStatusId=status_id)["AgentStatus"]

    def statuses(self, **kwargs):
        pages = self.connect.get_paginator("list_agent_statuses").paginate(InstanceId=self.instance_id, **kwargs)
        return [s for page in pages for s in page["AgentStatusSummaryList"]]

    def test_create_then_describe_returns_a_custom_status_with_tags(self):
        name = unique("Lunch")
        out = self.create(name, Description="midday", DisplayOrder=3, Tags={"t": "1"})
        status_id = out["AgentStatusId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/agent-state/{status_id}", out["AgentStatusARN"])
        status = self.describe(status_id)
        self.assertEqual(status_id, status["AgentStatusId"])
        self.assertEqual(out["AgentStatusARN"], status["AgentStatusARN"])
        self.assertEqual((name, "midday", "CUSTOM", "ENABLED", 3), (status["Name"], status["Description"], status["Type"], status["State"], status["DisplayOrder"]))
        self.assertEqual({"t": "1"}, status["Tags"])
        self.assertIn(name, [s["Name"] for s in self.statuses(AgentStatusTypes=["CUSTOM"])])
        self.assertNotIn(name, [s["Name"] for s in self.statuses(AgentStatusTypes=["ROUTABLE", "OFFLINE"])])

    def test_names_are_unique_including_the_system_statuses(self):
        name = unique("Break")
        self.create(name)
        self.assertError("DuplicateResourceException", self.create, name, state="DISABLED")
        self.assertError("DuplicateResourceException", self.create, "Available")
        other = self.create()["AgentStatusId"]
        self.assertError("DuplicateResourceException", self.connect.update_agent_status, InstanceId=self.instance_id, AgentStatusId=other, Name=name)

    def test_the_model_s_limits_are_enforced(self):
        self.assertError("InvalidParameterException", self.create, DisplayOrder=51)
        self.assertError("InvalidParameterException", self.create, state="PAUSED")
        self.assertError("InvalidParameterException", self.create, "n" * 128)

    def test_the_system_statuses_are_read_only(self):
        for system in [s for s in self.statuses() if s["Type"] in ("ROUTABLE", "OFFLINE")]:
            for change in ({"State": "DISABLED"}, {"Name": unique("renamed")}, {"DisplayOrder": 9}):
                self.assertError("InvalidRequestException", self.connect.update_agent_status,
                                 InstanceId=self.instance_id, AgentStatusId=system["Id"], **change)
            self.assertEqual((system["Name"], "ENABLED"), (self.describe(system["Id"])["Name"], self.describe(system["Id"])["State"]))
        self.assertEqual({"Available", "Offline"}, {s["Name"] for s in self.statuses() if s["Type"] != "CUSTOM"})

    def test_update_renames_disables_reorders_and_resets_the_order(self):
        status_id = self.create(DisplayOrder=4, Description="d")["AgentStatusId"]
        new_name = unique("Short")
        self.connect.update_agent_status(InstanceId=self.instance_id, AgentStatusId=status_id, Name=new_name, State="DISABLED")
        status = self.describe(status_id)
        self.assertEqual((new_name, "DISABLED", 4, "d"), (status["Name"], status["State"], status["DisplayOrder"], status["Description"]))
        self.connect.update_agent_status(InstanceId=self.instance_id, AgentStatusId=status_id, DisplayOrder=7)
        self.assertEqual(7, self.describe(status_id)["DisplayOrder"])
        self.connect.update_agent_status(InstanceId=self.instance_id, AgentStatusId=status_id, ResetOrderNumber=True, Description="")
        status = self.describe(status_id)
        self.assertNotIn("DisplayOrder", status)
        self.assertNotIn("Description", status)
        self.assertEqual(new_name, status["Name"])
        self.assertError("InvalidParameterException", self.connect.update_agent_status, InstanceId=self.instance_id,
                         AgentStatusId=status_id, DisplayOrder=2, ResetOrderNumber=True)
        self.assertError("ResourceNotFoundException", self.connect.update_agent_status, InstanceId=self.instance_id,
                         AgentStatusId="missing", Name="x")

    def test_search_by_fields_and_tag_attribute_filter(self):
        prefix = unique("away")
        self.create(f"{prefix}-1", state="DISABLED", Tags={"kind": "away"})
        self.create(f"{prefix}-2", Tags={"kind": "busy"})
        by_name = self.connect.search_agent_statuses(InstanceId=self.instance_id, SearchCriteria={
            "StringCondition": {"FieldName": "name", "Value": prefix, "ComparisonType": "STARTS_WITH"}})
        self.assertEqual(2, by_name["ApproximateTotalCount"])
        both = {"StringCondition": {"FieldName": "name", "Value": prefix, "ComparisonType": "STARTS_WITH"}}
        disabled = self.connect.search_agent_statuses(InstanceId=self.instance_id, SearchCriteria={"AndConditions": [
            both, {"StringCondition": {"FieldName": "state", "Value": "DISABLED", "ComparisonType": "EXACT"}}]})
        self.assertEqual([f"{prefix}-1"], [s["Name"] for s in disabled["AgentStatuses"]])
        tagged = self.connect.search_agent_statuses(InstanceId=self.instance_id, SearchCriteria=both, SearchFilter={
            "AttributeFilter": {"OrConditions": [{"TagConditions": [{"TagKey": "kind", "TagValue": "busy"}]}]}})
        self.assertEqual([f"{prefix}-2"], [s["Name"] for s in tagged["AgentStatuses"]])
        self.assertEqual({"kind": "busy"}, tagged["AgentStatuses"][0]["Tags"])
        routable = self.connect.search_agent_statuses(InstanceId=self.instance_id, SearchCriteria={
            "StringCondition": {"FieldName": "type", "Value": "ROUTABLE", "ComparisonType": "EXACT"}})
        self.assertEqual(["Available"], [s["Name"] for s in routable["AgentStatuses"]])
        self.assertError("InvalidParameterException", self.connect.search_agent_statuses, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})

    def test_the_aws_cli_creates_and_updates_a_status(self):
        name = unique("cli-status")
        created = json.loads(cli("create-agent-status", "--instance-id", self.instance_id, "--name", name, "--state", "ENABLED",
                                 "--display-order", "5").stdout)
        cli("update-agent-status", "--instance-id", self.instance_id, "--agent-status-id", created["AgentStatusId"], "--state", "DISABLED")
        described = json.loads(cli("describe-agent-status", "--instance-id", self.instance_id, "--agent-status-id", created["AgentStatusId"]).stdout)
        self.assertEqual(("DISABLED", 5), (described["AgentStatus"]["State"], described["AgentStatus"]["DisplayOrder"]))
