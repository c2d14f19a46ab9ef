"""Prose rules of the API reference (issue 18, docs/rules.md) through boto3: the rules of the contact-starting
operations, real-time data and a few resources that the other behaviour suites do not exercise. Each test fails when
the check it names is removed."""
from support import ConnectTestCase, client, create_instance, unique
from test_global_resiliency import GlobalResiliencyCase

FAKE_ID = "00000000-0000-4000-8000-000000000000"
INBOUND_FLOW = "Sample inbound flow (first contact experience)"
AI_AGENT = "arn:aws:wisdom:us-east-1:000000000000:ai-agent/11111111-2222-4333-8444-555555555555/66666666-7777-4888-8999-000000000000"


class ContactStartRuleTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flow = next(f["Id"] for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=cls.instance_id)
                        for f in p["ContactFlowSummaryList"] if f["Name"] == INBOUND_FLOW)

    def chat(self, **kwargs):
        return self.connect.start_chat_contact(InstanceId=self.instance_id, ContactFlowId=self.flow,
                                               ParticipantDetails={"DisplayName": "Customer"}, **kwargs)["ContactId"]

    def task(self, **kwargs):
        args = {"InstanceId": self.instance_id, "Name": unique("task")}
        args.update(kwargs)
        if "TaskTemplateId" not in args:
            args.setdefault("ContactFlowId", self.flow)
        return self.connect.start_task_contact(**args)["ContactId"]

    def call(self, **kwargs):
        args = {"InstanceId": self.instance_id, "ContactFlowId": self.flow, "DestinationPhoneNumber": "+12065550123",
                "SourcePhoneNumber": "+12065550100"}
        args.update(kwargs)
        return self.connect.start_outbound_voice_contact(**args)["ContactId"]

    def test_contact_attribute_keys_and_their_total_size(self):
        big = {"first": "x" * 16_400, "second": "y" * 16_400}  # each value fits its trait, together past 32,768 bytes
        for start in (self.chat, self.task, self.call):
            self.assertError("InvalidParameterException", start, Attributes={"bad key": "v"}, status=400)
            self.assertError("InvalidParameterException", start, Attributes={"key.dot": "v"})
            self.assertError("InvalidParameterException", start, Attributes=big)
            self.assertTrue(start(Attributes={"good-key_1": "v", "first": "x" * 16_000}))

    def test_a_task_template_without_a_flow_cannot_start_a_task_alone(self):
        template = self.connect.create_task_template(InstanceId=self.instance_id, Name=unique("noflow"),
                                                     Fields=[{"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "To"}, "Type": "QUICK_CONNECT"}],
                                                     Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]})
        self.assertError("InvalidParameterException", self.task, TaskTemplateId=template["Id"], status=400)

    def test_the_first_chat_message_is_limited_in_bytes(self):
        message = {"ContentType": "text/plain"}
        self.assertError("InvalidParameterException", self.chat, InitialMessage=dict(message, Content="é" * 9000), status=400)
        self.assertTrue(self.chat(InitialMessage=dict(message, Content="e" * 16_384)))

    def test_a_persistent_chat_names_its_rehydration_type(self):
        source = self.chat()
        self.assertError("InvalidParameterException", self.chat, PersistentChat={"SourceContactId": source}, status=400)
        self.assertTrue(self.chat(PersistentChat={"SourceContactId": source, "RehydrationType": "ENTIRE_PAST_SESSION"}))

    def test_segment_attribute_keys_and_values_only_system_attributes_take(self):
        for start in (self.chat, self.task):
            self.assertError("InvalidParameterException", start, SegmentAttributes={"my key": {"ValueString": "x"}}, status=400)
            self.assertError("InvalidParameterException", start, SegmentAttributes={"custom": {"ValueList": [{"ValueString": "a"}]}})
            self.assertError("InvalidParameterException", start,
                             SegmentAttributes={"custom": {"ValueArn": f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}"}})
            self.assertTrue(start(SegmentAttributes={"custom-1_a": {"ValueString": "x"}}))

    def test_contact_expiry_is_a_map_with_a_duration_in_minutes(self):
        self.assertError("InvalidParameterException", self.task, SegmentAttributes={"connect:ContactExpiry": {"ValueInteger": 135}}, status=400)
        self.assertError("InvalidParameterException", self.task,
                         SegmentAttributes={"connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueString": "135"}}}})
        self.assertTrue(self.task(SegmentAttributes={"connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 135}}}}))

    def test_created_by_user_names_a_user_of_the_instance(self):
        profile = self.connect.list_routing_profiles(InstanceId=self.instance_id)["RoutingProfileSummaryList"][0]["Id"]
        security = self.connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"][0]["Id"]
        user = self.connect.create_user(Username=unique("agent"), Password="Passw0rd-Example1", InstanceId=self.instance_id,
                                        IdentityInfo={"FirstName": "Ada", "LastName": "Agent"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                                        SecurityProfileIds=[security], RoutingProfileId=profile)
        agent_arn = user["UserArn"]
        missing = agent_arn.rsplit("/", 1)[0] + "/" + FAKE_ID
        for value in ({"ValueString": missing}, {"ValueString": user["UserId"]}, {"ValueInteger": 1}):
            self.assertError("InvalidParameterException", self.task, SegmentAttributes={"connect:CreatedByUser": value}, status=400)
        self.assertTrue(self.task(SegmentAttributes={"connect:CreatedByUser": {"ValueString": agent_arn}}))

    def test_date_references_hold_epoch_timestamps(self):
        for start in (self.task, self.call):
            self.assertError("InvalidParameterException", start, References={"due": {"Type": "DATE", "Value": "tomorrow"}}, status=400)
            self.assertTrue(start(References={"due": {"Type": "DATE", "Value": "1767225600"}, "note": {"Type": "STRING", "Value": "tomorrow"}}))

    def test_answering_machine_detection_is_for_campaign_calls(self):
        amd = {"EnableAnswerMachineDetection": True}
        self.assertError("InvalidParameterException", self.call, AnswerMachineDetectionConfig=amd, status=400)
        self.assertError("InvalidParameterException", self.call, AnswerMachineDetectionConfig=amd, TrafficType="GENERAL")
        # with AMD on a CAMPAIGN call the rule holds; the call itself needs the campaigns quota raised
        # (test_rules_gaps.py::CampaignAndTaskQuotaTests places one on a server started with --allow-campaign-calls)
        self.assertError("OutboundContactNotPermittedException", self.call, AnswerMachineDetectionConfig=amd, TrafficType="CAMPAIGN")
        self.assertTrue(self.call(AnswerMachineDetectionConfig={"EnableAnswerMachineDetection": False}))

    def test_uk_mobile_numbers_are_not_dialled_by_default(self):
        self.assertError("DestinationNotAllowedException", self.call, DestinationPhoneNumber="+447700900123")
        self.assertTrue(self.call(DestinationPhoneNumber="+442079460123"))


class RealTimeRuleTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.queue = next(q["Id"] for q in cls.connect.list_queues(InstanceId=cls.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
                         if q["Name"] == "BasicQueue")
        cls.profile = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"][0]["Id"]

    def metrics(self, filters, metrics=({"Name": "AGENTS_ONLINE", "Unit": "COUNT"},), groupings=None):
        args = {"InstanceId": self.instance_id, "Filters": filters, "CurrentMetrics": list(metrics)}
        if groupings:
            args["Groupings"] = groupings
        return self.connect.get_current_metric_data(**args)

    def test_user_data_takes_one_kind_of_filter(self):
        for second in ({"Agents": [FAKE_ID]}, {"RoutingProfiles": [self.profile]}, {"UserHierarchyGroups": [FAKE_ID]}):
            self.assertError("InvalidParameterException", self.connect.get_current_user_data, InstanceId=self.instance_id,
                             Filters={"Queues": [self.queue], **second}, status=400)
        self.assertEqual([], self.connect.get_current_user_data(InstanceId=self.instance_id, Filters={"Queues": [self.queue]})["UserDataList"])

    def test_agent_status_filter_takes_at_most_50(self):
        statuses = [f"00000000-0000-4000-8000-{i:012d}" for i in range(51)]
        self.assertError("InvalidParameterException", self.metrics, {"Queues": [self.queue], "AgentStatuses": statuses}, status=400)

    def test_at_most_10_metrics_by_id(self):
        ids = [{"MetricId": f"00000000-0000-4000-8000-{i:012d}"} for i in range(11)]
        self.assertError("InvalidParameterException", self.metrics, {"Queues": [self.queue]}, ids, status=400)
        self.assertEqual(1, len(self.metrics({"Queues": [self.queue]}, ids[:10])["MetricResults"]))

    def test_a_custom_metric_takes_no_unit(self):
        metric = {"MetricId": "00000000-0000-4000-8000-000000000001"}
        self.assertError("InvalidParameterException", self.metrics, {"Queues": [self.queue]}, [dict(metric, Unit="COUNT")], status=400)
        self.assertEqual(1, len(self.metrics({"Queues": [self.queue]}, [metric])["MetricResults"]))

    def test_subtype_and_validation_grouping_need_queue_first(self):
        for grouping in ("SUBTYPE", "VALIDATION_TEST_TYPE"):
            self.assertError("InvalidParameterException", self.metrics, {"Queues": [self.queue]}, groupings=["CHANNEL", grouping])
            self.assertError("InvalidParameterException", self.metrics, {"RoutingProfiles": [self.profile]}, groupings=["QUEUE", grouping])


class ResourceRuleTests(ConnectTestCase):
    def test_a_hierarchy_group_name_is_at_most_100_characters(self):
        self.connect.update_user_hierarchy_structure(InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "Company"}})
        self.assertError("InvalidParameterException", self.connect.create_user_hierarchy_group, InstanceId=self.instance_id,
                         Name="g" * 101, status=400)
        self.assertTrue(self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("g").ljust(100, "g"))["HierarchyGroupId"])

    def test_only_an_existing_alias_is_disassociated(self):
        primary, alias = (self.connect.create_email_address(InstanceId=self.instance_id, EmailAddress=f"{unique('m')}@example.com")["EmailAddressId"]
                          for _ in range(2))
        self.assertError("ResourceConflictException", self.connect.disassociate_email_address_alias, InstanceId=self.instance_id,
                         EmailAddressId=primary, AliasConfiguration={"EmailAddressId": alias})
        self.connect.associate_email_address_alias(InstanceId=self.instance_id, EmailAddressId=primary, AliasConfiguration={"EmailAddressId": alias})
        self.connect.disassociate_email_address_alias(InstanceId=self.instance_id, EmailAddressId=primary, AliasConfiguration={"EmailAddressId": alias})

    def test_entity_security_profiles_are_for_ai_agents_only(self):
        profile = self.connect.create_security_profile(InstanceId=self.instance_id, SecurityProfileName=unique("sp"))["SecurityProfileId"]
        self.assertError("InvalidParameterException", self.connect.list_entity_security_profiles, InstanceId=self.instance_id,
                         EntityType="USER", EntityArn=AI_AGENT, status=400)
        self.assertError("InvalidParameterException", self.connect.disassociate_security_profiles, InstanceId=self.instance_id,
                         EntityType="USER", EntityArn=AI_AGENT, SecurityProfiles=[{"Id": profile}])
        self.assertEqual([], self.connect.list_entity_security_profiles(InstanceId=self.instance_id, EntityType="AI_AGENT",
                                                                         EntityArn=AI_AGENT)["SecurityProfiles"])

    def test_data_table_reads_take_the_table_arn_with_or_without_an_alias(self):
        table = self.connect.create_data_table(InstanceId=self.instance_id, Name=unique("t"), TimeZone="UTC", ValueLockLevel="NONE",
                                               Status="PUBLISHED")
        self.connect.create_data_table_attribute(InstanceId=self.instance_id, DataTableId=table["Id"], Name="colour", ValueType="TEXT")
        for ident in (table["Arn"], table["Arn"] + ":$LATEST", table["Arn"] + ":$SAVED"):
            self.assertEqual("colour", self.connect.describe_data_table_attribute(InstanceId=self.instance_id, DataTableId=ident,
                                                                                   AttributeName="colour")["Attribute"]["Name"])
            values = self.connect.evaluate_data_table_values(InstanceId=self.instance_id, DataTableId=ident,
                                                             Values=[{"PrimaryValues": [], "AttributeNames": ["colour"]}])["Values"]
            self.assertEqual(["colour"], [v["AttributeName"] for v in values])
        self.assertError("ResourceNotFoundException", self.connect.evaluate_data_table_values, InstanceId=self.instance_id,
                         DataTableId=table["Arn"] + ":7", Values=[{"PrimaryValues": [], "AttributeNames": ["colour"]}])

    def test_a_page_of_primary_values_holds_at_most_100_records(self):
        table = self.connect.create_data_table(InstanceId=self.instance_id, Name=unique("t"), TimeZone="UTC", ValueLockLevel="NONE",
                                               Status="PUBLISHED")["Id"]
        self.connect.create_data_table_attribute(InstanceId=self.instance_id, DataTableId=table, Name="k", ValueType="TEXT", Primary=True)
        self.connect.create_data_table_attribute(InstanceId=self.instance_id, DataTableId=table, Name="v", ValueType="TEXT")
        out = self.connect.batch_create_data_table_value(InstanceId=self.instance_id, DataTableId=table, Values=[
            {"PrimaryValues": [{"AttributeName": "k", "Value": f"key{i:03d}"}], "AttributeName": "v", "Value": "x"} for i in range(101)])
        self.assertEqual(101, len(out["Successful"]))
        first = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=table, MaxResults=1000)
        self.assertEqual(100, len(first["PrimaryValuesList"]))
        rest = self.connect.list_data_table_primary_values(InstanceId=self.instance_id, DataTableId=table, MaxResults=1000,
                                                           NextToken=first["NextToken"])
        self.assertEqual(1, len(rest["PrimaryValuesList"]))

    def test_the_arn_list_phone_numbers_shows_does_not_tag_the_number(self):
        number = self.connect.search_available_phone_numbers(InstanceId=self.instance_id, PhoneNumberCountryCode="US",
                                                             PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=number)
        listed = next(n for n in self.connect.list_phone_numbers(InstanceId=self.instance_id)["PhoneNumberSummaryList"]
                      if n["Id"] == claimed["PhoneNumberId"])
        self.assertNotEqual(claimed["PhoneNumberArn"], listed["Arn"])
        self.assertError("ResourceNotFoundException", self.connect.tag_resource, resourceArn=listed["Arn"], tags={"k": "v"})
        self.connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"k": "v"})
        self.connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    def test_a_number_is_imported_in_the_instance_s_region_only(self):
        iid = create_instance(self.connect)
        elsewhere = client("eu-west-2")
        source = f"arn:aws:sms-voice:eu-west-2:000000000000:phone-number/phone-{unique('x')[-10:].rjust(32, '0')}"
        self.assertError("ResourceNotFoundException", elsewhere.import_phone_number, InstanceId=iid, SourcePhoneNumberArn=source,
                         message="Instance not found")
        self.connect.delete_instance(InstanceId=iid)


