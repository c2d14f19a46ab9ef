"""The prose rules of StopContact and the Update* operations (issue 18, Hosting/ProseRules/c.json) through boto3:
each test shows an update refused the way the model's documentation says (or our [choice] where it names no error),
and that the refused request changed nothing.
"""
import json

from pinned_model import pinned_client
from support import ConnectTestCase, unique

FAKE_ID = "00000000-0000-4000-8000-000000000000"


def flows_by_name(connect, instance_id):
    return {f["Name"]: f for p in connect.get_paginator("list_contact_flows").paginate(InstanceId=instance_id)
            for f in p["ContactFlowSummaryList"]}


def section(ref, *items):
    return {"Section": {"Title": ref, "RefId": ref, "Items": list(items)}}


def question(ref):
    return {"Question": {"Title": ref, "RefId": ref, "QuestionType": "TEXT"}}


class ContactRules(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbound = flows_by_name(cls.connect, cls.instance_id)["Sample inbound flow (first contact experience)"]["Id"]

    def task(self, **kwargs):
        return self.connect.start_task_contact(InstanceId=self.instance_id, ContactFlowId=self.inbound, Name="task", **kwargs)["ContactId"]

    def test_stop_contact_refuses_a_disconnect_reason(self):
        contact = self.task()
        self.assertError("InvalidRequestException", self.connect.stop_contact, InstanceId=self.instance_id, ContactId=contact,
                         DisconnectReason={"Code": "OUTBOUND_CAMPAIGN"}, status=400)
        self.assertNotIn("DisconnectTimestamp", self.connect.describe_contact(InstanceId=self.instance_id, ContactId=contact)["Contact"])
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=contact)
        self.assertError("ContactNotFoundException", self.connect.stop_contact, InstanceId=self.instance_id, ContactId=contact)

    def test_text_area_references_are_under_4096_characters(self):
        template = self.connect.create_task_template(
            InstanceId=self.instance_id, Name=unique("notes"), ContactFlowId=self.inbound,
            Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]},
            Fields=[{"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "Notes"}, "Type": "TEXT_AREA"}])["Id"]
        pinned = pinned_client()  # UpdateContactTaskTemplate is newer than the installed boto3
        long_notes = self.task(References={"Notes": {"Value": "x" * 4096, "Type": "STRING"}})
        self.assertError("PropertyValidationException", pinned.update_contact_task_template, InstanceId=self.instance_id,
                         ContactId=long_notes, TaskTemplateId=template)
        self.assertNotIn("TaskTemplateInfo", pinned.describe_contact(InstanceId=self.instance_id, ContactId=long_notes)["Contact"])
        fits = self.task(References={"Notes": {"Value": "x" * 4095, "Type": "STRING"}})
        pinned.update_contact_task_template(InstanceId=self.instance_id, ContactId=fits, TaskTemplateId=template)
        self.assertEqual(template, pinned.describe_contact(InstanceId=self.instance_id, ContactId=fits)["Contact"]["TaskTemplateInfo"]["Arn"].split("/")[-1])


class FlowAndQueueRules(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flows = flows_by_name(cls.connect, cls.instance_id)
        cls.inbound = flows["Sample inbound flow (first contact experience)"]["Id"]
        cls.queue_flow = flows["Default queue transfer"]["Id"]
        cls.queue = next(q for q in cls.connect.list_queues(InstanceId=cls.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"])

    def test_flow_content_is_one_to_256000_characters(self):
        content = self.connect.describe_contact_flow(InstanceId=self.instance_id, ContactFlowId=self.inbound)["ContactFlow"]["Content"]
        flow_id = self.connect.create_contact_flow(InstanceId=self.instance_id, Name=unique("flow"), Type="CONTACT_FLOW",
                                                   Content=content, Status="SAVED")["ContactFlowId"]
        too_long = json.dumps({"padding": "x" * 256_000})
        for bad in ("", too_long):
            self.assertError("InvalidParameterException", self.connect.update_contact_flow_content, InstanceId=self.instance_id,
                             ContactFlowId=flow_id, Content=bad, status=400)
        self.assertEqual(content, self.connect.describe_contact_flow(InstanceId=self.instance_id, ContactFlowId=flow_id)["ContactFlow"]["Content"])
        self.connect.update_contact_flow_content(InstanceId=self.instance_id, ContactFlowId=flow_id, Content="{}")

    def test_update_queue_name_needs_name_or_description(self):
        before = self.connect.describe_queue(InstanceId=self.instance_id, QueueId=self.queue["Id"])["Queue"]
        self.assertError("InvalidParameterException", self.connect.update_queue_name, InstanceId=self.instance_id, QueueId=self.queue["Id"],
                         status=400, message="Invalid parameter: at least one of Name or Description must be provided")
        self.assertEqual(before, self.connect.describe_queue(InstanceId=self.instance_id, QueueId=self.queue["Id"])["Queue"])
        self.connect.update_queue_name(InstanceId=self.instance_id, QueueId=self.queue["Id"], Description="described")

    def test_update_quick_connect_name_needs_name_or_description(self):
        qc = self.connect.create_quick_connect(InstanceId=self.instance_id, Name=unique("qc"), QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550100"}})["QuickConnectId"]
        self.assertError("InvalidParameterException", self.connect.update_quick_connect_name, InstanceId=self.instance_id, QuickConnectId=qc,
                         message="Invalid parameter: at least one of Name or Description must be provided")
        self.connect.update_quick_connect_name(InstanceId=self.instance_id, QuickConnectId=qc, Description="described")

    def test_update_quick_connect_config_takes_the_config_of_its_type(self):
        config = {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550101"}}
        qc = self.connect.create_quick_connect(InstanceId=self.instance_id, Name=unique("qc"), QuickConnectConfig=config)["QuickConnectId"]
        queue = {"QueueId": self.queue["Id"], "ContactFlowId": self.queue_flow}
        bad = [
            {"QuickConnectType": "USER", "PhoneConfig": {"PhoneNumber": "+12065550102"}},
            {"QuickConnectType": "QUEUE", "PhoneConfig": {"PhoneNumber": "+12065550102"}},
            {"QuickConnectType": "PHONE_NUMBER", "QueueConfig": queue},
            {"QuickConnectType": "QUEUE", "QueueConfig": queue, "PhoneConfig": {"PhoneNumber": "+12065550102"}},
        ]
        for wrong in bad:
            with self.subTest(config=wrong):
                self.assertError("InvalidParameterException", self.connect.update_quick_connect_config, InstanceId=self.instance_id,
                                 QuickConnectId=qc, QuickConnectConfig=wrong)
        self.assertEqual(config, self.connect.describe_quick_connect(InstanceId=self.instance_id, QuickConnectId=qc)["QuickConnect"]["QuickConnectConfig"])
        self.connect.update_quick_connect_config(InstanceId=self.instance_id, QuickConnectId=qc,
                                                 QuickConnectConfig={"QuickConnectType": "QUEUE", "QueueConfig": queue})

    def test_outbound_caller_number_arn_has_no_instance_path(self):
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        with_instance = f"{instance_arn}/phone-number/{FAKE_ID}"
        self.assertError("InvalidParameterException", self.connect.update_queue_outbound_caller_config, InstanceId=self.instance_id,
                         QueueId=self.queue["Id"], OutboundCallerConfig={"OutboundCallerIdName": "Sales", "OutboundCallerIdNumberId": with_instance})
        self.assertNotEqual(with_instance, self.connect.describe_queue(InstanceId=self.instance_id, QueueId=self.queue["Id"])["Queue"]
                            .get("OutboundCallerConfig", {}).get("OutboundCallerIdNumberId"))
        # the ARN without the instance names a number claimed to the instance (an unknown one is not found)
        self.assertError("ResourceNotFoundException", self.connect.update_queue_outbound_caller_config, InstanceId=self.instance_id,
                         QueueId=self.queue["Id"], OutboundCallerConfig={"OutboundCallerIdName": "Sales", "OutboundCallerIdNumberId":
                                                                         instance_arn.split(":instance/")[0] + f":phone-number/{FAKE_ID}"})
        number = self.connect.search_available_phone_numbers(InstanceId=self.instance_id, PhoneNumberCountryCode="US",
                                                             PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        without = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=number)["PhoneNumberArn"]
        self.assertNotIn(":instance/", without)
        self.connect.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=self.queue["Id"],
                                                         OutboundCallerConfig={"OutboundCallerIdName": "Sales", "OutboundCallerIdNumberId": without})


class DataTableRules(ConnectTestCase):
    def table(self):
        return self.connect.create_data_table(InstanceId=self.instance_id, Name=unique("dt"), TimeZone="UTC", ValueLockLevel="NONE", Status="PUBLISHED")

    def attribute(self, table_id, name, value_type="TEXT", **kwargs):
        return self.connect.create_data_table_attribute(InstanceId=self.instance_id, DataTableId=table_id, Name=name, ValueType=value_type, **kwargs)

    def test_update_attribute_checks_its_validation(self):
        t = self.table()
        self.attribute(t["Id"], "text")
        self.attribute(t["Id"], "taken")
        self.attribute(t["Id"], "num", "NUMBER")
        self.attribute(t["Id"], "list", "TEXT_LIST")
        bad = [
            ("text", "TEXT", {"MinLength": 5, "MaxLength": 2}),
            ("list", "TEXT_LIST", {"MinValues": 3, "MaxValues": 1}),
            ("num", "NUMBER", {"Minimum": 1, "ExclusiveMinimum": 0}),
            ("num", "NUMBER", {"Minimum": 5, "Maximum": 1}),
            ("num", "NUMBER", {"Minimum": 5, "ExclusiveMaximum": 5}),
            ("num", "NUMBER", {"ExclusiveMinimum": 5, "ExclusiveMaximum": 5}),
            ("num", "NUMBER", {"ExclusiveMinimum": 5, "Maximum": 5}),
            ("num", "NUMBER", {"MultipleOf": 0}),
        ]
        for name, value_type, validation in bad:
            with self.subTest(validation=validation):
                self.assertError("InvalidParameterException", self.connect.update_data_table_attribute, InstanceId=self.instance_id,
                                 DataTableId=t["Arn"] + ":$LATEST", AttributeName=name, Name=name, ValueType=value_type, Validation=validation)
        self.assertError("DuplicateResourceException", self.connect.update_data_table_attribute, InstanceId=self.instance_id,
                         DataTableId=t["Id"], AttributeName="text", Name="TAKEN", ValueType="TEXT")
        described = self.connect.describe_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="num")["Attribute"]
        self.assertNotIn("Validation", described)
        self.connect.update_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Arn"], AttributeName="num", Name="num",
                                                 ValueType="NUMBER", Validation={"Minimum": 0, "Maximum": 10, "ExclusiveMaximum": 11})

    def test_tightened_validation_keeps_existing_values(self):
        t = self.table()
        self.attribute(t["Id"], "name")
        self.connect.batch_create_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[{"AttributeName": "name", "Value": "abcdef"}])
        self.connect.update_data_table_attribute(InstanceId=self.instance_id, DataTableId=t["Id"], AttributeName="name", Name="name",
                                                 ValueType="TEXT", Validation={"MaxLength": 3})
        kept = self.connect.batch_describe_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[{"AttributeName": "name"}])
        self.assertEqual(["abcdef"], [v["Value"] for v in kept["Successful"]])
        later = self.connect.batch_update_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"AttributeName": "name", "Value": "ghijkl", "LockVersion": kept["Successful"][0]["LockVersion"]}])
        self.assertEqual(1, len(later["Failed"]))

    def test_update_primary_values_need_every_primary_attribute(self):
        t = self.connect.create_data_table(InstanceId=self.instance_id, Name=unique("dt"), TimeZone="UTC", ValueLockLevel="PRIMARY_VALUE", Status="PUBLISHED")
        self.attribute(t["Id"], "region", Primary=True)
        self.attribute(t["Id"], "tier", Primary=True)
        self.attribute(t["Id"], "v")
        key = [{"AttributeName": "region", "Value": "eu"}, {"AttributeName": "tier", "Value": "gold"}]
        lock = self.connect.batch_create_data_table_value(InstanceId=self.instance_id, DataTableId=t["Id"], Values=[
            {"PrimaryValues": key, "AttributeName": "v", "Value": "x"}])["Successful"][0]["LockVersion"]
        half = [{"AttributeName": "region", "Value": "us"}]
        for old, new in ((key, half), (half, key), (key, [])):
            with self.subTest(old=old, new=new):
                self.assertError("InvalidParameterException", self.connect.update_data_table_primary_values, InstanceId=self.instance_id,
                                 DataTableId=t["Id"], PrimaryValues=old, NewPrimaryValues=new, LockVersion=lock)
        moved = [{"AttributeName": "region", "Value": "us"}, {"AttributeName": "tier", "Value": "gold"}]
        self.connect.update_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Arn"] + ":$SAVED",
                                                      PrimaryValues=key, NewPrimaryValues=moved, LockVersion=lock)
        records = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=t["Id"])["PrimaryValuesList"]
        self.assertEqual([["us", "gold"]], [[p["Value"] for p in sorted(r["PrimaryValues"], key=lambda p: p["AttributeName"])] for r in records])


