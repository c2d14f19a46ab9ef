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
