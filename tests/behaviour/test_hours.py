"""Hours of operation through boto3 and the aws CLI."""
import json
import time
import unittest

import boto3
from botocore.config import Config

from support import ENDPOINT, NO_RETRIES, ConnectTestCase, client, cli, create_instance, unique

NINE_TO_FIVE = [{"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 30}}]


def unvalidated_client():
    """A client that sends what it is given: boto3 itself refuses values below a model minimum."""
    return boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                        aws_secret_access_key="secret", config=NO_RETRIES.merge(Config(parameter_validation=False)))


def slot(day, sh, sm, eh, em):
    return {"Day": day, "StartTime": {"Hours": sh, "Minutes": sm}, "EndTime": {"Hours": eh, "Minutes": em}}


class HoursOfOperationTests(ConnectTestCase):
    def create(self, name=None, time_zone="UTC", config=None, **kwargs):
        out = self.connect.create_hours_of_operation(
            InstanceId=self.instance_id, Name=name or unique("hours"), TimeZone=time_zone,
            Config=NINE_TO_FIVE if config is None else config, **kwargs)
        return out["HoursOfOperationId"]

    def describe(self, hours_id):
        return self.connect.describe_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id)["HoursOfOperation"]

    def all_hours(self, instance_id=None):
        pages = self.connect.get_paginator("list_hours_of_operations").paginate(InstanceId=instance_id or self.instance_id)
        return [s for p in pages for s in p["HoursOfOperationSummaryList"]]

    def basic_hours(self):
        return next(h for h in self.all_hours() if h["Name"] == "Basic Hours")

    def test_create_then_describe_returns_every_member(self):
        name = unique("support")
        # an overnight slot (22:00 → 06:00) and a whole day (00:00 → 00:00) are accepted as sent
        config = [slot("MONDAY", 9, 0, 17, 30), slot("FRIDAY", 22, 0, 6, 0), slot("SUNDAY", 0, 0, 0, 0),
                  slot("MONDAY", 18, 15, 20, 45)]
        before = time.time()
        out = self.connect.create_hours_of_operation(
            InstanceId=self.instance_id, Name=name, Description="Support line", TimeZone="America/New_York",
            Config=config, Tags={"team": "support"})
        hours_id = out["HoursOfOperationId"]
        self.assertEqual(
            f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/operating-hours/{hours_id}",
            out["HoursOfOperationArn"])
        hours = self.describe(hours_id)
        self.assertEqual(hours_id, hours["HoursOfOperationId"])
        self.assertEqual(out["HoursOfOperationArn"], hours["HoursOfOperationArn"])
        self.assertEqual(name, hours["Name"])
        self.assertEqual("Support line", hours["Description"])
        self.assertEqual("America/New_York", hours["TimeZone"])
        self.assertEqual(config, hours["Config"])
        self.assertEqual({"team": "support"}, hours["Tags"])
        self.assertEqual("us-east-1", hours["LastModifiedRegion"])
        self.assertGreaterEqual(hours["LastModifiedTime"].timestamp(), before - 1)
        self.assertNotIn("ParentHoursOfOperations", hours)
        summary = next(h for h in self.all_hours() if h["Id"] == hours_id)
        self.assertEqual({"Id": hours_id, "Arn": out["HoursOfOperationArn"], "Name": name,
                          "LastModifiedTime": hours["LastModifiedTime"], "LastModifiedRegion": "us-east-1"}, summary)

    def test_ids_and_arns_both_name_the_hours_and_the_instance(self):
        hours_id = self.create()
        arn = self.describe(hours_id)["HoursOfOperationArn"]
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        got = self.connect.describe_hours_of_operation(InstanceId=instance_arn, HoursOfOperationId=arn)["HoursOfOperation"]
        self.assertEqual(hours_id, got["HoursOfOperationId"])

    def test_basic_hours_is_24_by_7(self):
        basic = self.describe(self.basic_hours()["Id"])
        self.assertEqual(7, len(basic["Config"]))
        self.assertTrue(all(s["StartTime"] == {"Hours": 0, "Minutes": 0} and s["EndTime"] == {"Hours": 0, "Minutes": 0}
                            for s in basic["Config"]))

    def test_empty_config_is_accepted(self):
        hours_id = self.create(config=[])
        self.assertEqual([], self.describe(hours_id).get("Config", []))

    def test_duplicate_name_is_refused_and_stores_nothing(self):
        name = unique("dup")
        self.create(name)
        count = len(self.all_hours())
        self.assertError("DuplicateResourceException", self.create, name, status=409)
        self.assertEqual(count, len(self.all_hours()))
        # names are exact: another case is another name
        self.create(name.upper())

    def test_time_zone_must_be_a_real_iana_zone(self):
        for good in ["UTC", "Europe/Paris", "Asia/Kolkata", "Etc/GMT+5", "America/Argentina/Buenos_Aires"]:
            self.assertEqual(good, self.describe(self.create(time_zone=good))["TimeZone"])
        count = len(self.all_hours())
        for bad in ["Mars/Olympus_Mons", "Pacific Standard Time", "europe/paris", "utc", "../../etc/passwd",
                    "/usr/share/zoneinfo/UTC", "", "posixrules"]:
            err = self.assertError("InvalidParameterException", self.create, time_zone=bad, status=400)
            if bad:
                self.assertIn(bad, err.response["Error"]["Message"])
        self.assertEqual(count, len(self.all_hours()))

    def test_model_ranges_of_times_are_enforced(self):
        self.assertError("InvalidParameterException", self.create, config=[slot("MONDAY", 24, 0, 1, 0)], status=400)
        self.assertError("InvalidParameterException", self.create, config=[slot("MONDAY", 1, 0, 2, 60)], status=400)
        raw = unvalidated_client()
        self.assertError("InvalidParameterException", raw.create_hours_of_operation, InstanceId=self.instance_id,
                         Name=unique("neg"), TimeZone="UTC", Config=[slot("MONDAY", -1, 0, 2, 0)], status=400)
        self.assertError("InvalidParameterException", self.create, config=[slot("FUNDAY", 1, 0, 2, 0)], status=400)
        self.assertError("InvalidParameterException", self.create, name="x" * 128, status=400)
        # the boundaries themselves are fine
        self.create(config=[slot("SATURDAY", 23, 59, 0, 0), slot("SATURDAY", 0, 0, 23, 59)])

    def test_unknown_instance_and_unknown_hours_are_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.create_hours_of_operation,
                         InstanceId="00000000-0000-0000-0000-000000000000", Name="x", TimeZone="UTC", Config=[],
                         status=404, message="Instance not found")
        self.assertError("ResourceNotFoundException", self.connect.list_hours_of_operations,
                         InstanceId="00000000-0000-0000-0000-000000000000", message="Instance not found")
        missing = "11111111-2222-3333-4444-555555555555"
        for call, kwargs in [(self.connect.describe_hours_of_operation, {}),
                             (self.connect.update_hours_of_operation, {"Name": "n"}),
                             (self.connect.delete_hours_of_operation, {})]:
            self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id,
                             HoursOfOperationId=missing, status=404, message="Hours of operation not found", **kwargs)

    def test_hours_of_another_instance_account_or_region_are_not_found(self):
        hours_id = self.create()
        arn = self.describe(hours_id)["HoursOfOperationArn"]
        other_instance = create_instance(self.connect)
        self.assertError("ResourceNotFoundException", self.connect.describe_hours_of_operation,
                         InstanceId=other_instance, HoursOfOperationId=hours_id)
        self.assertError("ResourceNotFoundException", self.connect.describe_hours_of_operation,
                         InstanceId=other_instance, HoursOfOperationId=arn)
        self.assertError("ResourceNotFoundException", self.connect.describe_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=arn.replace("us-east-1", "us-west-2"))
        self.assertError("ResourceNotFoundException", client(account="111122223333").describe_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=hours_id)

    def test_list_pages_with_max_results_and_next_token(self):
        instance_id = create_instance(self.connect)
        created = {self.connect.create_hours_of_operation(InstanceId=instance_id, Name=f"h{i}", TimeZone="UTC",
                                                          Config=[])["HoursOfOperationId"] for i in range(4)}
        seen, token, pages = [], None, 0
        while True:
            kwargs = {"NextToken": token} if token else {}
            page = self.connect.list_hours_of_operations(InstanceId=instance_id, MaxResults=2, **kwargs)
            self.assertLessEqual(len(page["HoursOfOperationSummaryList"]), 2)
            seen += [h["Id"] for h in page["HoursOfOperationSummaryList"]]
            pages += 1
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(3, pages)  # 4 created + Basic Hours
        self.assertEqual(5, len(set(seen)))
        self.assertTrue(created <= set(seen))
        self.assertEqual(sorted(seen), seen)
        self.assertError("InvalidRequestException", self.connect.list_hours_of_operations, InstanceId=instance_id,
                         NextToken="Zm9yZ2Vk.AAAAAAAAAAAAAAAAAAAAAA", status=400)
        # a token of another instance's listing is not valid here
        first = self.connect.list_hours_of_operations(InstanceId=instance_id, MaxResults=1)["NextToken"]
        self.assertError("InvalidRequestException", self.connect.list_hours_of_operations,
                         InstanceId=self.instance_id, NextToken=first)
        self.assertError("InvalidParameterException", unvalidated_client().list_hours_of_operations,
                         InstanceId=instance_id, MaxResults=0)
        self.assertError("InvalidParameterException", self.connect.list_hours_of_operations,
                         InstanceId=instance_id, MaxResults=1001)

    def test_update_changes_what_is_sent_and_stamps_last_modified(self):
        hours_id = self.create(Description="first", Tags={"a": "1"})
        before = self.describe(hours_id)
        time.sleep(0.05)
        self.connect.update_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id,
                                               TimeZone="Europe/Berlin")
        after = self.describe(hours_id)
        self.assertEqual("Europe/Berlin", after["TimeZone"])
        self.assertEqual(before["Name"], after["Name"])
        self.assertEqual("first", after["Description"])
        self.assertEqual(before["Config"], after["Config"])
        self.assertEqual({"a": "1"}, after["Tags"])
        self.assertGreater(after["LastModifiedTime"], before["LastModifiedTime"])
        new_name = unique("renamed")
        config = [slot("TUESDAY", 8, 0, 12, 0), slot("TUESDAY", 13, 0, 17, 0)]
        self.connect.update_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id,
                                               Name=new_name, Description="second", Config=config)
        after = self.describe(hours_id)
        self.assertEqual((new_name, "second", config), (after["Name"], after["Description"], after["Config"]))
        self.assertIn(new_name, [h["Name"] for h in self.all_hours()])
        # keeping its own name is not a duplicate; an empty Config clears the schedule
        self.connect.update_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id,
                                               Name=new_name, Config=[])
        self.assertEqual([], self.describe(hours_id).get("Config", []))

    def test_failed_updates_change_nothing(self):
        taken = unique("taken")
        self.create(taken)
        hours_id = self.create()
        before = self.describe(hours_id)
        self.assertError("DuplicateResourceException", self.connect.update_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=hours_id, Name=taken, Description="x",
                         status=409)
        self.assertError("InvalidParameterException", self.connect.update_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=hours_id, Name=unique("n"),
                         TimeZone="Nowhere/Atlantis")
        self.assertError("InvalidParameterException", self.connect.update_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=hours_id, Config=[slot("MONDAY", 1, 99, 2, 0)])
        self.assertEqual(before, self.describe(hours_id))

    def test_delete_unused_hours(self):
        hours_id = self.create()
        self.connect.delete_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id)
        self.assertError("ResourceNotFoundException", self.connect.describe_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=hours_id)
        self.assertNotIn(hours_id, [h["Id"] for h in self.all_hours()])
        self.assertError("ResourceNotFoundException", self.connect.delete_hours_of_operation,
                         InstanceId=self.instance_id, HoursOfOperationId=hours_id)

    def test_hours_a_queue_uses_cannot_be_deleted(self):
        hours_id = self.create()
        arn = self.describe(hours_id)["HoursOfOperationArn"]
        queue = self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=hours_id)
        err = self.assertError("ResourceInUseException", self.connect.delete_hours_of_operation,
                               InstanceId=self.instance_id, HoursOfOperationId=arn, status=409)
        self.assertEqual("QUEUE", err.response["ResourceType"])
        self.assertEqual(queue["QueueArn"], err.response["ResourceId"])
        self.assertEqual(hours_id, self.describe(hours_id)["HoursOfOperationId"])
        # once the queue moves to other hours, the hours can go
        self.connect.update_queue_hours_of_operation(InstanceId=self.instance_id, QueueId=queue["QueueId"],
                                                     HoursOfOperationId=self.create())
        self.connect.delete_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=hours_id)

    def test_basic_hours_is_deletable_only_when_unused(self):
        instance_id = create_instance(self.connect)
        basic = next(h for p in self.connect.get_paginator("list_hours_of_operations").paginate(InstanceId=instance_id)
                     for h in p["HoursOfOperationSummaryList"] if h["Name"] == "Basic Hours")
        err = self.assertError("ResourceInUseException", self.connect.delete_hours_of_operation,
                               InstanceId=instance_id, HoursOfOperationId=basic["Id"])
        basic_queue = next(q for q in self.connect.list_queues(InstanceId=instance_id)["QueueSummaryList"]
                           if q.get("Name") == "BasicQueue")
        self.assertEqual(basic_queue["Arn"], err.response["ResourceId"])
        other = self.connect.create_hours_of_operation(InstanceId=instance_id, Name="other", TimeZone="UTC",
                                                       Config=[])["HoursOfOperationId"]
        self.connect.update_queue_hours_of_operation(InstanceId=instance_id, QueueId=basic_queue["Id"],
                                                     HoursOfOperationId=other)
        self.connect.delete_hours_of_operation(InstanceId=instance_id, HoursOfOperationId=basic["Id"])
        names = [h["Name"] for p in self.connect.get_paginator("list_hours_of_operations").paginate(InstanceId=instance_id)
                 for h in p["HoursOfOperationSummaryList"]]
        self.assertEqual(["other"], names)

    def test_parent_hours_are_stored_checked_and_protected(self):
        parent_id = self.create()
        parent = self.describe(parent_id)
        child_id = self.create(ParentHoursOfOperationConfigs=[{"HoursOfOperationId": parent["HoursOfOperationArn"]}])
        self.assertEqual([{"Id": parent_id, "Arn": parent["HoursOfOperationArn"], "Name": parent["Name"]}],
                         self.describe(child_id)["ParentHoursOfOperations"])
        count = len(self.all_hours())
        self.assertError("ResourceNotFoundException", self.create,
                         ParentHoursOfOperationConfigs=[{"HoursOfOperationId": "99999999-2222-3333-4444-555555555555"}])
        self.assertError("InvalidParameterException", self.create,
                         ParentHoursOfOperationConfigs=[{"HoursOfOperationId": parent_id},
                                                        {"HoursOfOperationId": parent["HoursOfOperationArn"]}])
        self.assertEqual(count, len(self.all_hours()))
        err = self.assertError("ResourceInUseException", self.connect.delete_hours_of_operation,
                               InstanceId=self.instance_id, HoursOfOperationId=parent_id)
        self.assertEqual("HOURS_OF_OPERATION", err.response["ResourceType"])
        self.assertEqual(self.describe(child_id)["HoursOfOperationArn"], err.response["ResourceId"])
        self.connect.delete_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=child_id)
        self.connect.delete_hours_of_operation(InstanceId=self.instance_id, HoursOfOperationId=parent_id)

    def test_tags_by_arn(self):
        hours_id = self.create(Tags={"env": "dev"})
        arn = self.describe(hours_id)["HoursOfOperationArn"]
        self.assertEqual({"env": "dev"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.connect.tag_resource(resourceArn=arn, tags={"team": "blue"})
        self.assertEqual({"env": "dev", "team": "blue"}, self.describe(hours_id)["Tags"])

    def test_cli_create_describe_and_delete(self):
        name = unique("cli")
        config = json.dumps([slot("WEDNESDAY", 7, 30, 19, 0)])
        out = json.loads(cli("create-hours-of-operation", "--instance-id", self.instance_id, "--name", name,
                             "--time-zone", "Australia/Sydney", "--config", config).stdout)
        got = json.loads(cli("describe-hours-of-operation", "--instance-id", self.instance_id,
                             "--hours-of-operation-id", out["HoursOfOperationId"]).stdout)["HoursOfOperation"]
        self.assertEqual((name, "Australia/Sydney", json.loads(config)), (got["Name"], got["TimeZone"], got["Config"]))
        bad = cli("create-hours-of-operation", "--instance-id", self.instance_id, "--name", name,
                  "--time-zone", "UTC", "--config", "[]", check=False)
        self.assertNotEqual(0, bad.returncode)
        self.assertIn("DuplicateResourceException", bad.stderr)
        cli("delete-hours-of-operation", "--instance-id", self.instance_id, "--hours-of-operation-id",
            out["HoursOfOperationId"])
        self.assertNotIn(out["HoursOfOperationId"], [h["Id"] for h in self.all_hours()])


if __name__ == "__main__":
    unittest.main()
