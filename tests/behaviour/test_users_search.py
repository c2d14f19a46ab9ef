"""Searches of queues, hours of operation and users; user config; predefined attributes and user proficiencies —
through boto3 and the aws CLI."""
import json

from support import ConnectTestCase, cli, unique


def text(field, value, comparison="EXACT"):
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}}


def search_all(call, key, **kwargs):
    """Every page of a search, following NextToken; fails if a token repeats."""
    items, seen, token = [], set(), None
    while True:
        page = call(**kwargs, **({"NextToken": token} if token else {}))
        items += page[key]
        token = page.get("NextToken")
        if not token:
            return items, page["ApproximateTotalCount"]
        assert token not in seen, "NextToken loops"
        seen.add(token)


class QueueAndHoursSearchTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hours = cls.connect.list_hours_of_operations(InstanceId=cls.instance_id)["HoursOfOperationSummaryList"]
        cls.basic_hours = next(h["Id"] for h in hours if h["Name"] == "Basic Hours")

    def queue(self, name, **kwargs):
        return self.connect.create_queue(InstanceId=self.instance_id, Name=name, HoursOfOperationId=self.basic_hours, **kwargs)

    def test_search_queues_by_name_and_tag_answers_the_queue_shape(self):
        prefix = unique("sq")
        tagged = self.queue(f"{prefix}-a", Description="front desk", Tags={"team": "a"},
                            OutboundCallerConfig={"OutboundCallerIdName": "Front"})
        self.queue(f"{prefix}-b")

        result = self.connect.search_queues(InstanceId=self.instance_id, SearchCriteria=text("name", prefix.upper(), "STARTS_WITH"),
                                            SearchFilter={"TagFilter": {"OrConditions": [[{"TagKey": "team", "TagValue": "a"}]]}})

        self.assertEqual(1, result["ApproximateTotalCount"])
        [queue] = result["Queues"]
        self.assertEqual((tagged["QueueId"], tagged["QueueArn"]), (queue["QueueId"], queue["QueueArn"]))
        self.assertEqual({"team": "a"}, queue["Tags"])
        self.assertEqual("Front", queue["OutboundCallerConfig"]["OutboundCallerIdName"])
        self.assertEqual("front desk", queue["Description"])
        self.assertEqual(self.basic_hours, queue["HoursOfOperationId"])
        self.assertIn("LastModifiedTime", queue)

    def test_search_queues_or_conditions_type_condition_and_paging(self):
        prefix = unique("page")
        for i in range(5):
            self.queue(f"{prefix}-{i}", Description="paged" if i % 2 else "other")
        criteria = {"QueueTypeCondition": "STANDARD", "AndConditions": [text("name", prefix, "STARTS_WITH")]}

        queues, total = search_all(self.connect.search_queues, "Queues", InstanceId=self.instance_id, SearchCriteria=criteria, MaxResults=2)
        self.assertEqual(5, total)
        self.assertEqual(sorted(f"{prefix}-{i}" for i in range(5)), sorted(q["Name"] for q in queues))

        either = self.connect.search_queues(InstanceId=self.instance_id, SearchCriteria={"AndConditions": [
            text("name", prefix, "STARTS_WITH"), {"OrConditions": [text("name", f"{prefix}-0"), text("description", "PAGED", "CONTAINS")]}]})
        self.assertEqual(sorted([f"{prefix}-0", f"{prefix}-1", f"{prefix}-3"]), sorted(q["Name"] for q in either["Queues"]))

    def test_search_queues_refuses_unknown_fields_comparisons_and_foreign_tokens(self):
        self.assertError("InvalidParameterException", self.connect.search_queues, InstanceId=self.instance_id,
                         SearchCriteria=text("timezone", "UTC"))
        self.assertError("InvalidParameterException", self.connect.search_queues, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "name", "ComparisonType": "EXACT"}})
        self.assertError("InvalidParameterException", self.connect.search_queues, InstanceId=self.instance_id,
                         SearchFilter={"TagFilter": {"TagCondition": {"TagValue": "x"}}})
        prefix = unique("tok")
        for i in range(3):
            self.queue(f"{prefix}-{i}")
        token = self.connect.search_queues(InstanceId=self.instance_id, SearchCriteria=text("name", prefix, "STARTS_WITH"), MaxResults=1)["NextToken"]
        self.assertError("InvalidRequestException", self.connect.search_queues, InstanceId=self.instance_id,
                         SearchCriteria=text("name", "other", "STARTS_WITH"), NextToken=token)
        self.assertError("ResourceNotFoundException", self.connect.search_queues, InstanceId="00000000-0000-4000-8000-000000000000")
        self.assertError("InvalidParameterException", self.connect.search_queues, InstanceId=self.instance_id, MaxResults=501)

    def test_search_hours_of_operations_by_timezone_with_parents_and_the_cli(self):
        prefix = unique("hrs")
        parent = self.connect.create_hours_of_operation(InstanceId=self.instance_id, Name=f"{prefix}-parent", TimeZone="Asia/Tokyo", Config=[])
        child = self.connect.create_hours_of_operation(InstanceId=self.instance_id, Name=f"{prefix}-child", TimeZone="Asia/Tokyo", Config=[
            {"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}],
            ParentHoursOfOperationConfigs=[{"HoursOfOperationId": parent["HoursOfOperationId"]}], Tags={"site": "tokyo"})

        result = self.connect.search_hours_of_operations(InstanceId=self.instance_id, SearchCriteria={"AndConditions": [
            text("timezone", "Asia/Tokyo"), text("name", "CHILD", "CONTAINS")]})

        [hours] = result["HoursOfOperations"]
        self.assertEqual(child["HoursOfOperationId"], hours["HoursOfOperationId"])
        self.assertEqual([parent["HoursOfOperationId"]], [p["Id"] for p in hours["ParentHoursOfOperations"]])
        self.assertEqual({"site": "tokyo"}, hours["Tags"])
        self.assertEqual("MONDAY", hours["Config"][0]["Day"])
        by_id = self.connect.search_hours_of_operations(InstanceId=self.instance_id, SearchCriteria=text("resourceID", parent["HoursOfOperationId"]))
        self.assertEqual([f"{prefix}-parent"], [h["Name"] for h in by_id["HoursOfOperations"]])

        out = json.loads(cli("search-hours-of-operations", "--instance-id", self.instance_id,
                             "--search-filter", json.dumps({"TagFilter": {"TagCondition": {"TagKey": "site", "TagValue": "tokyo"}}})).stdout)
        self.assertEqual([child["HoursOfOperationId"]], [h["HoursOfOperationId"] for h in out["HoursOfOperations"]])
        self.assertError("InvalidParameterException", self.connect.search_hours_of_operations, InstanceId=self.instance_id, MaxResults=101)

        hours_all, total = search_all(self.connect.search_hours_of_operations, "HoursOfOperations", InstanceId=self.instance_id, MaxResults=1)
        self.assertEqual(total, len(hours_all))
        self.assertEqual(len(hours_all), len({h["HoursOfOperationId"] for h in hours_all}))


class UserSearchTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c, iid = cls.connect, cls.instance_id
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "Org"}, "LevelTwo": {"Name": "Team"}})
        cls.routing = c.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
        cls.security = c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]
        cls.org = c.create_user_hierarchy_group(InstanceId=iid, Name=unique("org"))
        cls.team = c.create_user_hierarchy_group(InstanceId=iid, Name=unique("team"), ParentGroupId=cls.org["HierarchyGroupId"])

    def user(self, username=None, group=None, tags=None, first="Ada", acw=0):
        args = dict(InstanceId=self.instance_id, Username=username or unique("u"), Password="Passw0rd!Passw0rd",
                    IdentityInfo={"FirstName": first, "LastName": "Tester"}, PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": acw},
                    SecurityProfileIds=[self.security], RoutingProfileId=self.routing)
        if group:
            args["HierarchyGroupId"] = group
        if tags:
            args["Tags"] = tags
        return self.connect.create_user(**args)["UserId"]

    def ids(self, **kwargs):
        users, _ = search_all(self.connect.search_users, "Users", InstanceId=self.instance_id, **kwargs)
        return sorted(u["Id"] for u in users)

    def test_hierarchy_group_conditions_exact_and_with_child_groups(self):
        boss = self.user(group=self.org["HierarchyGroupId"])
        agent = self.user(group=self.team["HierarchyGroupId"])
        org = self.org["HierarchyGroupId"]

        self.assertEqual([boss], self.ids(SearchCriteria={"HierarchyGroupCondition": {"Value": org, "HierarchyGroupMatchType": "EXACT"}}))
        self.assertEqual(sorted([boss, agent]), self.ids(SearchCriteria={"HierarchyGroupCondition": {
            "Value": self.org["HierarchyGroupArn"], "HierarchyGroupMatchType": "WITH_CHILD_GROUPS"}}))
        self.assertEqual([agent], self.ids(SearchFilter={"UserAttributeFilter": {"OrConditions": [
            {"HierarchyGroupCondition": {"Value": self.team["HierarchyGroupId"], "HierarchyGroupMatchType": "EXACT"}}]}}))
        self.assertEqual([], self.ids(SearchCriteria={"HierarchyGroupCondition": {
            "Value": "00000000-0000-4000-8000-000000000000", "HierarchyGroupMatchType": "EXACT"}}))
        self.assertError("InvalidParameterException", self.connect.search_users, InstanceId=self.instance_id,
                         SearchCriteria={"HierarchyGroupCondition": {"Value": org}})

    def test_string_conditions_tag_filters_and_the_summary(self):
        name = unique("grace")
        grace = self.user(username=name, first="Grace", tags={"shift": "night"}, acw=45)
        self.user(first="Grace")

        result = self.connect.search_users(InstanceId=self.instance_id, SearchCriteria={"AndConditions": [
            text("FirstName", "Grace"), text("Username", name[:8].upper(), "STARTS_WITH")]})
        self.assertEqual([grace], [u["Id"] for u in result["Users"]])
        [summary] = result["Users"]
        self.assertEqual(name, summary["Username"])
        self.assertEqual({"FirstName": "Grace", "LastName": "Tester"}, summary["IdentityInfo"])
        self.assertEqual(45000, summary["PhoneConfig"]["AfterContactWorkTimeLimit"])  # documented: milliseconds
        self.assertEqual([self.security], summary["SecurityProfileIds"])
        self.assertEqual(self.routing, summary["RoutingProfileId"])
        self.assertEqual({"shift": "night"}, summary["Tags"])
        self.assertRegex(summary["Arn"], r"/agent/" + grace + "$")

        self.assertEqual([grace], self.ids(SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "shift", "TagValue": "night"}}}))
        self.assertEqual([grace], self.ids(SearchFilter={"UserAttributeFilter": {"AndCondition": {
            "TagConditions": [{"TagKey": "shift", "TagValue": "night"}]}}}))
        self.assertEqual([grace], self.ids(SearchCriteria=text("resourceId", grace)))

    def test_filters_that_aws_refuses(self):
        tag = {"TagKey": "k", "TagValue": "v"}
        self.assertError("AccessDeniedException", self.connect.search_users, InstanceId=self.instance_id,
                         SearchFilter={"TagFilter": {"TagCondition": tag}, "UserAttributeFilter": {"TagCondition": tag}})
        self.assertError("InvalidParameterException", self.connect.search_users, InstanceId=self.instance_id,
                         SearchFilter={"UserAttributeFilter": {"TagCondition": tag, "AndCondition": {"TagConditions": [tag]}}})
        self.assertError("InvalidParameterException", self.connect.search_users, InstanceId=self.instance_id,
                         SearchFilter={"UserAttributeFilter": {"OrConditions": [{"HierarchyGroupCondition": {
                             "Value": "g", "HierarchyGroupMatchType": "EXACT"}}] * 21}})
        self.assertError("InvalidParameterException", self.connect.search_users, InstanceId=self.instance_id, SearchCriteria=text("Email", "x"))
        self.assertError("InvalidParameterException", self.connect.search_users, InstanceId=self.instance_id,
                         SearchCriteria={"ListCondition": {"TargetListType": "PROFICIENCIES", "Conditions": [{}]}})
        self.assertError("ResourceNotFoundException", self.connect.search_users, InstanceId="00000000-0000-4000-8000-000000000000")

    def test_paging_visits_every_user_once_and_the_cli_searches(self):
        first = unique("pg")
        made = sorted(self.user(first=first) for _ in range(5))

        users, total = search_all(self.connect.search_users, "Users", InstanceId=self.instance_id, MaxResults=2, SearchCriteria=text("FirstName", first))
        self.assertEqual(5, total)
        self.assertEqual(made, sorted(u["Id"] for u in users))
        out = json.loads(cli("search-users", "--instance-id", self.instance_id, "--search-criteria",
                             json.dumps(text("FirstName", first))).stdout)
        self.assertEqual(made, sorted(u["Id"] for u in out["Users"]))


class UserConfigTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c, iid = cls.connect, cls.instance_id
        cls.routing = c.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
        cls.security = c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]

    def user(self):
        return self.connect.create_user(InstanceId=self.instance_id, Username=unique("cfg"), Password="Passw0rd!Passw0rd",
                                        IdentityInfo={"FirstName": "Cfg", "LastName": "User"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                                        SecurityProfileIds=[self.security], RoutingProfileId=self.routing)["UserId"]

    def describe(self, user_id):
        return self.connect.describe_user(InstanceId=self.instance_id, UserId=user_id)["User"]

    def test_update_user_config_per_channel_and_describe_user_shows_it(self):
        uid = self.user()
        before = self.describe(uid)
        self.assertEqual([{"Channel": "VOICE", "AutoAccept": False}], before["AutoAcceptConfigs"])
        self.assertEqual([{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}], before["PhoneNumberConfigs"])

        self.connect.update_user_config(InstanceId=self.instance_id, UserId=uid,
                                        AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}, {"Channel": "VOICE", "AutoAccept": True}],
                                        AfterContactWorkConfigs=[{"Channel": "TASK", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 120}},
                                                                 {"Channel": "VOICE", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 30},
                                                                  "AgentFirstCallbackAfterContactWorkConfig": {"AfterContactWorkTimeLimit": 15}}],
                                        PhoneNumberConfigs=[{"Channel": "VOICE", "PhoneType": "DESK_PHONE", "PhoneNumber": "+12065550111"}],
                                        PersistentConnectionConfigs=[{"Channel": "VOICE", "PersistentConnection": True}],
                                        VoiceEnhancementConfigs=[{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}])

        user = self.describe(uid)
        self.assertEqual({"PhoneType": "DESK_PHONE", "AutoAccept": True, "AfterContactWorkTimeLimit": 30,
                          "DeskPhoneNumber": "+12065550111", "PersistentConnection": True}, user["PhoneConfig"])
        self.assertEqual({"CHAT": True, "VOICE": True}, {c["Channel"]: c["AutoAccept"] for c in user["AutoAcceptConfigs"]})
        acw = {c["Channel"]: c for c in user["AfterContactWorkConfigs"]}
        self.assertEqual(120, acw["TASK"]["AfterContactWorkConfig"]["AfterContactWorkTimeLimit"])
        self.assertEqual(15, acw["VOICE"]["AgentFirstCallbackAfterContactWorkConfig"]["AfterContactWorkTimeLimit"])
        self.assertEqual([{"Channel": "VOICE", "PersistentConnection": True}], user["PersistentConnectionConfigs"])
        self.assertEqual([{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}], user["VoiceEnhancementConfigs"])

        # a later update of one channel keeps the others; the legacy phone config shows in the VOICE entries
        self.connect.update_user_config(InstanceId=self.instance_id, UserId=uid, AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": False}])
        self.connect.update_user_phone_config(InstanceId=self.instance_id, UserId=uid, PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": False})
        user = self.describe(uid)
        self.assertEqual({"CHAT": False, "VOICE": False}, {c["Channel"]: c["AutoAccept"] for c in user["AutoAcceptConfigs"]})
        self.assertEqual([{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}], user["PhoneNumberConfigs"])
        found = self.connect.search_users(InstanceId=self.instance_id, SearchCriteria=text("resourceId", uid))["Users"][0]
        self.assertEqual(user["AutoAcceptConfigs"], found["AutoAcceptConfigs"])

    def test_update_user_config_refuses_what_the_model_documents(self):
        uid = self.user()
        call = self.connect.update_user_config
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         PhoneNumberConfigs=[{"Channel": "CHAT", "PhoneType": "SOFT_PHONE"}])
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         PersistentConnectionConfigs=[{"Channel": "TASK", "PersistentConnection": True}])
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         VoiceEnhancementConfigs=[{"Channel": "EMAIL", "VoiceEnhancementMode": "NONE"}])
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         PhoneNumberConfigs=[{"Channel": "VOICE", "PhoneType": "DESK_PHONE"}])
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         AfterContactWorkConfigs=[{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 2000001}}])
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True, "AgentFirstCallbackAutoAccept": True}])
        self.assertError("InvalidParameterException", call, InstanceId=self.instance_id, UserId=uid,
                         AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}, {"Channel": "CHAT", "AutoAccept": False}])
        self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id, UserId="00000000-0000-4000-8000-000000000000",
                         AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}])
        self.assertEqual(["VOICE"], [c["Channel"] for c in self.describe(uid)["AutoAcceptConfigs"]])
        out = json.loads(cli("describe-user", "--instance-id", self.instance_id, "--user-id", uid).stdout)
        self.assertEqual("SOFT_PHONE", out["User"]["PhoneNumberConfigs"][0]["PhoneType"])


class PredefinedAttributeAndProficiencyTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c, iid = cls.connect, cls.instance_id
        cls.routing = c.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
        cls.security = c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]

    def user(self):
        return self.connect.create_user(InstanceId=self.instance_id, Username=unique("pro"), Password="Passw0rd!Passw0rd",
                                        IdentityInfo={"FirstName": "Pro", "LastName": "User"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                                        SecurityProfileIds=[self.security], RoutingProfileId=self.routing)["UserId"]

    def attribute(self, *values, name=None, **kwargs):
        name = name or unique("Skill")
        self.connect.create_predefined_attribute(InstanceId=self.instance_id, Name=name, Values={"StringList": list(values)}, **kwargs)
        return name

    def test_predefined_attribute_lifecycle_list_search_and_paging(self):
        name = self.attribute("English", "French", Purposes=["routing"], AttributeConfiguration={"EnableValueValidationOnAssociation": True})
        described = self.connect.describe_predefined_attribute(InstanceId=self.instance_id, Name=name)["PredefinedAttribute"]
        self.assertEqual(name, described["Name"])
        self.assertEqual({"StringList": ["English", "French"]}, described["Values"])
        self.assertEqual(["routing"], described["Purposes"])
        self.assertTrue(described["AttributeConfiguration"]["EnableValueValidationOnAssociation"])
        self.assertEqual("us-east-1", described["LastModifiedRegion"])

        self.connect.update_predefined_attribute(InstanceId=self.instance_id, Name=name, Values={"StringList": ["English", "German"]})
        self.assertEqual(["English", "German"], self.connect.describe_predefined_attribute(
            InstanceId=self.instance_id, Name=name)["PredefinedAttribute"]["Values"]["StringList"])
        self.assertEqual(["routing"], self.connect.describe_predefined_attribute(InstanceId=self.instance_id, Name=name)["PredefinedAttribute"]["Purposes"])

        prefix = unique("Paged")
        made = sorted(self.attribute("v", name=f"{prefix}{i}") for i in range(3))
        listed, seen, token = [], set(), None
        while True:
            page = self.connect.list_predefined_attributes(InstanceId=self.instance_id, MaxResults=2, **({"NextToken": token} if token else {}))
            listed += [a["Name"] for a in page["PredefinedAttributeSummaryList"]]
            token = page.get("NextToken")
            if not token:
                break
            self.assertNotIn(token, seen)
            seen.add(token)
        self.assertTrue(set(made) <= set(listed))
        found, total = search_all(self.connect.search_predefined_attributes, "PredefinedAttributes", InstanceId=self.instance_id,
                                  SearchCriteria=text("name", prefix, "STARTS_WITH"), MaxResults=1)
        self.assertEqual((made, 3), (sorted(a["Name"] for a in found), total))

        self.connect.delete_predefined_attribute(InstanceId=self.instance_id, Name=name)
        self.assertError("ResourceNotFoundException", self.connect.describe_predefined_attribute, InstanceId=self.instance_id, Name=name)
        self.assertError("ResourceNotFoundException", self.connect.delete_predefined_attribute, InstanceId=self.instance_id, Name=name)
        self.assertError("ResourceNotFoundException", self.connect.update_predefined_attribute, InstanceId=self.instance_id, Name=name,
                         Values={"StringList": ["x"]})

    def test_attribute_names_and_values_follow_the_documented_rules(self):
        name = self.attribute("a")
        self.assertError("DuplicateResourceException", self.attribute, "b", name=name)
        for bad in ("aws:thing", "connect:thing", "semi;colon"):
            self.assertError("InvalidParameterException", self.attribute, "v", name=bad)
        self.assertError("InvalidParameterException", self.attribute, "connect:v")
        self.assertError("InvalidParameterException", self.attribute, "same", "same")
        self.assertError("InvalidParameterException", self.attribute, "x" * 101)
        self.assertError("InvalidParameterException", self.connect.create_predefined_attribute, InstanceId=self.instance_id, Name="x" * 101)

    def test_proficiencies_name_an_attribute_value_at_levels_one_to_five(self):
        name = self.attribute("English", "French")
        uid = self.user()
        self.connect.associate_user_proficiencies(InstanceId=self.instance_id, UserId=uid, UserProficiencies=[
            {"AttributeName": name, "AttributeValue": "English", "Level": 2}, {"AttributeName": name, "AttributeValue": "French", "Level": 4}])
        listed = self.connect.list_user_proficiencies(InstanceId=self.instance_id, UserId=uid)
        self.assertEqual({("English", 2.0), ("French", 4.0)}, {(p["AttributeValue"], p["Level"]) for p in listed["UserProficiencyList"]})
        self.assertIn("LastModifiedTime", listed)

        self.connect.update_user_proficiencies(InstanceId=self.instance_id, UserId=uid, UserProficiencies=[
            {"AttributeName": name, "AttributeValue": "English", "Level": 5}])
        page = self.connect.list_user_proficiencies(InstanceId=self.instance_id, UserId=uid, MaxResults=1)
        self.assertEqual(1, len(page["UserProficiencyList"]))
        rest = self.connect.list_user_proficiencies(InstanceId=self.instance_id, UserId=uid, MaxResults=1, NextToken=page["NextToken"])
        self.assertNotIn("NextToken", rest)
        self.assertEqual({("English", 5.0), ("French", 4.0)},
                         {(p["AttributeValue"], p["Level"]) for p in page["UserProficiencyList"] + rest["UserProficiencyList"]})

        experts = self.connect.search_users(InstanceId=self.instance_id, SearchCriteria={"ListCondition": {"TargetListType": "PROFICIENCIES", "Conditions": [
            {"StringCondition": {"FieldName": "name", "Value": name, "ComparisonType": "EXACT"}},
            {"NumberCondition": {"FieldName": "limit", "MinValue": 5, "MaxValue": 5, "ComparisonType": "RANGE"}}]}})
        self.assertEqual([uid], [u["Id"] for u in experts["Users"]])

        def associate(value, level, attribute=name):
            return self.connect.associate_user_proficiencies(InstanceId=self.instance_id, UserId=uid, UserProficiencies=[
                {"AttributeName": attribute, "AttributeValue": value, "Level": level}])
        self.assertError("InvalidParameterException", associate, "German", 3)
        self.assertError("InvalidParameterException", associate, "English", 3.5)
        self.assertError("InvalidParameterException", associate, "English", 6)
        self.assertError("ResourceNotFoundException", associate, "x", 1, attribute=unique("none"))
        self.assertError("InvalidRequestException", self.connect.update_user_proficiencies, InstanceId=self.instance_id, UserId=uid,
                         UserProficiencies=[{"AttributeName": name, "AttributeValue": "Spanish", "Level": 1}])
        self.assertError("InvalidRequestException", self.connect.update_predefined_attribute, InstanceId=self.instance_id, Name=name,
                         Values={"StringList": ["English"]})
        self.assertError("ResourceInUseException", self.connect.delete_predefined_attribute, InstanceId=self.instance_id, Name=name)

        self.connect.disassociate_user_proficiencies(InstanceId=self.instance_id, UserId=uid, UserProficiencies=[
            {"AttributeName": name, "AttributeValue": "English"}, {"AttributeName": name, "AttributeValue": "French"}])
        self.assertEqual([], self.connect.list_user_proficiencies(InstanceId=self.instance_id, UserId=uid)["UserProficiencyList"])
        self.connect.delete_predefined_attribute(InstanceId=self.instance_id, Name=name)
        out = json.loads(cli("list-user-proficiencies", "--instance-id", self.instance_id, "--user-id", uid).stdout)
        self.assertEqual([], out["UserProficiencyList"])
