"""The last gaps of docs/rules.md (issue 18), through boto3: the 2-25 character CONTAINS values of five Search
operations, the queue's outbound caller number resolved to a claimed number, the released number's cooldown,
GetCurrentMetricData's paging and routing-step groups, StartTaskContact's related attributes and the open-task quota,
campaign calls and the channels' after contact work minimum."""
import json
import shutil
import tempfile
import time
import unittest

from support import ConnectTestCase, OwnServer, create_instance, unique
from test_global_resiliency import GlobalResiliencyCase, control, held


def contains(field, value):
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": "CONTAINS"}}


class ContainsLengthTests(ConnectTestCase):
    """A CONTAINS value on name or description is 2 to 25 characters (the five Search operations that document it)."""

    def searches(self):
        c, iid = self.connect, self.instance_id
        return {
            "SearchQueues": (lambda crit: c.search_queues(InstanceId=iid, SearchCriteria=crit)["Queues"], "BasicQueue", ["name", "description"]),
            "SearchRoutingProfiles": (lambda crit: c.search_routing_profiles(InstanceId=iid, SearchCriteria=crit)["RoutingProfiles"],
                                      "Basic Routing Profile", ["name", "description"]),
            "SearchSecurityProfiles": (lambda crit: [dict(p, Name=p["SecurityProfileName"]) for p in
                                                    c.search_security_profiles(InstanceId=iid, SearchCriteria=crit)["SecurityProfiles"]],
                                       "Admin", ["name"]),
            "SearchContactFlows": (lambda crit: c.search_contact_flows(InstanceId=iid, SearchCriteria=crit)["ContactFlows"],
                                   "Default queue transfer", ["name", "description"]),
            "SearchContactFlowModules": (lambda crit: c.search_contact_flow_modules(InstanceId=iid, SearchCriteria=crit)["ContactFlowModules"],
                                         None, ["name", "description"]),
        }

    def test_a_contains_value_of_one_or_26_characters_is_refused_on_every_search(self):
        for op, (search, _, fields) in self.searches().items():
            for field in fields:
                for value in ("q", "x" * 26):
                    with self.subTest(op=op, field=field, value=value):
                        self.assertError("InvalidParameterException", search, contains(field, value), status=400,
                                         message=f"Invalid parameter: a CONTAINS value on {field} must be 2 to 25 characters long.")
                # nested in OrConditions too: the whole criteria tree is checked before anything is searched
                with self.subTest(op=op, field=field, nested=True):
                    self.assertError("InvalidParameterException", search, {"OrConditions": [contains(field, "ab"), contains(field, "a")]})

    def test_two_and_twenty_five_characters_search_and_other_comparisons_keep_any_length(self):
        module = self.connect.create_contact_flow_module(
            InstanceId=self.instance_id, Name=unique("Module"),
            Content=json.dumps({"Version": "2019-10-30", "StartAction": "done", "Settings": {"InputParameters": []},
                                "Actions": [{"Identifier": "done", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}]}))
        for op, (search, name, fields) in self.searches().items():
            with self.subTest(op=op):
                if name is None:
                    name = self.connect.describe_contact_flow_module(
                        InstanceId=self.instance_id, ContactFlowModuleId=module["Id"])["ContactFlowModule"]["Name"]
                self.assertIn(name, [r["Name"] for r in search(contains("name", name[:2]))])
                self.assertIn(name, [r["Name"] for r in search(contains("name", name[:25]))])
                # EXACT and STARTS_WITH are not bounded: a one-letter prefix searches
                self.assertIn(name, [r["Name"] for r in search(
                    {"StringCondition": {"FieldName": "name", "Value": name[:1], "ComparisonType": "STARTS_WITH"}})])


def available(connect, **target):
    return connect.search_available_phone_numbers(PhoneNumberCountryCode="US", PhoneNumberType="DID", **target)["AvailableNumbersList"][0]["PhoneNumber"]


