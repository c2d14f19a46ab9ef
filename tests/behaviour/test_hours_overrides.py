"""Hours-of-operation overrides, parent/child hours and effective hours through boto3 and the aws CLI (issue 15)."""
import json

from support import ConnectTestCase, cli, unique

WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]


def slot(day, start, end):
    return {"Day": day, "StartTime": {"Hours": start[0], "Minutes": start[1]}, "EndTime": {"Hours": end[0], "Minutes": end[1]}}


def hhmm(t):
    return f"{t['Hours']:02}:{t['Minutes']:02}"


class HoursOverrideTests(ConnectTestCase):
    def new_hours(self, tz="Europe/Paris"):
        out = self.connect.create_hours_of_operation(
            InstanceId=self.instance_id, Name=unique("hours"), TimeZone=tz,
            Config=[{"Day": d, "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}} for d in WEEKDAYS])
        return out["HoursOfOperationId"], out["HoursOfOperationArn"]

    def override(self, hours_id, name=None, frm="2026-03-02", till="2026-03-02", config=None, **kwargs):
        return self.connect.create_hours_of_operation_override(
            InstanceId=self.instance_id, HoursOfOperationId=hours_id, Name=name or unique("o"), EffectiveFrom=frm, EffectiveTill=till,
            Config=config if config is not None else [slot("MONDAY", (12, 0), (13, 0))], **kwargs)["HoursOfOperationOverrideId"]

    def effective(self, hours_id, frm, to):
        return self.connect.get_effective_hours_of_operations(InstanceId=self.instance_id, HoursOfOperationId=hours_id, FromDate=frm, ToDate=to)

    def open_hours(self, hours_id, frm, to):
        days = self.effective(hours_id, frm, to)["EffectiveHoursOfOperationList"]
        return {d["Date"]: [f"{hhmm(h['Start'])}-{hhmm(h['End'])}" for h in d.get("OperationalHours", [])] for d in days}

    def test_create_describe_list_update_delete(self):
        hours_id, hours_arn = self.new_hours()
        recurrence = {"RecurrencePattern": {"Frequency": "YEARLY", "Interval": 1, "ByMonth": [12], "ByMonthDay": [25]}}
        override_id = self.override(hours_arn, name="christmas", frm="2026-01-01", till="2030-12-31", OverrideType="CLOSED",
                                    Description="closed", RecurrenceConfig=recurrence, config=[slot("FRIDAY", (0, 0), (0, 0))])
        described = self.connect.describe_hours_of_operation_override(
            InstanceId=self.instance_id, HoursOfOperationId=hours_id, HoursOfOperationOverrideId=override_id)["HoursOfOperationOverride"]
        self.assertEqual({
            "HoursOfOperationOverrideId": override_id, "HoursOfOperationId": hours_id, "HoursOfOperationArn": hours_arn,
            "Name": "christmas", "Description": "closed", "Config": [slot("FRIDAY", (0, 0), (0, 0))],
            "EffectiveFrom": "2026-01-01", "EffectiveTill": "2030-12-31", "RecurrenceConfig": recurrence, "OverrideType": "CLOSED",
        }, described)
        self.connect.update_hours_of_operation_override(InstanceId=self.instance_id, HoursOfOperationId=hours_id,
                                                        HoursOfOperationOverrideId=override_id, Name="xmas")
        listed = self.connect.list_hours_of_operation_overrides(InstanceId=self.instance_id, HoursOfOperationId=hours_id)
        self.assertEqual(["xmas"], [o["Name"] for o in listed["HoursOfOperationOverrideList"]])
        self.assertEqual(recurrence, listed["HoursOfOperationOverrideList"][0]["RecurrenceConfig"])
        self.assertEqual("us-east-1", listed["LastModifiedRegion"])
        self.connect.delete_hours_of_operation_override(InstanceId=self.instance_id, HoursOfOperationId=hours_id, HoursOfOperationOverrideId=override_id)
        self.assertError("ResourceNotFoundException", self.connect.describe_hours_of_operation_override, InstanceId=self.instance_id,
                         HoursOfOperationId=hours_id, HoursOfOperationOverrideId=override_id, status=404)

    def test_names_are_unique_per_hours_and_dates_are_checked(self):
        hours_id, _ = self.new_hours()
        self.override(hours_id, name="once")
        self.assertError("DuplicateResourceException", self.override, hours_id, name="once", status=409)
        self.assertError("InvalidParameterException", self.override, hours_id, frm="2026-03-05", till="2026-03-04")
        self.assertError("InvalidParameterException", self.override, hours_id, frm="2026-13-01", till="2026-13-02")
        self.assertError("InvalidParameterException", self.override, hours_id, frm="03/02/2026", till="2026-03-02")
        self.assertError("InvalidParameterException", self.override, hours_id, config=[slot("MONDAY", (14, 0), (13, 0))])

    def test_effective_hours_apply_the_overrides(self):
        hours_id, _ = self.new_hours()
        self.override(hours_id, frm="2026-03-02", till="2026-03-02", OverrideType="CLOSED", config=[slot("MONDAY", (12, 0), (13, 0))])
        self.override(hours_id, frm="2026-03-03", till="2026-03-03", OverrideType="OPEN", config=[slot("TUESDAY", (17, 0), (19, 30))])
        self.override(hours_id, frm="2026-03-04", till="2026-03-04", OverrideType="STANDARD", config=[slot("WEDNESDAY", (10, 0), (11, 0))])
        result = self.effective(hours_id, "2026-03-01", "2026-03-05")
        self.assertEqual("Europe/Paris", result["TimeZone"])
        self.assertEqual({"2026-03-01": [], "2026-03-02": ["09:00-12:00", "13:00-17:00"], "2026-03-03": ["09:00-19:30"],
                          "2026-03-04": ["10:00-11:00"], "2026-03-05": ["09:00-17:00"]}, self.open_hours(hours_id, "2026-03-01", "2026-03-05"))
        applied = {d["Date"]: d["OverrideHours"] for d in result["EffectiveOverrideHoursList"]}
        self.assertEqual(["2026-03-02", "2026-03-03", "2026-03-04"], sorted(applied))
        self.assertEqual("CLOSED", applied["2026-03-02"][0]["OperationalStatus"])
        self.assertEqual("OPEN", applied["2026-03-03"][0]["OperationalStatus"])
        self.assertError("InvalidParameterException", self.effective, hours_id, "2026-03-05", "2026-03-01")
        self.assertError("InvalidParameterException", self.effective, hours_id, "2026-01-01", "2027-06-01")

    def test_a_child_inherits_its_parents_overrides(self):
        parent_id, parent_arn = self.new_hours()
        child_id, _ = self.new_hours()
        self.override(parent_id, name="shared holiday", OverrideType="CLOSED", config=[slot("MONDAY", (0, 0), (0, 0))])
        self.connect.associate_hours_of_operations(InstanceId=self.instance_id, HoursOfOperationId=child_id,
                                                   ParentHoursOfOperationConfigs=[{"HoursOfOperationId": parent_arn}])
        self.assertEqual({"2026-03-02": []}, self.open_hours(child_id, "2026-03-02", "2026-03-02"))
        children = self.connect.list_child_hours_of_operations(InstanceId=self.instance_id, HoursOfOperationId=parent_id)
        self.assertEqual([child_id], [c["Id"] for c in children["ChildHoursOfOperationsSummaryList"]])
        self.assertEqual(parent_id, self.connect.describe_hours_of_operation(
            InstanceId=self.instance_id, HoursOfOperationId=child_id)["HoursOfOperation"]["ParentHoursOfOperations"][0]["Id"])
        self.assertError("InvalidRequestException", self.connect.associate_hours_of_operations, InstanceId=self.instance_id,
                         HoursOfOperationId=parent_id, ParentHoursOfOperationConfigs=[{"HoursOfOperationId": child_id}])
        self.assertError("ResourceInUseException", self.connect.delete_hours_of_operation, InstanceId=self.instance_id, HoursOfOperationId=parent_id)
        self.connect.disassociate_hours_of_operations(InstanceId=self.instance_id, HoursOfOperationId=child_id, ParentHoursOfOperationIds=[parent_id])
        self.assertEqual({"2026-03-02": ["09:00-17:00"]}, self.open_hours(child_id, "2026-03-02", "2026-03-02"))
        self.assertEqual([], self.connect.list_child_hours_of_operations(
            InstanceId=self.instance_id, HoursOfOperationId=parent_id)["ChildHoursOfOperationsSummaryList"])

    def test_deleting_hours_deletes_their_overrides(self):
        hours_id, _ = self.new_hours()
        self.override(hours_id)
        self.connect.delete_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id)
        self.assertError("ResourceNotFoundException", self.connect.list_hours_of_operation_overrides, InstanceId=self.instance_id, HoursOfOperationId=hours_id)

    def test_search_overrides_of_every_hours_by_name_hours_and_dates(self):
        first_id, first_arn = self.new_hours()
        second_id, _ = self.new_hours()
        prefix = unique("srch")
        spring = self.override(first_id, name=prefix + "-spring", frm="2031-03-01", till="2031-03-31")
        summer = self.override(second_id, name=prefix + "-summer", frm="2031-07-01", till="2031-08-31")
        self.connect.tag_resource(resourceArn=first_arn, tags={"site": prefix})
        named = {"StringCondition": {"FieldName": "name", "Value": prefix, "ComparisonType": "STARTS_WITH"}}
        found = self.connect.search_hours_of_operation_overrides(InstanceId=self.instance_id, SearchCriteria=named)
        self.assertEqual(sorted([spring, summer]), sorted(o["HoursOfOperationOverrideId"] for o in found["HoursOfOperationOverrides"]))
        self.assertEqual(2, found["ApproximateTotalCount"])
        shown = next(o for o in found["HoursOfOperationOverrides"] if o["HoursOfOperationOverrideId"] == spring)
        self.assertEqual((first_id, first_arn, "2031-03-01", "2031-03-31"),
                         (shown["HoursOfOperationId"], shown["HoursOfOperationArn"], shown["EffectiveFrom"], shown["EffectiveTill"]))
        from_june = {"AndConditions": [named, {"DateCondition": {"FieldName": "effectiveFrom", "Value": "2031-06-01", "ComparisonType": "GREATER_THAN"}}]}
        self.assertEqual([summer], [o["HoursOfOperationOverrideId"] for o in self.connect.search_hours_of_operation_overrides(
            InstanceId=self.instance_id, SearchCriteria=from_june)["HoursOfOperationOverrides"]])
        tagged = self.connect.search_hours_of_operation_overrides(
            InstanceId=self.instance_id, SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "site", "TagValue": prefix}}})
        self.assertEqual([spring], [o["HoursOfOperationOverrideId"] for o in tagged["HoursOfOperationOverrides"]])
        page = self.connect.search_hours_of_operation_overrides(InstanceId=self.instance_id, SearchCriteria=named, MaxResults=1)
        rest = self.connect.search_hours_of_operation_overrides(InstanceId=self.instance_id, SearchCriteria=named, MaxResults=1, NextToken=page["NextToken"])
        self.assertNotEqual(page["HoursOfOperationOverrides"][0]["HoursOfOperationOverrideId"], rest["HoursOfOperationOverrides"][0]["HoursOfOperationOverrideId"])
        self.assertError("InvalidParameterException", self.connect.search_hours_of_operation_overrides, InstanceId=self.instance_id,
                         SearchCriteria={"DateCondition": {"FieldName": "name", "Value": "2031-01-01", "ComparisonType": "EQUAL_TO"}})
        self.assertError("InvalidParameterException", self.connect.search_hours_of_operation_overrides, InstanceId=self.instance_id,
                         SearchCriteria={"DateCondition": {"FieldName": "effectiveFrom", "Value": "31-01-2031", "ComparisonType": "EQUAL_TO"}})
        out = json.loads(cli("search-hours-of-operation-overrides", "--instance-id", self.instance_id, "--search-criteria", json.dumps(named)).stdout)
        self.assertEqual(2, len(out["HoursOfOperationOverrides"]))

    def test_the_cli_creates_and_reads_overrides(self):
        hours_id, _ = self.new_hours()
        created = json.loads(cli("create-hours-of-operation-override", "--instance-id", self.instance_id, "--hours-of-operation-id", hours_id,
                                 "--name", "cli", "--effective-from", "2026-03-02", "--effective-till", "2026-03-02", "--override-type", "CLOSED",
                                 "--config", json.dumps([slot("MONDAY", (9, 0), (10, 0))])).stdout)
        override_id = created["HoursOfOperationOverrideId"]
        effective = json.loads(cli("get-effective-hours-of-operations", "--instance-id", self.instance_id, "--hours-of-operation-id", hours_id,
                                   "--from-date", "2026-03-02", "--to-date", "2026-03-02").stdout)
        self.assertEqual([{"Start": {"Hours": 10, "Minutes": 0}, "End": {"Hours": 17, "Minutes": 0}}],
                         effective["EffectiveHoursOfOperationList"][0]["OperationalHours"])
        cli("delete-hours-of-operation-override", "--instance-id", self.instance_id, "--hours-of-operation-id", hours_id,
            "--hours-of-operation-override-id", override_id)
        listed = json.loads(cli("list-hours-of-operation-overrides", "--instance-id", self.instance_id, "--hours-of-operation-id", hours_id).stdout)
        self.assertEqual([], listed["HoursOfOperationOverrideList"])
