"""Data tables through boto3 and the aws CLI (issue 15, docs/data-tables.md): tables, attributes, values, lock versions."""
import json

from support import ConnectTestCase, cli, unique

PUBLISHED = "PUBLISHED"


class DataTableTests(ConnectTestCase):
    def table(self, lock="NONE", **kwargs):
        kwargs.setdefault("Name", unique("dt"))
        kwargs.setdefault("TimeZone", "America/New_York")
        return self.connect.create_data_table(InstanceId=self.instance_id, ValueLockLevel=lock, Status=PUBLISHED, **kwargs)

    def attribute(self, table_id, name, value_type="TEXT", **kwargs):
        return self.connect.create_data_table_attribute(InstanceId=self.instance_id, DataTableId=table_id, Name=name, ValueType=value_type, **kwargs)

    def describe(self, table_id):
        return self.connect.describe_data_table(InstanceId=self.instance_id, DataTableId=table_id)["DataTable"]

    def create_values(self, table_id, *values):
        return self.connect.batch_create_data_table_value(InstanceId=self.instance_id, DataTableId=table_id, Values=list(values))

    @staticmethod
    def key(**parts):
        return [{"AttributeName": k, "Value": v} for k, v in parts.items()]

    # --- tables -------------------------------------------------------------------------------------------------

    def test_cloudformation_style_pass_create_read_by_arn_update_read_delete(self):
        # AWS::Connect::DataTable: CreateDataTable, DescribeDataTable, UpdateDataTableMetadata, Tag/UntagResource,
        # DeleteDataTable, each through the table's ARN; a read after the delete is ResourceNotFoundException.
        name = unique("cfn")
        # CloudFormation names the instance by its ARN (the type's primary identifier is InstanceArn and Arn)
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        created = self.connect.create_data_table(InstanceId=instance_arn, Name=name, Description="Config", Tags={"stack": "s1"},
                                                 TimeZone="America/New_York", ValueLockLevel="NONE", Status=PUBLISHED)
        arn = created["Arn"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/data-table/{created['Id']}", arn)
        self.assertEqual({"DataTable": "1"}, created["LockVersion"])
        read = self.connect.describe_data_table(InstanceId=instance_arn, DataTableId=arn)["DataTable"]
        self.assertEqual((name, "Config", "America/New_York", "NONE", PUBLISHED, {"stack": "s1"}),
                         (read["Name"], read["Description"], read["TimeZone"], read["ValueLockLevel"], read["Status"], read["Tags"]))
        self.assertEqual(created["Id"], read["Id"])
        self.assertIn("CreatedTime", read)
        updated = self.connect.update_data_table_metadata(InstanceId=instance_arn, DataTableId=arn, Name=name + "-2",
                                                          ValueLockLevel="VALUE", TimeZone="Europe/Paris")
        self.assertNotEqual(created["LockVersion"]["DataTable"], updated["LockVersion"]["DataTable"])
        self.connect.tag_resource(resourceArn=arn, tags={"team": "ops"})
        self.connect.untag_resource(resourceArn=arn, tagKeys=["stack"])
        read = self.describe(arn)
        self.assertEqual((name + "-2", "VALUE", "Europe/Paris", {"team": "ops"}), (read["Name"], read["ValueLockLevel"], read["TimeZone"], read["Tags"]))
        self.assertNotIn("Description", read)  # not a patch: a description left out is removed
        self.assertEqual(updated["LockVersion"], read["LockVersion"])
        self.assertIn(created["Id"], [t["Id"] for t in self.connect.list_data_tables(InstanceId=self.instance_id)["DataTableSummaryList"]])
        self.connect.delete_data_table(InstanceId=instance_arn, DataTableId=arn)
        self.assertError("ResourceNotFoundException", self.connect.describe_data_table, InstanceId=instance_arn, DataTableId=arn)
        self.assertError("ResourceNotFoundException", self.connect.delete_data_table, InstanceId=self.instance_id, DataTableId=created["Id"])
        self.assertError("ResourceNotFoundException", self.connect.list_tags_for_resource, resourceArn=arn)

    def test_names_are_trimmed_unique_ignoring_case_and_not_reserved(self):
        name = unique("Rates")
        created = self.table(Name=f"  {name}  ", Description="  trimmed text \n")
        self.assertEqual((name, "trimmed text"), (self.describe(created["Id"])["Name"], self.describe(created["Id"])["Description"]))
        self.assertError("DuplicateResourceException", self.table, Name=name.upper())
        for reserved in ("connect:x", "AWS:x"):
            self.assertError("InvalidParameterException", self.table, Name=reserved)
        self.assertError("InvalidParameterException", self.table, TimeZone="Mars/Olympus")
        self.assertError("InvalidParameterException", self.table, TimeZone="america/new_york")
        other = self.table()
        self.assertError("DuplicateResourceException", self.connect.update_data_table_metadata, InstanceId=self.instance_id,
                         DataTableId=other["Id"], Name=name.lower(), ValueLockLevel="NONE", TimeZone="UTC")

    def test_model_validation_rejects_bad_enums(self):
        self.assertError("InvalidParameterException", self.connect.create_data_table, InstanceId=self.instance_id, Name=unique("x"),
                         TimeZone="UTC", ValueLockLevel="ROW", Status=PUBLISHED)
        self.assertError("InvalidParameterException", self.connect.create_data_table, InstanceId=self.instance_id, Name=unique("x"),
                         TimeZone="UTC", ValueLockLevel="NONE", Status="SAVED")

    def test_version_aliases(self):
        t = self.table()
        self.assertEqual(t["Id"], self.describe(t["Id"] + ":$LATEST")["Id"])
        self.assertEqual(t["Id"], self.describe(t["Arn"] + ":$SAVED")["Id"])
        self.assertError("ResourceNotFoundException", self.describe, t["Id"] + ":7")
        # UpdateDataTableMetadata and DeleteDataTable take $LATEST only
        self.assertError("InvalidParameterException", self.connect.update_data_table_metadata, InstanceId=self.instance_id,
                         DataTableId=t["Arn"] + ":$SAVED", Name=unique("x"), ValueLockLevel="NONE", TimeZone="UTC")
        self.assertError("InvalidParameterException", self.connect.delete_data_table, InstanceId=self.instance_id, DataTableId=t["Id"] + ":$SAVED")
        self.attribute(t["Id"] + ":$SAVED", "a")
        self.connect.delete_data_table(InstanceId=self.instance_id, DataTableId=t["Arn"] + ":$LATEST")
        self.assertError("ResourceNotFoundException", self.describe, t["Id"])

    def test_search_by_name_description_id_and_tags(self):
        tag = unique("k")
        a = self.table(Name=unique("search-alpha"), Description="holiday rates", Tags={"team": tag})
        b = self.table(Name=unique("search-beta"), Tags={"team": "other"})

        def ids(**kwargs):
            pages = self.connect.get_paginator("search_data_tables").paginate(InstanceId=self.instance_id, **kwargs)
            return {t["Id"] for p in pages for t in p["DataTables"]}

        cond = lambda f, v, c: {"StringCondition": {"FieldName": f, "Value": v, "ComparisonType": c}}  # noqa: E731
        self.assertEqual({a["Id"]}, ids(SearchCriteria=cond("description", "HOLIDAY", "CONTAINS")))
        self.assertEqual({b["Id"]}, ids(SearchCriteria=cond("resourceID", b["Id"], "EXACT")))
        self.assertEqual({a["Id"]}, ids(SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": tag}}}))
        found = self.connect.search_data_tables(InstanceId=self.instance_id, SearchCriteria=cond("name", a["Id"] and "search-alpha", "STARTS_WITH"))
        self.assertEqual({a["Id"]}, {t["Id"] for t in found["DataTables"]})
        self.assertNotIn("LockVersion", found["DataTables"][0])  # SearchDataTables omits lock versions
        self.assertEqual(1, found["ApproximateTotalCount"])

    def test_list_pages_never_loop(self):
        for _ in range(3):
            self.table()
        seen, token, calls = [], None, 0
        while True:
            page = self.connect.list_data_tables(InstanceId=self.instance_id, MaxResults=1, **({"NextToken": token} if token else {}))
            seen += [t["Id"] for t in page["DataTableSummaryList"]]
            token, calls = page.get("NextToken"), calls + 1
            self.assertLess(calls, 200)
            if not token:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertGreaterEqual(len(seen), 3)

    # --- attributes ---------------------------------------------------------------------------------------------

    def test_attributes_create_describe_list_update_delete(self):
        t = self.table()
        created = self.attribute(t["Id"], "  tier ", "TEXT", Description="d", Validation={"MaxLength": 10, "Enum": {"Strict": True, "Values": ["gold", "silver"]}})
        self.assertEqual("tier", created["Name"])
        self.assertIn("AttributeId", created)
        self.assertError("DuplicateResourceException", self.attribute, t["Id"], "TIER")
        for reserved in ("connect:tier", "AWS:tier"):
            self.assertError("InvalidParameterException", self.attribute, t["Id"], reserved)
        attr = self.connect.describe_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Arn"], AttributeName="tier")["Attribute"]
        self.assertEqual(("tier", "TEXT", "d", False, t["Id"], t["Arn"]), (attr["Name"], attr["ValueType"], attr["Description"], attr["Primary"], attr["DataTableId"], attr["DataTableArn"]))
        self.assertEqual({"MaxLength": 10, "Enum": {"Strict": True, "Values": ["gold", "silver"]}}, attr["Validation"])
        self.attribute(t["Id"], "limit", "NUMBER")
        listed = self.connect.list_data_table_attributes(InstanceId=self.instance_id, DataTableId=t["Id"])["Attributes"]
        self.assertEqual(["limit", "tier"], [a["Name"] for a in listed])
        only = self.connect.list_data_table_attributes(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeIds=[created["AttributeId"]])["Attributes"]
        self.assertEqual(["tier"], [a["Name"] for a in only])
        updated = self.connect.update_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="tier", Name="level", ValueType="TEXT")
        self.assertEqual("level", updated["Name"])
        attr = self.connect.describe_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="level")["Attribute"]
        self.assertNotIn("Validation", attr)  # an update replaces every property
        self.assertNotIn("Description", attr)
        self.assertError("ResourceNotFoundException", self.connect.describe_data_table_attribute, InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="tier")
        deleted = self.connect.delete_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="level")
        self.assertIn("DataTable", deleted["LockVersion"])
        self.assertError("ResourceNotFoundException", self.connect.delete_data_table_attribute, InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="level")

    def test_attribute_validation_rules_are_checked(self):
        t = self.table()
        bad = [
            ("TEXT", {"MinLength": 5, "MaxLength": 2}),
            ("NUMBER", {"Minimum": 1, "ExclusiveMinimum": 0}),
            ("NUMBER", {"Minimum": 5, "Maximum": 1}),
            ("NUMBER", {"ExclusiveMinimum": 5, "ExclusiveMaximum": 5}),
            ("NUMBER", {"MultipleOf": 0}),
            ("TEXT", {"Minimum": 1}),
            ("NUMBER", {"MaxLength": 3}),
            ("TEXT", {"MinValues": 1}),
            ("TEXT_LIST", {"MinValues": 3, "MaxValues": 1}),
            ("TEXT", {"Enum": {"Values": ["a", "b", "c", "d", "e", "f"]}}),
            ("NUMBER", {"Enum": {"Values": ["one"]}}),
        ]
        for value_type, validation in bad:
            with self.subTest(value_type=value_type, validation=validation):
                self.assertError("InvalidParameterException", self.attribute, t["Id"], unique("a"), value_type, Validation=validation)
        self.assertError("InvalidParameterException", self.attribute, t["Id"], "x", "TEXT", Validation={"MaxLength": 1001})
        self.assertError("InvalidParameterException", self.attribute, t["Id"], "x", "DATE")

    # --- values -------------------------------------------------------------------------------------------------

    def test_values_are_validated_against_their_attribute_and_failures_are_reported_per_item(self):
        t = self.table()
        self.attribute(t["Id"], "name", "TEXT", Validation={"MinLength": 2, "MaxLength": 5})
        self.attribute(t["Id"], "count", "NUMBER", Validation={"Minimum": 0, "ExclusiveMaximum": 10, "MultipleOf": 0.5})
        self.attribute(t["Id"], "on", "BOOLEAN")
        self.attribute(t["Id"], "tags", "TEXT_LIST", Validation={"MaxValues": 2, "Enum": {"Strict": True, "Values": ["a", "b"]}})
        self.attribute(t["Id"], "nums", "NUMBER_LIST")
        good = [("name", "abc"), ("count", "2.5"), ("on", "true"), ("tags", '["a","b"]'), ("nums", "[1, 2.5]")]
        bad = [("name", "a"), ("name", "abcdef"), ("count", "10"), ("count", "1.2"), ("count", "ten"), ("on", "yes"),
               ("tags", '["a","c"]'), ("tags", '["a","b","a"]'), ("tags", "a"), ("nums", '["1"]'), ("missing", "x")]
        out = self.create_values(t["Id"], *[{"AttributeName": n, "Value": v} for n, v in good + bad])
        self.assertEqual([n for n, _ in good], [s["AttributeName"] for s in out["Successful"]])
        self.assertEqual([n for n, _ in bad], [f["AttributeName"] for f in out["Failed"]])
        self.assertTrue(all(f["Message"] for f in out["Failed"]))
        self.assertTrue(all(s["RecordId"] == out["Successful"][0]["RecordId"] for s in out["Successful"]))  # the default record
        listed = self.connect.list_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"])["Values"]
        self.assertEqual(sorted(v for _, v in good), sorted(v["Value"] for v in listed))
        again = self.create_values(t["Id"], {"AttributeName": "name", "Value": "zz"})
        self.assertEqual([], again["Successful"])
        self.assertEqual(["name"], [f["AttributeName"] for f in again["Failed"]])

    def test_primary_values_identify_records(self):
        t = self.table()
        self.attribute(t["Id"], "region", "TEXT", Primary=True, Validation={"IgnoreCase": True})
        self.attribute(t["Id"], "limit", "NUMBER")
        out = self.create_values(
            t["Id"],
            {"PrimaryValues": self.key(region="EU"), "AttributeName": "limit", "Value": "5"},
            {"PrimaryValues": self.key(region="eu"), "AttributeName": "limit", "Value": "6"},      # same record, ignoring case
            {"PrimaryValues": self.key(region="US"), "AttributeName": "limit", "Value": "7"},
            {"PrimaryValues": self.key(nope="x"), "AttributeName": "limit", "Value": "1"},         # not a primary attribute
            {"PrimaryValues": self.key(region="US"), "AttributeName": "region", "Value": "US"},    # primary values are not values
            {"AttributeName": "limit", "Value": "1"})                                               # the default
        self.assertEqual(3, len(out["Successful"]))
        self.assertEqual(3, len(out["Failed"]))
        records = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Id"])["PrimaryValuesList"]
        self.assertEqual(3, len(records))
        self.assertEqual(sorted([[], ["EU"], ["US"]]), sorted([p["Value"] for p in r["PrimaryValues"]] for r in records))
        eu = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Id"],
                                                         PrimaryAttributeValues=[{"AttributeName": "region", "Values": ["eu"]}])["PrimaryValuesList"]
        self.assertEqual([["EU"]], [[p["Value"] for p in r["PrimaryValues"]] for r in eu])
        by_id = self.connect.list_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"], RecordIds=[eu[0]["RecordId"]])["Values"]
        self.assertEqual(["5"], [v["Value"] for v in by_id])
        evaluated = self.connect.evaluate_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"PrimaryValues": self.key(region="us"), "AttributeNames": ["limit"]},
            {"PrimaryValues": self.key(region="APAC"), "AttributeNames": ["limit", "nope"]}])["Values"]
        self.assertEqual([("7", True, False), ("1", True, False), ("", False, True)],
                         [(v["EvaluatedValue"], v["Found"], v["Error"]) for v in evaluated])
        # a new primary attribute gives existing records its type's empty value
        self.attribute(t["Id"], "tier", "NUMBER", Primary=True)
        records = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Id"])["PrimaryValuesList"]
        self.assertEqual(sorted([[], ["EU", "0"], ["US", "0"]]),
                         sorted([p["Value"] for p in sorted(r["PrimaryValues"], key=lambda p: p["AttributeName"])] for r in records))
        incomplete = self.create_values(t["Id"], {"PrimaryValues": self.key(region="EU"), "AttributeName": "limit", "Value": "1"})
        self.assertEqual(1, len(incomplete["Failed"]))

    def test_update_primary_values_moves_a_record(self):
        t = self.table(lock="PRIMARY_VALUE")
        self.attribute(t["Id"], "code", "TEXT", Primary=True)
        self.attribute(t["Id"], "v", "TEXT")
        made = self.create_values(t["Id"], {"PrimaryValues": self.key(code="a"), "AttributeName": "v", "Value": "x"},
                                  {"PrimaryValues": self.key(code="b"), "AttributeName": "v", "Value": "y"})["Successful"]
        lock = made[0]["LockVersion"]
        self.assertError("ConflictException", self.connect.update_data_table_primary_values, InstanceId=self.instance_id, DataTableId=t["Id"],
                         PrimaryValues=self.key(code="a"), NewPrimaryValues=self.key(code="b"), LockVersion=lock)
        self.assertError("ConflictException", self.connect.update_data_table_primary_values, InstanceId=self.instance_id, DataTableId=t["Id"],
                         PrimaryValues=self.key(code="a"), NewPrimaryValues=self.key(code="c"), LockVersion={"PrimaryValues": "999"})
        self.assertError("ResourceNotFoundException", self.connect.update_data_table_primary_values, InstanceId=self.instance_id, DataTableId=t["Id"],
                         PrimaryValues=self.key(code="zz"), NewPrimaryValues=self.key(code="c"), LockVersion=lock)
        out = self.connect.update_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Id"], PrimaryValues=self.key(code="a"),
                                                            NewPrimaryValues=self.key(code="c"), LockVersion=lock)
        self.assertNotEqual(lock["PrimaryValues"], out["LockVersion"]["PrimaryValues"])
        got = self.connect.batch_describe_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"PrimaryValues": self.key(code="c"), "AttributeName": "v"}, {"PrimaryValues": self.key(code="a"), "AttributeName": "v"}])
        self.assertEqual(["x"], [s["Value"] for s in got["Successful"]])
        self.assertEqual(made[0]["RecordId"], got["Successful"][0]["RecordId"])
        self.assertEqual([self.key(code="a")], [f["PrimaryValues"] for f in got["Failed"]])

    def test_lock_versions_guard_updates_and_deletes(self):
        t = self.table(lock="VALUE")
        self.attribute(t["Id"], "v", "TEXT")
        made = self.create_values(t["Id"], {"AttributeName": "v", "Value": "one"})["Successful"][0]
        update = lambda lock, value: self.connect.batch_update_data_table_value(  # noqa: E731
            InstanceId=self.instance_id, DataTableId=t["Id"], Values=[{"AttributeName": "v", "Value": value, **({"LockVersion": lock} if lock else {})}])
        missing = update(None, "two")
        self.assertEqual(1, len(missing["Failed"]))
        ok = update(made["LockVersion"], "two")
        self.assertEqual(1, len(ok["Successful"]))
        stale = update(made["LockVersion"], "three")  # the version read before the update
        self.assertEqual(1, len(stale["Failed"]))
        self.assertIn("lock version", stale["Failed"][0]["Message"])
        current = self.connect.batch_describe_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[{"AttributeName": "v"}])["Successful"][0]
        self.assertEqual("two", current["Value"])
        self.assertEqual(ok["Successful"][0]["LockVersion"]["Value"], current["LockVersion"]["Value"])
        delete = lambda lock: self.connect.batch_delete_data_table_value(  # noqa: E731
            InstanceId=self.instance_id, DataTableId=t["Id"], Values=[{"AttributeName": "v", "LockVersion": lock}])
        self.assertEqual(1, len(delete(made["LockVersion"])["Failed"]))
        self.assertEqual(1, len(delete(current["LockVersion"])["Successful"]))
        self.assertEqual([], self.connect.list_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"])["Values"])
        self.assertEqual(1, len(delete(current["LockVersion"])["Failed"]))  # gone

    def test_table_lock_level_checks_the_table_version(self):
        t = self.table(lock="DATA_TABLE")
        self.attribute(t["Id"], "a", "TEXT")
        self.attribute(t["Id"], "b", "TEXT")
        made = self.create_values(t["Id"], {"AttributeName": "a", "Value": "1"}, {"AttributeName": "b", "Value": "2"})["Successful"]
        self.assertEqual(made[0]["LockVersion"]["DataTable"], made[1]["LockVersion"]["DataTable"])  # one change per batch
        lock = made[0]["LockVersion"]
        both = self.connect.batch_update_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"AttributeName": "a", "Value": "3", "LockVersion": {"DataTable": lock["DataTable"]}},
            {"AttributeName": "b", "Value": "4", "LockVersion": {"DataTable": lock["DataTable"]}}])
        self.assertEqual(2, len(both["Successful"]))
        stale = self.connect.batch_update_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"AttributeName": "a", "Value": "5", "LockVersion": {"DataTable": lock["DataTable"]}}])
        self.assertEqual(1, len(stale["Failed"]))
        self.assertEqual(both["Successful"][0]["LockVersion"]["DataTable"], self.describe(t["Id"])["LockVersion"]["DataTable"])

    def test_value_lists_page_without_looping(self):
        t = self.table()
        self.attribute(t["Id"], "k", "NUMBER", Primary=True)
        self.attribute(t["Id"], "v", "TEXT")
        self.create_values(t["Id"], *[{"PrimaryValues": self.key(k=str(i)), "AttributeName": "v", "Value": f"v{i}"} for i in range(7)])
        for op, key in (("list_data_table_values", "Values"), ("list_data_table_primary_values", "PrimaryValuesList")):
            seen, token, calls = [], None, 0
            while True:
                page = getattr(self.connect, op)(InstanceId=self.instance_id, DataTableId=t["Id"], MaxResults=3, **({"NextToken": token} if token else {}))
                seen += [json.dumps(x, default=str, sort_keys=True) for x in page[key]]
                token, calls = page.get("NextToken"), calls + 1
                self.assertLess(calls, 20)
                if not token:
                    break
            self.assertEqual(7, len(set(seen)), op)
        sets = [{"PrimaryValues": self.key(k=str(i)), "AttributeNames": ["v"]} for i in range(7)]
        first = self.connect.evaluate_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"], Values=sets, MaxResults=4)
        second = self.connect.evaluate_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"], Values=sets, MaxResults=4, NextToken=first["NextToken"])
        self.assertEqual([f"v{i}" for i in range(7)], [v["EvaluatedValue"] for v in first["Values"] + second["Values"]])
        self.assertNotIn("NextToken", second)
        self.assertError("InvalidRequestException", self.connect.list_data_table_values, InstanceId=self.instance_id, DataTableId=t["Id"], NextToken="bogus")

    def test_missing_table_and_instance_are_not_found(self):
        t = self.table()
        for call, kwargs in ((self.connect.describe_data_table, {}), (self.connect.list_data_table_attributes, {}),
                             (self.connect.batch_create_data_table_value, {"Values": [{"AttributeName": "a", "Value": "b"}]}),
                             (self.connect.list_data_table_values, {})):
            self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id, DataTableId="00000000-0000-0000-0000-000000000000", **kwargs)
        self.assertError("ResourceNotFoundException", self.connect.describe_data_table, InstanceId="00000000-0000-0000-0000-000000000000", DataTableId=t["Id"])

    def test_type_changes_keep_values_and_attribute_deletes_take_them(self):
        t = self.table()
        self.attribute(t["Id"], "code", "TEXT", Primary=True)
        self.attribute(t["Id"], "size", "TEXT")
        self.attribute(t["Id"], "note", "TEXT")
        self.create_values(t["Id"], {"AttributeName": "size", "Value": "7"},
                           {"PrimaryValues": self.key(code="a"), "AttributeName": "size", "Value": "big"},
                           {"PrimaryValues": self.key(code="b"), "AttributeName": "note", "Value": "n"})
        self.connect.update_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="size", Name="size", ValueType="NUMBER")
        stored = self.connect.batch_describe_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"PrimaryValues": self.key(code="a"), "AttributeName": "size"}])["Successful"]
        self.assertEqual(["big"], [v["Value"] for v in stored])  # not deleted by the type change
        evaluated = self.connect.evaluate_data_table_values(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"PrimaryValues": self.key(code="a"), "AttributeNames": ["size"]}])["Values"]
        self.assertEqual([("7", "NUMBER", True)], [(v["EvaluatedValue"], v["ValueType"], v["Found"]) for v in evaluated])  # the default
        self.connect.delete_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="note")
        records = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Id"])["PrimaryValuesList"]
        self.assertEqual(sorted([[], ["a"]]), sorted([p["Value"] for p in r["PrimaryValues"]] for r in records))  # b held only a note

    def test_aws_cli_create_and_describe(self):
        name = unique("cli")
        out = json.loads(cli("create-data-table", "--instance-id", self.instance_id, "--name", name, "--time-zone", "UTC",
                             "--value-lock-level", "NONE", "--status", PUBLISHED).stdout)
        read = json.loads(cli("describe-data-table", "--instance-id", self.instance_id, "--data-table-id", out["Arn"]).stdout)
        self.assertEqual(name, read["DataTable"]["Name"])
        self.assertEqual({"DataTable": "1"}, read["DataTable"]["LockVersion"])