class QueueCallerNumberTests(ConnectTestCase):
    """CreateQueue / UpdateQueueOutboundCallerConfig: the caller id number is resolved to a number claimed to the instance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hours = cls.connect.list_hours_of_operations(InstanceId=cls.instance_id)["HoursOfOperationSummaryList"][0]["Id"]
        cls.number = cls.connect.claim_phone_number(InstanceId=cls.instance_id, PhoneNumber=available(cls.connect, InstanceId=cls.instance_id))

    def create(self, number_id):
        return self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=self.hours,
                                         OutboundCallerConfig={"OutboundCallerIdName": "Desk", "OutboundCallerIdNumberId": number_id})

    def caller(self, queue_id):
        return self.connect.describe_queue(InstanceId=self.instance_id, QueueId=queue_id)["Queue"]["OutboundCallerConfig"]

    def test_a_claimed_number_is_named_by_id_or_arn_and_read_back_as_sent(self):
        by_id = self.create(self.number["PhoneNumberId"])["QueueId"]
        self.assertEqual(self.number["PhoneNumberId"], self.caller(by_id)["OutboundCallerIdNumberId"])
        by_arn = self.create(self.number["PhoneNumberArn"])["QueueId"]
        self.assertEqual(self.number["PhoneNumberArn"], self.caller(by_arn)["OutboundCallerIdNumberId"])
        self.connect.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=by_arn, OutboundCallerConfig={
            "OutboundCallerIdName": "Desk", "OutboundCallerIdNumberId": self.number["PhoneNumberId"]})
        self.assertEqual(self.number["PhoneNumberId"], self.caller(by_arn)["OutboundCallerIdNumberId"])

    def test_an_unknown_number_or_one_of_another_instance_is_not_found_and_nothing_is_written(self):
        other = self.connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=unique("other"),
                                             InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        try:
            theirs = self.connect.claim_phone_number(InstanceId=other, PhoneNumber=available(self.connect, InstanceId=other))
            queue = self.create(self.number["PhoneNumberId"])["QueueId"]
            unknown = "11111111-2222-3333-4444-555555555555"
            for bad in (unknown, theirs["PhoneNumberId"], theirs["PhoneNumberArn"], self.number["PhoneNumberArn"].replace(self.number["PhoneNumberId"], unknown)):
                with self.subTest(number=bad):
                    self.assertError("ResourceNotFoundException", self.create, bad, status=404)
                    self.assertError("ResourceNotFoundException", self.connect.update_queue_outbound_caller_config, InstanceId=self.instance_id,
                                     QueueId=queue, OutboundCallerConfig={"OutboundCallerIdName": "X", "OutboundCallerIdNumberId": bad}, status=404)
                    self.assertEqual(self.number["PhoneNumberId"], self.caller(queue)["OutboundCallerIdNumberId"])
        finally:
            self.connect.delete_instance(InstanceId=other)

    def test_create_queue_refuses_the_arn_with_the_instance_in_its_path(self):
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        self.assertError("InvalidParameterException", self.create, f"{instance_arn}/phone-number/{self.number['PhoneNumberId']}", status=400,
                         message="Invalid parameter: OutboundCallerIdNumberId must be a phone number ARN without the instance in its path.")


class GroupCallerNumberTests(GlobalResiliencyCase):
    """A caller id number claimed to a traffic distribution group: by id or ARN in its Region, by ARN only from the other."""

    def test_from_the_other_region_the_group_number_is_named_by_arn_only(self):
        _, group_arn = self.new_group()
        number = self.connect.claim_phone_number(TargetArn=group_arn, PhoneNumber=available(self.connect, TargetArn=group_arn))
        try:
            hours = self.connect.list_hours_of_operations(InstanceId=self.instance_id)["HoursOfOperationSummaryList"][0]["Id"]
            queue = self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=hours,
                                              OutboundCallerConfig={"OutboundCallerIdName": "Desk", "OutboundCallerIdNumberId": number["PhoneNumberId"]})["QueueId"]
            west_queue = next(q["Id"] for q in self.west.list_queues(InstanceId=self.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
                              if q["Name"] == "BasicQueue")
            config = {"OutboundCallerIdName": "Desk", "OutboundCallerIdNumberId": number["PhoneNumberId"]}
            self.assertError("ResourceNotFoundException", self.west.update_queue_outbound_caller_config, InstanceId=self.instance_id,
                             QueueId=west_queue, OutboundCallerConfig=config, status=404)
            self.west.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=west_queue,
                                                          OutboundCallerConfig=dict(config, OutboundCallerIdNumberId=number["PhoneNumberArn"]))
            self.assertEqual(number["PhoneNumberArn"], self.west.describe_queue(InstanceId=self.instance_id, QueueId=west_queue)
                             ["Queue"]["OutboundCallerConfig"]["OutboundCallerIdNumberId"])
            self.connect.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=queue, OutboundCallerConfig=config)
        finally:
            self.connect.release_phone_number(PhoneNumberId=number["PhoneNumberId"])


class NumberCooldownTests(ConnectTestCase):
    """ReleasePhoneNumber: a released number cools down, neither searchable nor claimable, until number-cooldown ends it."""

    def search(self, number):
        return [n["PhoneNumber"] for n in self.connect.search_available_phone_numbers(
            InstanceId=self.instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", PhoneNumberPrefix=number)["AvailableNumbersList"]]

    def claim_and_release(self):
        number = available(self.connect, InstanceId=self.instance_id)
        claimed = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=number)
        self.connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        return number, claimed["PhoneNumberId"]

    def assertCooling(self, number):
        self.assertEqual([], self.search(number))
        self.assertError("InvalidParameterException", self.connect.claim_phone_number, InstanceId=self.instance_id, PhoneNumber=number, status=400)

    def test_by_default_a_released_number_stays_out_of_the_pool_as_a_pending_transition(self):
        number, number_id = self.claim_and_release()
        self.assertCooling(number)
        pending = control("GET")[1]["pending"]
        self.assertIn(("number-cooldown", number_id), [(p["kind"], p["targetId"]) for p in pending])
        self.assertEqual(24 * 3600 * 1000, control("GET")[1]["delays"]["number-cooldown"])

    def test_with_a_short_cooldown_the_number_comes_back_when_it_is_due(self):
        self.assertEqual(200, control("PUT", "/delays", {"number-cooldown": 400})[0])
        try:
            number, _ = self.claim_and_release()
            self.assertCooling(number)
            deadline = time.monotonic() + 10
            while self.search(number) != [number]:
                self.assertLess(time.monotonic(), deadline, "the cooldown did not end")
                time.sleep(0.1)
            claimed = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=number)
            self.connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        finally:
            control("PUT", "/delays", {"number-cooldown": None})

    def test_a_held_cooldown_ends_with_the_control_release(self):
        with held("number-cooldown"):
            self.assertEqual(200, control("PUT", "/delays", {"number-cooldown": 0})[0])
            try:
                number, _ = self.claim_and_release()
                self.assertCooling(number)
            finally:
                control("PUT", "/delays", {"number-cooldown": None})
        # releasing the hold applied the due cooldown: the number is back
        self.assertEqual([number], self.search(number))


INBOUND_FLOW = "Sample inbound flow (first contact experience)"


def inbound_flow(connect, instance_id):
    return next(f["Id"] for p in connect.get_paginator("list_contact_flows").paginate(InstanceId=instance_id)
                for f in p["ContactFlowSummaryList"] if f["Name"] == INBOUND_FLOW)


class CurrentMetricPagingTests(ConnectTestCase):
    """GetCurrentMetricData pages (MaxResults, NextToken bound to its request) and groups by ROUTING_STEP_EXPRESSION."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hours = cls.connect.list_hours_of_operations(InstanceId=cls.instance_id)["HoursOfOperationSummaryList"][0]["Id"]
        cls.queues = sorted(cls.connect.create_queue(InstanceId=cls.instance_id, Name=unique("mq"), HoursOfOperationId=hours)["QueueId"]
                            for _ in range(3))

    def metrics(self, **kwargs):
        args = {"InstanceId": self.instance_id, "Filters": {"Queues": self.queues, "Channels": ["VOICE"]},
                "Groupings": ["QUEUE"], "CurrentMetrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}]}
        args.update(kwargs)
        return self.connect.get_current_metric_data(**args)

    def test_results_page_with_max_results_and_the_token_is_bound_to_its_request(self):
        seen, token = [], None
        for _ in range(3):
            page = self.metrics(MaxResults=1, **({"NextToken": token} if token else {}))
            self.assertEqual(1, len(page["MetricResults"]))
            self.assertEqual(3, page["ApproximateTotalCount"])
            seen.append(page["MetricResults"][0]["Dimensions"]["Queue"]["Id"])
            token = page.get("NextToken")
        self.assertIsNone(token)
        self.assertEqual(sorted(seen), self.queues)
        self.assertEqual(3, len(self.metrics()["MetricResults"]))  # the default page holds them all
        token = self.metrics(MaxResults=1)["NextToken"]
        # another filter, grouping or metric than the token's: InvalidRequestException, as every listing answers
        for other in ({"Filters": {"Queues": self.queues[:2], "Channels": ["VOICE"]}}, {"Groupings": ["QUEUE", "CHANNEL"]},
                      {"CurrentMetrics": [{"Name": "AGENTS_ONLINE", "Unit": "COUNT"}]}):
            with self.subTest(other=other):
                self.assertError("InvalidRequestException", self.metrics, NextToken=token, status=400, **other)
        # [choice] the page size may change between pages
        self.assertEqual(2, len(self.metrics(NextToken=token, MaxResults=5)["MetricResults"]))

    def test_routing_step_expressions_group_as_json_trees(self):
        a = '{"AttributeCondition": {"Name": "Language", "Value": "English", "ProficiencyLevel": 3, "ComparisonOperator": "NumberGreaterOrEqualTo"}}'
        same = '{ "AttributeCondition":{"ComparisonOperator":"NumberGreaterOrEqualTo","ProficiencyLevel":3,"Value":"English","Name":"Language"} }'
        arrays = ['{"AndExpression": [{"x": 1}, {"y": 2}]}', '{"AndExpression": [{"y": 2}, {"x": 1}]}']
        out = self.metrics(Filters={"Queues": self.queues[:1], "Channels": ["VOICE"], "RoutingStepExpressions": [a, same, *arrays]},
                           Groupings=["ROUTING_STEP_EXPRESSION"],
                           CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}, {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}])
        # key order and whitespace aside the first two are one step; array order makes the last two two steps
        self.assertEqual([a, *arrays], [r["Dimensions"]["RoutingStepExpression"] for r in out["MetricResults"]])
        for result in out["MetricResults"]:
            self.assertEqual([0, 0], [c["Value"] for c in result["Collections"]])
        self.assertError("InvalidParameterException", self.metrics, status=400, Groupings=["ROUTING_STEP_EXPRESSION"],
                         Filters={"Queues": self.queues[:1], "Channels": ["VOICE"], "RoutingStepExpressions": ["{not json"]})


