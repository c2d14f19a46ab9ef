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