class PhoneNumberRuleTests(GlobalResiliencyCase):
    def test_list_phone_numbers_v2_prefix_carries_the_plus(self):
        self.assertError("InvalidParameterException", self.connect.list_phone_numbers_v2, InstanceId=self.instance_id,
                         PhoneNumberPrefix="44", status=400)
        self.assertEqual([], self.connect.list_phone_numbers_v2(InstanceId=self.instance_id, PhoneNumberPrefix="+999")["ListPhoneNumbersSummaryList"])

    def test_a_group_number_is_named_by_arn_from_the_other_region(self):
        gid, arn = self.new_group()
        number = self.connect.search_available_phone_numbers(TargetArn=arn, PhoneNumberCountryCode="US",
                                                             PhoneNumberType="DID")["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = self.connect.claim_phone_number(TargetArn=arn, PhoneNumber=number)
        self.assertError("ResourceNotFoundException", self.west.disassociate_phone_number_contact_flow,
                         PhoneNumberId=claimed["PhoneNumberId"], InstanceId=self.instance_id, status=404)
        self.west.disassociate_phone_number_contact_flow(PhoneNumberId=claimed["PhoneNumberArn"], InstanceId=self.instance_id)
        self.connect.disassociate_phone_number_contact_flow(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=self.instance_id)
        self.connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