class TaskRelatedContactTests(ConnectTestCase):
    """StartTaskContact with RelatedContactId copies the related contact's attributes; the copy is the task's own."""

    def test_attributes_of_the_related_contact_are_copied_and_the_request_s_win(self):
        flow = inbound_flow(self.connect, self.instance_id)
        first = self.connect.start_task_contact(InstanceId=self.instance_id, Name="first", ContactFlowId=flow,
                                                Attributes={"order": "42", "tier": "gold"})["ContactId"]
        second = self.connect.start_task_contact(InstanceId=self.instance_id, Name="second", ContactFlowId=flow,
                                                 RelatedContactId=first, Attributes={"tier": "silver"})["ContactId"]
        described = self.connect.describe_contact(InstanceId=self.instance_id, ContactId=second)["Contact"]
        self.assertEqual(first, described["RelatedContactId"])
        self.assertEqual({"order": "42", "tier": "silver"}, described.get("Attributes"))
        self.assertEqual({"order": "42", "tier": "gold"},
                         self.connect.describe_contact(InstanceId=self.instance_id, ContactId=first)["Contact"].get("Attributes"))
        # without attributes of its own the task takes the related contact's as they are
        third = self.connect.start_task_contact(InstanceId=self.instance_id, Name="third", ContactFlowId=flow, RelatedContactId=first)["ContactId"]
        self.assertEqual({"order": "42", "tier": "gold"},
                         self.connect.describe_contact(InstanceId=self.instance_id, ContactId=third)["Contact"].get("Attributes"))
        # RelatedContactId sets no limit (unlike the 12 tasks of a PreviousContactId)
        for i in range(13):
            self.connect.start_task_contact(InstanceId=self.instance_id, Name=f"t{i}", ContactFlowId=flow, RelatedContactId=first)