class FormRuleAndOverrideRules(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flow_arn = flows_by_name(cls.connect, cls.instance_id)["Sample inbound flow (first contact experience)"]["Arn"]

    def test_update_checks_the_item_rules(self):
        form = self.connect.create_evaluation_form(InstanceId=self.instance_id, Title=unique("form"), Items=[section("s1", question("q1"))])["EvaluationFormId"]
        bad = [
            [question("q")],
            [section("x", question("x"))],
            [section("a", question("q")), section("b", question("q"))],
            [section(f"s{i}", question(f"q{i}")) for i in range(101)],
            [section(f"s{i}", *[question(f"q{i}-{j}") for j in range(51)]) for i in range(2)],
        ]
        for items in bad:
            with self.subTest(first=items[0]):
                self.assertError("InvalidParameterException", self.connect.update_evaluation_form, InstanceId=self.instance_id,
                                 EvaluationFormId=form, EvaluationFormVersion=1, Title="t", Items=items)
        described = self.connect.describe_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form)["EvaluationForm"]
        self.assertEqual(["s1"], [i["Section"]["RefId"] for i in described["Items"]])
        self.connect.update_evaluation_form(InstanceId=self.instance_id, EvaluationFormId=form, EvaluationFormVersion=1, Title="t",
                                            Items=[section(f"s{i}", question(f"q{i}")) for i in range(100)])

    def rule(self, actions, source="OnPostCallAnalysisAvailable"):
        return self.connect.create_rule(InstanceId=self.instance_id, Name=unique("rule"), TriggerEventSource={"EventSourceName": source},
                                        Function="$.ContactLens.PostCall.Sentiment.Overall.Customer < 0", Actions=actions, PublishStatus="DRAFT")["RuleId"]

    def update_rule(self, rule_id, actions):
        name = self.connect.describe_rule(InstanceId=self.instance_id, RuleId=rule_id)["Rule"]["Name"]
        return self.connect.update_rule(InstanceId=self.instance_id, RuleId=rule_id, Name=name, Function="true", Actions=actions, PublishStatus="DRAFT")

    def test_update_checks_actions_against_the_source(self):
        eventbridge = {"ActionType": "GENERATE_EVENTBRIDGE_EVENT", "EventBridgeAction": {"Name": "e"}}
        post_call = self.rule([eventbridge])
        on_case = self.rule([{"ActionType": "END_ASSOCIATED_TASKS", "EndAssociatedTasksAction": {}}], source="OnCaseUpdate")
        refused = [
            (post_call, {"ActionType": "CREATE_TASK"}),
            (post_call, {"ActionType": "CREATE_TASK", "EventBridgeAction": {"Name": "e"}}),
            (post_call, {"ActionType": "END_ASSOCIATED_TASKS", "EndAssociatedTasksAction": {}}),
            (post_call, {"ActionType": "UPDATE_CASE", "UpdateCaseAction": {"Fields": []}}),
            (on_case, eventbridge),
            (on_case, {"ActionType": "SEND_NOTIFICATION", "SendNotificationAction": {
                "DeliveryMethod": "EMAIL", "Content": "c", "ContentType": "PLAIN_TEXT", "Recipient": {"UserTags": {"team": "qa"}}}}),
            (on_case, {"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}),
            (on_case, {"ActionType": "CREATE_CASE", "CreateCaseAction": {"Fields": [], "TemplateId": "t"}}),
        ]
        for rule_id, action in refused:
            with self.subTest(action=action["ActionType"], rule=rule_id):
                self.assertError("InvalidRequestException", self.update_rule, rule_id, [action])
        self.assertEqual([eventbridge], self.connect.describe_rule(InstanceId=self.instance_id, RuleId=post_call)["Rule"]["Actions"])
        self.update_rule(on_case, [{"ActionType": "UPDATE_CASE", "UpdateCaseAction": {"Fields": []}}])

    def test_date_references_are_epoch_timestamps(self):
        def task(value):
            return {"ActionType": "CREATE_TASK", "TaskAction": {"Name": "follow up", "ContactFlowId": self.flow_arn,
                                                                "References": {"due": {"Value": value, "Type": "DATE"}}}}
        rule_id = self.rule([task("1767225600")])
        for bad in ("2026-01-01T00:00:00Z", "tomorrow", "", "1767225600.5"):
            with self.subTest(value=bad):
                self.assertError("InvalidRequestException", self.update_rule, rule_id, [task(bad)])
        self.update_rule(rule_id, [task("1767225660")])
        self.assertEqual("1767225660", self.connect.describe_rule(InstanceId=self.instance_id, RuleId=rule_id)["Rule"]["Actions"][0]
                         ["TaskAction"]["References"]["due"]["Value"])

    def test_update_checks_the_recurrence_rules(self):
        hours = self.connect.create_hours_of_operation(InstanceId=self.instance_id, Name=unique("hours"), TimeZone="UTC", Config=[
            {"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}])["HoursOfOperationId"]
        recurrence = {"RecurrencePattern": {"Frequency": "MONTHLY", "Interval": 1, "ByWeekdayOccurrence": [1]}}
        override = self.connect.create_hours_of_operation_override(
            InstanceId=self.instance_id, HoursOfOperationId=hours, Name=unique("o"), EffectiveFrom="2026-01-01", EffectiveTill="2026-12-31",
            Config=[{"Day": "MONDAY", "StartTime": {"Hours": 12, "Minutes": 0}, "EndTime": {"Hours": 13, "Minutes": 0}}],
            OverrideType="CLOSED", RecurrenceConfig=recurrence)["HoursOfOperationOverrideId"]
        bad = [
            {"Frequency": "MONTHLY", "Interval": 1, "ByMonthDay": [1], "ByWeekdayOccurrence": [1]},
            {"Frequency": "WEEKLY", "Interval": 1, "ByWeekdayOccurrence": [2]},
        ]
        for pattern in bad:
            with self.subTest(pattern=pattern):
                self.assertError("InvalidParameterException", self.connect.update_hours_of_operation_override, InstanceId=self.instance_id,
                                 HoursOfOperationId=hours, HoursOfOperationOverrideId=override, RecurrenceConfig={"RecurrencePattern": pattern})
        described = self.connect.describe_hours_of_operation_override(InstanceId=self.instance_id, HoursOfOperationId=hours,
                                                                      HoursOfOperationOverrideId=override)["HoursOfOperationOverride"]
        self.assertEqual(recurrence, described["RecurrenceConfig"])
        self.connect.update_hours_of_operation_override(InstanceId=self.instance_id, HoursOfOperationId=hours, HoursOfOperationOverrideId=override,
                                                        RecurrenceConfig={"RecurrencePattern": {"Frequency": "YEARLY", "Interval": 1, "ByWeekdayOccurrence": [-1]}})


class ProfileTemplateAndViewRules(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbound = flows_by_name(cls.connect, cls.instance_id)["Sample inbound flow (first contact experience)"]["Id"]

    def test_update_grants_third_party_applications_access_only(self):
        profile = self.connect.create_security_profile(InstanceId=self.instance_id, SecurityProfileName=unique("sp"))["SecurityProfileId"]
        for permissions in (["ACCESS", "WRITE"], ["ADMIN"]):
            with self.subTest(permissions=permissions):
                self.assertError("InvalidParameterException", self.connect.update_security_profile, InstanceId=self.instance_id,
                                 SecurityProfileId=profile, Applications=[
                                     {"Namespace": "crm.example.com", "ApplicationPermissions": permissions, "Type": "THIRD_PARTY_APPLICATION"}])
        self.assertEqual([], self.connect.list_security_profile_applications(InstanceId=self.instance_id, SecurityProfileId=profile)["Applications"])
        self.connect.update_security_profile(InstanceId=self.instance_id, SecurityProfileId=profile, Applications=[
            {"Namespace": "crm.example.com", "ApplicationPermissions": ["ACCESS"], "Type": "THIRD_PARTY_APPLICATION"}])

    def test_update_keeps_the_name_field_and_flow_rules(self):
        fields = [{"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "Notes"}, "Type": "TEXT"}]
        required = {"RequiredFields": [{"Id": {"Name": "Title"}}]}
        template = self.connect.create_task_template(InstanceId=self.instance_id, Name=unique("tt"), ContactFlowId=self.inbound,
                                                     Constraints=required, Fields=fields)["Id"]
        refused = [
            ({"ContactFlowId": self.inbound, "Constraints": {"RequiredFields": [{"Id": {"Name": "Notes"}}]}}, "Constraints.RequiredFields"),
            ({"Constraints": required}, "ContactFlowId"),
        ]
        for update, path in refused:
            with self.subTest(path=path):
                error = self.assertError("PropertyValidationException", self.connect.update_task_template, InstanceId=self.instance_id,
                                         TaskTemplateId=template, Status="ACTIVE", Fields=fields, **update)
                self.assertEqual([path], [p["PropertyPath"] for p in error.response["PropertyList"]])
        self.assertEqual(self.inbound, self.connect.get_task_template(InstanceId=self.instance_id, TaskTemplateId=template)["ContactFlowId"])
        self.connect.update_task_template(InstanceId=self.instance_id, TaskTemplateId=template, Status="ACTIVE", Constraints=required,
                                          Fields=fields + [{"Id": {"Name": "Transfer"}, "Type": "QUICK_CONNECT"}])

    def test_update_content_is_at_most_400_kb(self):
        view = self.connect.create_view(InstanceId=self.instance_id, Name=unique("view"), Status="PUBLISHED",
                                        Content={"Template": json.dumps({"Body": []}), "Actions": ["Go"]})["View"]
        big = json.dumps({"Body": ["x" * (400 * 1024)]})
        for status in ("SAVED", "PUBLISHED"):
            with self.subTest(status=status):
                self.assertError("InvalidParameterException", self.connect.update_view_content, InstanceId=self.instance_id, ViewId=view["Id"],
                                 Status=status, Content={"Template": big, "Actions": []})
        saved = self.connect.describe_view(InstanceId=self.instance_id, ViewId=view["Id"] + ":$SAVED")["View"]
        self.assertEqual({"Body": []}, json.loads(saved["Content"]["Template"]))


class UserAndHierarchyRules(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c, iid = cls.connect, cls.instance_id
        routing = c.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
        security = c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]
        cls.user_id = c.create_user(InstanceId=iid, Username=unique("rules"), Password="Passw0rd!Passw0rd",
                                    IdentityInfo={"FirstName": "Ann", "LastName": "Lee"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                                    SecurityProfileIds=[security], RoutingProfileId=routing)["UserId"]

    def describe(self):
        return self.connect.describe_user(InstanceId=self.instance_id, UserId=self.user_id)["User"]

    def test_phone_config_limit_is_at_most_two_million_seconds(self):
        self.assertError("InvalidParameterException", self.connect.update_user_phone_config, InstanceId=self.instance_id, UserId=self.user_id,
                         PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 2_000_001})
        self.connect.update_user_phone_config(InstanceId=self.instance_id, UserId=self.user_id,
                                              PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 2_000_000})
        self.assertEqual(2_000_000, self.describe()["PhoneConfig"]["AfterContactWorkTimeLimit"])

    def test_agent_first_callback_settings_are_voice_only_and_bounded(self):
        def acw(channel, callback):
            return [{"Channel": channel, "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 10},
                     "AgentFirstCallbackAfterContactWorkConfig": {"AfterContactWorkTimeLimit": callback}}]
        for configs in (acw("CHAT", 10), acw("VOICE", 2_000_001)):
            with self.subTest(configs=configs):
                self.assertError("InvalidParameterException", self.connect.update_user_config, InstanceId=self.instance_id,
                                 UserId=self.user_id, AfterContactWorkConfigs=configs)
        self.connect.update_user_config(InstanceId=self.instance_id, UserId=self.user_id, AfterContactWorkConfigs=acw("VOICE", 2_000_000))

    def test_update_proficiency_levels_are_whole_numbers(self):
        name = unique("Skill")
        self.connect.create_predefined_attribute(InstanceId=self.instance_id, Name=name, Values={"StringList": ["English"]})
        self.connect.associate_user_proficiencies(InstanceId=self.instance_id, UserId=self.user_id, UserProficiencies=[
            {"AttributeName": name, "AttributeValue": "English", "Level": 2}])
        self.assertError("InvalidParameterException", self.connect.update_user_proficiencies, InstanceId=self.instance_id, UserId=self.user_id,
                         UserProficiencies=[{"AttributeName": name, "AttributeValue": "English", "Level": 3.5}])
        levels = self.connect.list_user_proficiencies(InstanceId=self.instance_id, UserId=self.user_id)["UserProficiencyList"]
        self.assertEqual([2.0], [p["Level"] for p in levels if p["AttributeName"] == name])

    def test_group_name_is_at_most_100_characters(self):
        self.connect.update_user_hierarchy_structure(InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "Company"}})
        group = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("g"))["HierarchyGroupId"]
        self.assertError("InvalidParameterException", self.connect.update_user_hierarchy_group_name, InstanceId=self.instance_id,
                         HierarchyGroupId=group, Name="x" * 101)
        self.connect.update_user_hierarchy_group_name(InstanceId=self.instance_id, HierarchyGroupId=group, Name="y" * 100)
        described = self.connect.describe_user_hierarchy_group(InstanceId=self.instance_id, HierarchyGroupId=group)["HierarchyGroup"]
        self.assertEqual("y" * 100, described["Name"])

    def test_every_level_name_is_at_most_50_characters(self):
        levels = ["LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive"]
        before = self.connect.describe_user_hierarchy_structure(InstanceId=self.instance_id)["HierarchyStructure"]
        for depth, level in enumerate(levels):
            structure = {name: {"Name": f"level {i + 1}"} for i, name in enumerate(levels[:depth])}
            structure[level] = {"Name": "x" * 51}
            with self.subTest(level=level):
                self.assertError("InvalidParameterException", self.connect.update_user_hierarchy_structure, InstanceId=self.instance_id,
                                 HierarchyStructure=structure)
        self.assertEqual(before, self.connect.describe_user_hierarchy_structure(InstanceId=self.instance_id)["HierarchyStructure"])