class ChannelAfterContactWorkTests(ConnectTestCase):
    """A channel's after contact work limit is at least 1 second; VOICE's is PhoneConfig's, which may be 0."""

    def test_zero_is_refused_for_other_channels_and_the_agent_first_callback_limit(self):
        profile = self.connect.list_routing_profiles(InstanceId=self.instance_id)["RoutingProfileSummaryList"][0]["Id"]
        security = self.connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"][0]["Id"]

        def create(configs):
            return self.connect.create_user(
                InstanceId=self.instance_id, Username=unique("acw"), Password="Passw0rd!Passw0rd", IdentityInfo={"FirstName": "A", "LastName": "B"},
                SecurityProfileIds=[security], RoutingProfileId=profile, AutoAcceptConfigs=[{"Channel": "VOICE", "AutoAccept": False}],
                AfterContactWorkConfigs=configs, PhoneNumberConfigs=[{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}])["UserId"]

        for bad in ([{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 0}}],
                    [{"Channel": "VOICE", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 30},
                      "AgentFirstCallbackAfterContactWorkConfig": {"AfterContactWorkTimeLimit": 0}}]):
            with self.subTest(configs=bad):
                self.assertError("InvalidParameterException", create, bad, status=400,
                                 message="Invalid parameter: a channel's AfterContactWorkTimeLimit must be at least 1 second.")
        user = create([{"Channel": "VOICE", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 0}},
                       {"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 1}}])
        described = self.connect.describe_user(InstanceId=self.instance_id, UserId=user)["User"]
        # the read-modify-write of DescribeUser's lists goes through (VOICE 0 is PhoneConfig's no-limit)
        self.connect.update_user_config(InstanceId=self.instance_id, UserId=user, AfterContactWorkConfigs=described["AfterContactWorkConfigs"])
        self.assertError("InvalidParameterException", self.connect.update_user_config, InstanceId=self.instance_id, UserId=user,
                         AfterContactWorkConfigs=[{"Channel": "TASK", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 0}}])


class CampaignAndTaskQuotaTests(unittest.TestCase):
    """On a server of its own (--active-tasks-quota 3 --allow-campaign-calls): the open-task quota and campaign calls."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cls.server = OwnServer(cls.dir, "--in-memory", "--active-tasks-quota", "3", "--allow-campaign-calls").start()
        cls.connect = cls.server.client()
        cls.instance_id = create_instance(cls.connect)
        cls.flow = inbound_flow(cls.connect, cls.instance_id)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def task(self, instance_id=None):
        return self.connect.start_task_contact(InstanceId=instance_id or self.instance_id, Name=unique("t"), ContactFlowId=self.flow)["ContactId"]

    def test_past_the_active_tasks_quota_a_task_is_refused_until_one_ends(self):
        open_tasks = [self.task() for _ in range(3)]
        with self.assertRaises(self.connect.exceptions.ServiceQuotaExceededException) as ctx:
            self.task()
        self.assertEqual(402, ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual("The instance already has 3 open tasks, its active tasks quota.", ctx.exception.response["Error"]["Message"])
        # the quota is per instance
        other = create_instance(self.connect)
        self.connect.start_task_contact(InstanceId=other, Name="t", ContactFlowId=inbound_flow(self.connect, other))
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=open_tasks[0])
        self.task()

    def test_campaign_calls_are_placed_once_the_quota_is_raised(self):
        self.assertTrue(self.connect.start_outbound_voice_contact(
            InstanceId=self.instance_id, ContactFlowId=self.flow, DestinationPhoneNumber="+12065550123", SourcePhoneNumber="+12065550100",
            TrafficType="CAMPAIGN", AnswerMachineDetectionConfig={"EnableAnswerMachineDetection": True})["ContactId"])


class CampaignByDefaultTests(ConnectTestCase):
    def test_campaign_calls_are_not_allowed_by_default(self):
        self.assertError("OutboundContactNotPermittedException", self.connect.start_outbound_voice_contact, status=403,
                         InstanceId=self.instance_id, ContactFlowId=inbound_flow(self.connect, self.instance_id),
                         DestinationPhoneNumber="+12065550123", SourcePhoneNumber="+12065550100", TrafficType="CAMPAIGN")
