"""Routing profiles through boto3 and the aws CLI (behaviour doc §3, contract §7, docs/choices.md)."""
import json
import unittest

import boto3
from botocore.config import Config

from support import ENDPOINT, ConnectTestCase, cli, client, create_instance, unique

CHANNELS = ["VOICE", "CHAT", "TASK", "EMAIL"]
MISSING_ID = "00000000-0000-4000-8000-000000000000"


def unvalidated_client():
    """A client that sends what it is given: botocore checks minimum values itself and would not send 0."""
    return boto3.client(
        "connect",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False),
    )


def range_message(value, path, bound):
    kind = "less than or equal to 10" if bound == "max" else "greater than or equal to 1"
    return (f"1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: "
            f"Member must have value {kind}")


class RoutingProfileTestCase(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loose = unvalidated_client()
        basic = [s for s in cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
                 if s["Name"] == "Basic Routing Profile"]
        cls.basic_profile_id = basic[0]["Id"]
        cls.basic_queue_id = cls.connect.describe_routing_profile(
            InstanceId=cls.instance_id, RoutingProfileId=cls.basic_profile_id)["RoutingProfile"]["DefaultOutboundQueueId"]

    def create_profile(self, name=None, concurrencies=None, queue_configs=None, **extra):
        args = dict(
            InstanceId=self.instance_id,
            Name=name or unique("rp"),
            Description="a test profile",
            DefaultOutboundQueueId=self.basic_queue_id,
            MediaConcurrencies=concurrencies or [{"Channel": "VOICE", "Concurrency": 1}],
            **extra,
        )
        if queue_configs is not None:
            args["QueueConfigs"] = queue_configs
        return self.connect.create_routing_profile(**args)["RoutingProfileId"]

    def describe(self, profile_id, instance_id=None):
        return self.connect.describe_routing_profile(
            InstanceId=instance_id or self.instance_id, RoutingProfileId=profile_id)["RoutingProfile"]

    def queue_configs(self, profile_id):
        pages = self.connect.get_paginator("list_routing_profile_queues").paginate(
            InstanceId=self.instance_id, RoutingProfileId=profile_id)
        return sorted(((c["QueueId"], c["Channel"], c["Priority"], c["Delay"])
                       for p in pages for c in p["RoutingProfileQueueConfigSummaryList"]))

    def profile_names(self, instance_id=None):
        pages = self.connect.get_paginator("list_routing_profiles").paginate(InstanceId=instance_id or self.instance_id)
        return [s["Name"] for p in pages for s in p["RoutingProfileSummaryList"]]

    def config(self, channel, priority=1, delay=0, queue_id=None):
        return {"QueueReference": {"QueueId": queue_id or self.basic_queue_id, "Channel": channel},
                "Priority": priority, "Delay": delay}

    def create_queue(self, name):
        """A standard queue beyond BasicQueue, on the instance's first hours of operation."""
        hours_id = self.connect.list_hours_of_operations(InstanceId=self.instance_id)["HoursOfOperationSummaryList"][0]["Id"]
        return self.connect.create_queue(InstanceId=self.instance_id, Name=name, HoursOfOperationId=hours_id)["QueueId"]


class CreateAndDescribeTests(RoutingProfileTestCase):
    def test_create_then_describe_returns_every_field(self):
        name = unique("full")
        out = self.connect.create_routing_profile(
            InstanceId=self.instance_id, Name=name, Description="full profile",
            DefaultOutboundQueueId=self.basic_queue_id,
            MediaConcurrencies=[
                {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
                {"Channel": "CHAT", "Concurrency": 3, "CrossChannelBehavior": {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}},
                {"Channel": "TASK", "Concurrency": 2},
            ],
            QueueConfigs=[self.config("VOICE", 2, 5), self.config("CHAT")],
            Tags={"team": "blue"},
            AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND",
        )
        pid = out["RoutingProfileId"]
        arn = f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/routing-profile/{pid}"
        self.assertEqual(arn, out["RoutingProfileArn"])
        rp = self.describe(pid)
        self.assertEqual(self.instance_id, rp["InstanceId"])
        self.assertEqual(name, rp["Name"])
        self.assertEqual(arn, rp["RoutingProfileArn"])
        self.assertEqual(pid, rp["RoutingProfileId"])
        self.assertEqual("full profile", rp["Description"])
        self.assertEqual([
            {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
            {"Channel": "CHAT", "Concurrency": 3, "CrossChannelBehavior": {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}},
            {"Channel": "TASK", "Concurrency": 2},
        ], rp["MediaConcurrencies"])
        self.assertEqual(self.basic_queue_id, rp["DefaultOutboundQueueId"])
        self.assertEqual({"team": "blue"}, rp["Tags"])
        self.assertEqual(1, rp["NumberOfAssociatedQueues"])  # one queue, on two channels
        self.assertEqual(0, rp["NumberOfAssociatedUsers"])
        self.assertEqual("TIME_SINCE_LAST_INBOUND", rp["AgentAvailabilityTimer"])
        self.assertEqual("us-east-1", rp["LastModifiedRegion"])
        self.assertIn("LastModifiedTime", rp)
        self.assertFalse(rp["IsDefault"])
        # AWS: "DescribeRoutingProfile does not populate AssociatedQueueIds"
        self.assertNotIn("AssociatedQueueIds", rp)
        self.assertEqual([(self.basic_queue_id, "CHAT", 1, 0), (self.basic_queue_id, "VOICE", 2, 5)], self.queue_configs(pid))
        # the ARN names the same profile, and the instance may be given by ARN too
        instance_arn = f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}"
        self.assertEqual(pid, self.describe(arn, instance_id=instance_arn)["RoutingProfileId"])

    def test_default_profile_is_described_as_default(self):
        rp = self.describe(self.basic_profile_id)
        self.assertTrue(rp["IsDefault"])
        self.assertEqual([{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2},
                          {"Channel": "TASK", "Concurrency": 1}], rp["MediaConcurrencies"])

    def test_create_without_timer_reports_time_since_last_activity(self):
        self.assertEqual("TIME_SINCE_LAST_ACTIVITY", self.describe(self.create_profile())["AgentAvailabilityTimer"])

    def test_create_without_queue_configs_has_no_queues(self):
        pid = self.create_profile()
        self.assertEqual(0, self.describe(pid)["NumberOfAssociatedQueues"])
        self.assertEqual([], self.queue_configs(pid))

    def test_create_refuses_a_duplicate_name_and_stores_nothing(self):
        name = unique("dup")
        self.create_profile(name)
        self.assertError("DuplicateResourceException", self.create_profile, name, status=409)
        self.assertEqual(1, self.profile_names().count(name))

    def test_create_in_unknown_instance_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.create_routing_profile,
                         InstanceId=MISSING_ID, Name="x", Description="x", DefaultOutboundQueueId=self.basic_queue_id,
                         MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}], status=404, message="Instance not found")

    def test_create_with_unknown_queues_is_not_found_and_stores_nothing(self):
        name = unique("noq")
        self.assertError("ResourceNotFoundException", self.connect.create_routing_profile,
                         InstanceId=self.instance_id, Name=name, Description="d", DefaultOutboundQueueId=MISSING_ID,
                         MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
                         status=404, message=f"Queue {MISSING_ID} not found")
        # the second queue config names a missing queue: the whole request fails
        self.assertError("ResourceNotFoundException", self.create_profile, name,
                         queue_configs=[self.config("VOICE"), self.config("CHAT", queue_id=MISSING_ID)],
                         status=404, message=f"Queue {MISSING_ID} not found")
        self.assertNotIn(name, self.profile_names())

    def test_create_refuses_bad_concurrency_lists(self):
        name = unique("badmc")
        cases = [
            ([{"Channel": "VOICE", "Concurrency": 2}], "Invalid parameter: concurrency 2 for channel VOICE; VOICE allows exactly 1"),
            ([{"Channel": "CHAT", "Concurrency": 2}, {"Channel": "CHAT", "Concurrency": 3}],
             "Invalid parameter: channel CHAT is listed more than once in MediaConcurrencies"),
            ([], "Invalid parameter: MediaConcurrencies must include at least 1 item"),
        ]
        for concurrencies, message in cases:
            with self.subTest(concurrencies=concurrencies):
                self.assertError("InvalidParameterException", self.loose.create_routing_profile,
                                 InstanceId=self.instance_id, Name=name, Description="d",
                                 DefaultOutboundQueueId=self.basic_queue_id, MediaConcurrencies=concurrencies,
                                 status=400, message=message)
        self.assertNotIn(name, self.profile_names())

    def test_create_refuses_a_queue_config_listed_twice(self):
        self.assertError("InvalidParameterException", self.create_profile,
                         queue_configs=[self.config("VOICE"), self.config("VOICE", 2)],
                         message=f"Invalid parameter: queue {self.basic_queue_id} on channel VOICE is listed more than once")

    def test_create_checks_model_ranges_of_queue_configs(self):
        self.assertError("InvalidParameterException", self.loose.create_routing_profile,
                         InstanceId=self.instance_id, Name=unique("rng"), Description="d",
                         DefaultOutboundQueueId=self.basic_queue_id,
                         MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
                         QueueConfigs=[self.config("VOICE", priority=100, delay=10000)],
                         message="2 validation errors detected: Value '100' at 'queueConfigs.1.member.priority' failed "
                                 "to satisfy constraint: Member must have value less than or equal to 99; Value '10000' "
                                 "at 'queueConfigs.1.member.delay' failed to satisfy constraint: Member must have value "
                                 "less than or equal to 9999")

    def manual_queues(self, profile_id):
        pages = self.connect.get_paginator("list_routing_profile_manual_assignment_queues").paginate(
            InstanceId=self.instance_id, RoutingProfileId=profile_id) if self.connect.can_paginate(
            "list_routing_profile_manual_assignment_queues") else [self.connect.list_routing_profile_manual_assignment_queues(
                InstanceId=self.instance_id, RoutingProfileId=profile_id)]
        return sorted((c["QueueId"], c["Channel"]) for p in pages for c in p["RoutingProfileManualAssignmentQueueConfigSummaryList"])

    def test_manual_assignment_queues_are_kept_apart_from_routed_queues(self):
        queue_arn = self.connect.describe_queue(InstanceId=self.instance_id, QueueId=self.basic_queue_id)["Queue"]["QueueArn"]
        pid = self.create_profile(ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": queue_arn, "Channel": "CHAT"}}])
        self.assertEqual([(self.basic_queue_id, "CHAT")], self.manual_queues(pid))
        self.assertEqual([], self.queue_configs(pid))
        profile = self.describe(pid)
        self.assertEqual((0, 1), (profile["NumberOfAssociatedQueues"], profile["NumberOfAssociatedManualAssignmentQueues"]))
        self.connect.associate_routing_profile_queues(
            InstanceId=self.instance_id, RoutingProfileId=pid,
            ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": self.basic_queue_id, "Channel": "TASK"}}],
            QueueConfigs=[self.config("VOICE")])
        self.assertEqual([(self.basic_queue_id, "CHAT"), (self.basic_queue_id, "TASK")], self.manual_queues(pid))
        self.assertEqual([(self.basic_queue_id, "VOICE", 1, 0)], self.queue_configs(pid))
        listed = self.connect.list_routing_profile_manual_assignment_queues(InstanceId=self.instance_id, RoutingProfileId=pid, MaxResults=1)
        self.assertEqual({"QueueId", "QueueArn", "QueueName", "Channel"}, set(listed["RoutingProfileManualAssignmentQueueConfigSummaryList"][0]))
        self.assertEqual("BasicQueue", listed["RoutingProfileManualAssignmentQueueConfigSummaryList"][0]["QueueName"])
        self.assertIn("NextToken", listed)
        self.assertEqual("us-east-1", listed["LastModifiedRegion"])
        self.assertError("InvalidParameterException", self.connect.associate_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=pid,
                         ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": self.basic_queue_id, "Channel": "CHAT"}}])
        self.assertError("InvalidParameterException", self.create_profile,
                         ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": self.basic_queue_id, "Channel": "VOICE"}}])
        self.assertError("InvalidParameterException", self.connect.associate_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=pid,
                         ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": self.basic_queue_id, "Channel": "VOICE"}}])
        self.connect.disassociate_routing_profile_queues(
            InstanceId=self.instance_id, RoutingProfileId=pid,
            ManualAssignmentQueueReferences=[{"QueueId": queue_arn, "Channel": "CHAT"}])
        self.assertEqual([(self.basic_queue_id, "TASK")], self.manual_queues(pid))
        self.assertEqual([(self.basic_queue_id, "VOICE", 1, 0)], self.queue_configs(pid))

    def test_profiles_of_another_account_or_region_are_invisible(self):
        pid = self.create_profile()
        self.assertError("ResourceNotFoundException", client(account="111122223333").describe_routing_profile,
                         InstanceId=self.instance_id, RoutingProfileId=pid, message="Instance not found")
        other_region_arn = self.describe(pid)["RoutingProfileArn"].replace("us-east-1", "us-west-2")
        self.assertError("ResourceNotFoundException", self.connect.describe_routing_profile,
                         InstanceId=self.instance_id, RoutingProfileId=other_region_arn, message="Routing profile not found")

    def test_describe_unknown_profile_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.describe_routing_profile,
                         InstanceId=self.instance_id, RoutingProfileId=MISSING_ID, status=404,
                         message="Routing profile not found")
        self.assertError("ResourceNotFoundException", self.connect.describe_routing_profile,
                         InstanceId=MISSING_ID, RoutingProfileId=self.basic_profile_id, message="Instance not found")


class ConcurrencyTests(RoutingProfileTestCase):
    def update(self, pid, concurrencies, c=None):
        (c or self.connect).update_routing_profile_concurrency(
            InstanceId=self.instance_id, RoutingProfileId=pid, MediaConcurrencies=concurrencies)

    def test_boundary_values_for_each_channel(self):
        pid = self.create_profile()
        path = "mediaConcurrencies.1.member.concurrency"
        for channel in ["CHAT", "TASK", "EMAIL"]:
            with self.subTest(channel=channel):
                for good in (1, 10):
                    self.update(pid, [{"Channel": channel, "Concurrency": good}])
                    self.assertEqual([{"Channel": channel, "Concurrency": good}], self.describe(pid)["MediaConcurrencies"])
                self.assertError("InvalidParameterException", self.update, pid, [{"Channel": channel, "Concurrency": 0}],
                                 self.loose, status=400, message=range_message(0, path, "min"))
                self.assertError("InvalidParameterException", self.update, pid, [{"Channel": channel, "Concurrency": 11}],
                                 status=400, message=range_message(11, path, "max"))
                # a refused request leaves the last good state
                self.assertEqual([{"Channel": channel, "Concurrency": 10}], self.describe(pid)["MediaConcurrencies"])

    def test_voice_allows_exactly_one(self):
        pid = self.create_profile()
        path = "mediaConcurrencies.1.member.concurrency"
        self.update(pid, [{"Channel": "VOICE", "Concurrency": 1}])
        self.assertError("InvalidParameterException", self.update, pid, [{"Channel": "VOICE", "Concurrency": 0}],
                         self.loose, message=range_message(0, path, "min"))
        for bad in (2, 10):
            self.assertError("InvalidParameterException", self.update, pid, [{"Channel": "VOICE", "Concurrency": bad}],
                             status=400, message=f"Invalid parameter: concurrency {bad} for channel VOICE; VOICE allows exactly 1")
        self.assertError("InvalidParameterException", self.update, pid, [{"Channel": "VOICE", "Concurrency": 11}],
                         message=range_message(11, path, "max"))
        self.assertEqual([{"Channel": "VOICE", "Concurrency": 1}], self.describe(pid)["MediaConcurrencies"])

    def test_the_exact_front_end_message_for_eleven(self):
        pid = self.create_profile()
        self.assertError("InvalidParameterException", self.update, pid, [{"Channel": "CHAT", "Concurrency": 11}],
                         message="1 validation error detected: Value '11' at 'mediaConcurrencies.1.member.concurrency' "
                                 "failed to satisfy constraint: Member must have value less than or equal to 10")

    def test_list_replaces_the_channel_set_everywhere_at_once(self):
        name = unique("replace")
        pid = self.create_profile(name, [{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2},
                                         {"Channel": "TASK", "Concurrency": 3}])
        before = self.describe(pid)["LastModifiedTime"]
        self.update(pid, [{"Channel": "CHAT", "Concurrency": 5}, {"Channel": "EMAIL", "Concurrency": 4}])
        wanted = [{"Channel": "CHAT", "Concurrency": 5}, {"Channel": "EMAIL", "Concurrency": 4}]
        rp = self.describe(pid)
        self.assertEqual(wanted, rp["MediaConcurrencies"])
        self.assertGreaterEqual(rp["LastModifiedTime"], before)
        found = self.connect.search_routing_profiles(
            InstanceId=self.instance_id,
            SearchCriteria={"StringCondition": {"FieldName": "name", "Value": name, "ComparisonType": "EXACT"}})
        self.assertEqual([wanted], [p["MediaConcurrencies"] for p in found["RoutingProfiles"]])
        summaries = [s for p in self.connect.get_paginator("list_routing_profiles").paginate(InstanceId=self.instance_id)
                     for s in p["RoutingProfileSummaryList"] if s["Id"] == pid]
        self.assertEqual(rp["LastModifiedTime"], summaries[0]["LastModifiedTime"])

    def test_cross_channel_behaviour_round_trips_and_absence_stays_absent(self):
        pid = self.create_profile()
        for behaviour in ["ROUTE_ANY_CHANNEL", "ROUTE_CURRENT_CHANNEL_ONLY"]:
            wanted = [{"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": behaviour}},
                      {"Channel": "CHAT", "Concurrency": 4}]
            self.update(pid, wanted)
            self.assertEqual(wanted, self.describe(pid)["MediaConcurrencies"])
        self.update(pid, [{"Channel": "VOICE", "Concurrency": 1}])
        self.assertNotIn("CrossChannelBehavior", self.describe(pid)["MediaConcurrencies"][0])

    def test_duplicate_channels_and_empty_list_are_refused_and_change_nothing(self):
        pid = self.create_profile(concurrencies=[{"Channel": "TASK", "Concurrency": 7}])
        self.assertError("InvalidParameterException", self.update, pid,
                         [{"Channel": "CHAT", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2}],
                         message="Invalid parameter: channel CHAT is listed more than once in MediaConcurrencies")
        self.assertError("InvalidParameterException", self.update, pid, [], self.loose,
                         message="Invalid parameter: MediaConcurrencies must include at least 1 item")
        self.assertEqual([{"Channel": "TASK", "Concurrency": 7}], self.describe(pid)["MediaConcurrencies"])

    def test_bad_behaviour_type_and_channel_are_refused_by_the_model(self):
        pid = self.create_profile()
        self.assertError("InvalidParameterException", self.update, pid,
                         [{"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_SOMEWHERE"}}],
                         self.loose,
                         message="1 validation error detected: Value 'ROUTE_SOMEWHERE' at "
                                 "'mediaConcurrencies.1.member.crossChannelBehavior.behaviorType' failed to satisfy "
                                 "constraint: Member must satisfy enum value set: [ROUTE_CURRENT_CHANNEL_ONLY, ROUTE_ANY_CHANNEL]")
        self.assertError("InvalidParameterException", self.update, pid, [{"Channel": "FAX", "Concurrency": 1}], self.loose)
        self.assertEqual([{"Channel": "VOICE", "Concurrency": 1}], self.describe(pid)["MediaConcurrencies"])

    def test_unknown_instance_or_profile_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_concurrency,
                         InstanceId=MISSING_ID, RoutingProfileId=self.basic_profile_id,
                         MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}], status=404, message="Instance not found")
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_concurrency,
                         InstanceId=self.instance_id, RoutingProfileId=MISSING_ID,
                         MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}], status=404,
                         message="Routing profile not found")

    def test_cli_update_routing_profile_concurrency(self):
        pid = self.create_profile()
        wanted = [{"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
                  {"Channel": "CHAT", "Concurrency": 10}]
        result = cli("update-routing-profile-concurrency", "--instance-id", self.instance_id,
                     "--routing-profile-id", pid, "--media-concurrencies", json.dumps(wanted))
        self.assertEqual("", result.stdout.strip())
        described = json.loads(cli("describe-routing-profile", "--instance-id", self.instance_id,
                                   "--routing-profile-id", pid).stdout)["RoutingProfile"]
        self.assertEqual(wanted, described["MediaConcurrencies"])
        refused = cli("update-routing-profile-concurrency", "--instance-id", self.instance_id, "--routing-profile-id", pid,
                      "--media-concurrencies", json.dumps([{"Channel": "VOICE", "Concurrency": 2}]), check=False)
        self.assertNotEqual(0, refused.returncode)
        self.assertIn("InvalidParameterException", refused.stderr)
        self.assertIn("VOICE allows exactly 1", refused.stderr)
        self.assertEqual(wanted, self.describe(pid)["MediaConcurrencies"])


class NameOutboundQueueAndTimerTests(RoutingProfileTestCase):
    def test_update_name_and_description(self):
        pid = self.create_profile()
        new_name = unique("renamed")
        self.connect.update_routing_profile_name(InstanceId=self.instance_id, RoutingProfileId=pid, Name=new_name)
        self.assertEqual((new_name, "a test profile"), (self.describe(pid)["Name"], self.describe(pid)["Description"]))
        self.connect.update_routing_profile_name(InstanceId=self.instance_id, RoutingProfileId=pid, Description="new words")
        self.assertEqual((new_name, "new words"), (self.describe(pid)["Name"], self.describe(pid)["Description"]))
        # its own name is not a duplicate
        self.connect.update_routing_profile_name(InstanceId=self.instance_id, RoutingProfileId=pid, Name=new_name)
        self.assertIn(new_name, self.profile_names())

    def test_update_name_errors(self):
        pid = self.create_profile()
        taken = unique("taken")
        self.create_profile(taken)
        self.assertError("DuplicateResourceException", self.connect.update_routing_profile_name,
                         InstanceId=self.instance_id, RoutingProfileId=pid, Name=taken, status=409)
        self.assertError("InvalidParameterException", self.connect.update_routing_profile_name,
                         InstanceId=self.instance_id, RoutingProfileId=pid, status=400,
                         message="Invalid parameter: at least one of Name or Description must be provided")
        self.assertError("InvalidParameterException", self.connect.update_routing_profile_name,
                         InstanceId=self.instance_id, RoutingProfileId=pid, Name="x" * 128)
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_name,
                         InstanceId=self.instance_id, RoutingProfileId=MISSING_ID, Name="x", message="Routing profile not found")
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_name,
                         InstanceId=MISSING_ID, RoutingProfileId=pid, Name="x", message="Instance not found")
        self.assertNotEqual(taken, self.describe(pid)["Name"])

    def test_update_default_outbound_queue(self):
        pid = self.create_profile()
        self.connect.update_routing_profile_default_outbound_queue(
            InstanceId=self.instance_id, RoutingProfileId=pid, DefaultOutboundQueueId=self.basic_queue_id)
        self.assertEqual(self.basic_queue_id, self.describe(pid)["DefaultOutboundQueueId"])
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_default_outbound_queue,
                         InstanceId=self.instance_id, RoutingProfileId=pid, DefaultOutboundQueueId=MISSING_ID,
                         status=404, message=f"Queue {MISSING_ID} not found")
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_default_outbound_queue,
                         InstanceId=self.instance_id, RoutingProfileId=MISSING_ID, DefaultOutboundQueueId=self.basic_queue_id,
                         message="Routing profile not found")
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_default_outbound_queue,
                         InstanceId=MISSING_ID, RoutingProfileId=pid, DefaultOutboundQueueId=self.basic_queue_id,
                         message="Instance not found")
        self.assertEqual(self.basic_queue_id, self.describe(pid)["DefaultOutboundQueueId"])

    def test_default_outbound_queue_can_be_a_new_queue(self):
        queue_id = self.create_queue(unique("outq"))
        pid = self.create_profile()
        self.connect.update_routing_profile_default_outbound_queue(
            InstanceId=self.instance_id, RoutingProfileId=pid, DefaultOutboundQueueId=queue_id)
        self.assertEqual(queue_id, self.describe(pid)["DefaultOutboundQueueId"])

    def test_update_agent_availability_timer(self):
        pid = self.create_profile()
        for timer in ["TIME_SINCE_LAST_INBOUND", "TIME_SINCE_LAST_ACTIVITY"]:
            self.connect.update_routing_profile_agent_availability_timer(
                InstanceId=self.instance_id, RoutingProfileId=pid, AgentAvailabilityTimer=timer)
            self.assertEqual(timer, self.describe(pid)["AgentAvailabilityTimer"])
        self.assertError("InvalidParameterException", self.loose.update_routing_profile_agent_availability_timer,
                         InstanceId=self.instance_id, RoutingProfileId=pid, AgentAvailabilityTimer="SOMETIMES",
                         message="1 validation error detected: Value 'SOMETIMES' at 'agentAvailabilityTimer' failed to "
                                 "satisfy constraint: Member must satisfy enum value set: "
                                 "[TIME_SINCE_LAST_ACTIVITY, TIME_SINCE_LAST_INBOUND]")
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_agent_availability_timer,
                         InstanceId=self.instance_id, RoutingProfileId=MISSING_ID,
                         AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND", message="Routing profile not found")
        self.assertError("ResourceNotFoundException", self.connect.update_routing_profile_agent_availability_timer,
                         InstanceId=MISSING_ID, RoutingProfileId=pid,
                         AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND", message="Instance not found")
        self.assertEqual("TIME_SINCE_LAST_ACTIVITY", self.describe(pid)["AgentAvailabilityTimer"])


class QueueConfigTests(RoutingProfileTestCase):
    def associate(self, pid, configs, c=None):
        (c or self.connect).associate_routing_profile_queues(InstanceId=self.instance_id, RoutingProfileId=pid, QueueConfigs=configs)

    def disassociate(self, pid, references, c=None):
        (c or self.connect).disassociate_routing_profile_queues(
            InstanceId=self.instance_id, RoutingProfileId=pid, QueueReferences=references)

    def update(self, pid, configs, c=None):
        (c or self.connect).update_routing_profile_queues(InstanceId=self.instance_id, RoutingProfileId=pid, QueueConfigs=configs)

    def test_associate_update_disassociate(self):
        q = self.basic_queue_id
        pid = self.create_profile()
        # [choice] a queue config's channel need not be enabled in the profile
        self.associate(pid, [self.config("VOICE", 5, 10), self.config("CHAT", 2, 0), self.config("EMAIL", 3, 30)])
        self.assertEqual([(q, "CHAT", 2, 0), (q, "EMAIL", 3, 30), (q, "VOICE", 5, 10)], self.queue_configs(pid))
        self.assertEqual(1, self.describe(pid)["NumberOfAssociatedQueues"])
        self.update(pid, [self.config("VOICE", 99, 9999), self.config("CHAT", 1, 0)])
        self.assertEqual([(q, "CHAT", 1, 0), (q, "EMAIL", 3, 30), (q, "VOICE", 99, 9999)], self.queue_configs(pid))
        self.disassociate(pid, [{"QueueId": q, "Channel": "VOICE"}, {"QueueId": q, "Channel": "EMAIL"}])
        self.assertEqual([(q, "CHAT", 1, 0)], self.queue_configs(pid))
        self.disassociate(pid, [{"QueueId": q, "Channel": "CHAT"}])
        self.assertEqual([], self.queue_configs(pid))
        self.assertEqual(0, self.describe(pid)["NumberOfAssociatedQueues"])

    def test_list_shows_queue_name_arn_and_the_profiles_last_modification(self):
        pid = self.create_profile(queue_configs=[self.config("TASK", 4, 60)])
        out = self.connect.list_routing_profile_queues(InstanceId=self.instance_id, RoutingProfileId=pid)
        rp = self.describe(pid)
        self.assertEqual([{
            "QueueId": self.basic_queue_id,
            "QueueArn": f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/queue/{self.basic_queue_id}",
            "QueueName": "BasicQueue",
            "Priority": 4,
            "Delay": 60,
            "Channel": "TASK",
        }], out["RoutingProfileQueueConfigSummaryList"])
        self.assertEqual(rp["LastModifiedTime"], out["LastModifiedTime"])
        self.assertEqual("us-east-1", out["LastModifiedRegion"])
        self.assertNotIn("NextToken", out)

    def test_associating_an_existing_pair_is_refused(self):
        pid = self.create_profile(queue_configs=[self.config("VOICE", 3)])
        self.assertError("InvalidParameterException", self.associate, pid, [self.config("CHAT"), self.config("VOICE", 7)],
                         status=400,
                         message=f"Invalid parameter: queue {self.basic_queue_id} is already associated with the routing "
                                 f"profile on channel VOICE")
        self.assertEqual([(self.basic_queue_id, "VOICE", 3, 0)], self.queue_configs(pid))

    def test_pairs_listed_twice_are_refused(self):
        pid = self.create_profile(queue_configs=[self.config("VOICE")])
        ref = {"QueueId": self.basic_queue_id, "Channel": "VOICE"}
        message = f"Invalid parameter: queue {self.basic_queue_id} on channel VOICE is listed more than once"
        self.assertError("InvalidParameterException", self.associate, pid, [self.config("CHAT"), self.config("CHAT")],
                         message=message.replace("VOICE", "CHAT"))
        self.assertError("InvalidParameterException", self.update, pid, [self.config("VOICE"), self.config("VOICE", 2)],
                         message=message)
        self.assertError("InvalidParameterException", self.disassociate, pid, [ref, ref], message=message)
        self.assertEqual([(self.basic_queue_id, "VOICE", 1, 0)], self.queue_configs(pid))

    def test_unassociated_pairs_cannot_be_updated_or_disassociated(self):
        pid = self.create_profile(queue_configs=[self.config("VOICE")])
        self.assertError("InvalidParameterException", self.update, pid, [self.config("VOICE", 9), self.config("EMAIL", 2)],
                         message=f"Invalid parameter: queue {self.basic_queue_id} is not associated with the routing "
                                 f"profile on channel EMAIL")
        self.assertError("InvalidParameterException", self.disassociate, pid,
                         [{"QueueId": self.basic_queue_id, "Channel": "VOICE"}, {"QueueId": self.basic_queue_id, "Channel": "CHAT"}],
                         message=f"Invalid parameter: queue {self.basic_queue_id} is not associated with the routing "
                                 f"profile on channel CHAT")
        self.assertEqual([(self.basic_queue_id, "VOICE", 1, 0)], self.queue_configs(pid))

    def test_unknown_queue_is_not_found_and_changes_nothing(self):
        pid = self.create_profile(queue_configs=[self.config("VOICE")])
        for call in (self.associate, self.update):
            with self.subTest(call=call.__name__):
                self.assertError("ResourceNotFoundException", call, pid, [self.config("CHAT"), self.config("TASK", queue_id=MISSING_ID)],
                                 status=404, message=f"Queue {MISSING_ID} not found")
        self.assertEqual([(self.basic_queue_id, "VOICE", 1, 0)], self.queue_configs(pid))

    def test_unknown_instance_or_profile_is_not_found(self):
        ops = [
            (self.connect.associate_routing_profile_queues, dict(QueueConfigs=[self.config("VOICE")])),
            (self.connect.update_routing_profile_queues, dict(QueueConfigs=[self.config("VOICE")])),
            (self.connect.disassociate_routing_profile_queues, dict(QueueReferences=[{"QueueId": self.basic_queue_id, "Channel": "VOICE"}])),
            (self.connect.list_routing_profile_queues, {}),
        ]
        for op, args in ops:
            with self.subTest(op=op.__name__):
                self.assertError("ResourceNotFoundException", op, InstanceId=MISSING_ID,
                                 RoutingProfileId=self.basic_profile_id, status=404, message="Instance not found", **args)
                self.assertError("ResourceNotFoundException", op, InstanceId=self.instance_id,
                                 RoutingProfileId=MISSING_ID, status=404, message="Routing profile not found", **args)

    def test_list_sizes_and_ranges(self):
        pid = self.create_profile(queue_configs=[self.config("VOICE")])
        eleven = [self.config("VOICE", queue_id=f"00000000-0000-4000-8000-0000000000{i:02}") for i in range(11)]
        error = self.assertError("InvalidParameterException", self.associate, pid, eleven, self.loose)
        self.assertTrue(error.response["Error"]["Message"].endswith(
            "at 'queueConfigs' failed to satisfy constraint: Member must have length less than or equal to 10"))
        # the model sets no maximum on QueueReferences, the operation's documentation does
        refs = [{"QueueId": f"00000000-0000-4000-8000-0000000000{i:02}", "Channel": "VOICE"} for i in range(11)]
        self.assertError("InvalidParameterException", self.disassociate, pid, refs,
                         message="Invalid parameter: QueueReferences must include at most 10 items")
        self.assertError("InvalidParameterException", self.disassociate, pid, [], self.loose,
                         message="Invalid parameter: QueueReferences must include at least 1 item")
        self.assertError("InvalidParameterException", self.loose.associate_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=pid,
                         message="Invalid parameter: QueueConfigs must include at least 1 item")
        self.assertError("InvalidParameterException", self.update, pid, [self.config("VOICE", priority=0)], self.loose,
                         message="1 validation error detected: Value '0' at 'queueConfigs.1.member.priority' failed to "
                                 "satisfy constraint: Member must have value greater than or equal to 1")
        self.assertError("InvalidParameterException", self.update, pid, [self.config("VOICE", delay=-1)], self.loose)
        self.assertError("InvalidParameterException", self.connect.disassociate_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=pid,
                         ManualAssignmentQueueReferences=[{"QueueId": self.basic_queue_id, "Channel": "CHAT"}])
        self.assertEqual([(self.basic_queue_id, "VOICE", 1, 0)], self.queue_configs(pid))

    def test_list_routing_profile_queues_pages(self):
        pid = self.create_profile(queue_configs=[self.config(c) for c in CHANNELS])
        seen, token, pages = [], None, 0
        while True:
            args = dict(InstanceId=self.instance_id, RoutingProfileId=pid, MaxResults=3)
            if token:
                args["NextToken"] = token
            out = self.connect.list_routing_profile_queues(**args)
            pages += 1
            self.assertLessEqual(len(out["RoutingProfileQueueConfigSummaryList"]), 3)
            seen += [c["Channel"] for c in out["RoutingProfileQueueConfigSummaryList"]]
            token = out.get("NextToken")
            if not token:
                break
        self.assertEqual(2, pages)
        self.assertEqual(sorted(CHANNELS), sorted(seen))
        self.assertError("InvalidRequestException", self.connect.list_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=pid, NextToken="forged.token",
                         message="The nextToken is not valid.")
        # a token belongs to the profile it was issued for
        first = self.connect.list_routing_profile_queues(InstanceId=self.instance_id, RoutingProfileId=pid, MaxResults=1)
        self.assertError("InvalidRequestException", self.connect.list_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=self.basic_profile_id, NextToken=first["NextToken"])
        self.assertError("InvalidParameterException", self.connect.list_routing_profile_queues,
                         InstanceId=self.instance_id, RoutingProfileId=pid, MaxResults=101)

    def test_queue_quota_counts_queue_and_channel_pairs(self):
        queues = [self.create_queue(unique(f"quota{i}")) for i in range(13)]
        pid = self.create_profile()
        all_pairs = [self.config(ch, queue_id=q) for q in queues for ch in CHANNELS]
        pairs, the_51st = all_pairs[:50], all_pairs[50]
        for start in range(0, 50, 10):
            self.associate(pid, pairs[start:start + 10])
        self.assertEqual(50, len(self.queue_configs(pid)))
        self.assertError("InvalidParameterException", self.associate, pid, [the_51st],
                         message="A routing profile can have at most 50 queue configurations (queue and channel pairs).")
        self.assertEqual(50, len(self.queue_configs(pid)))
        self.assertEqual(13, self.describe(pid)["NumberOfAssociatedQueues"])


class DeleteTests(RoutingProfileTestCase):
    def test_delete_then_gone(self):
        name = unique("del")
        pid = self.create_profile(name)
        self.connect.delete_routing_profile(InstanceId=self.instance_id, RoutingProfileId=pid)
        self.assertError("ResourceNotFoundException", self.connect.describe_routing_profile,
                         InstanceId=self.instance_id, RoutingProfileId=pid, message="Routing profile not found")
        self.assertNotIn(name, self.profile_names())
        self.assertError("ResourceNotFoundException", self.connect.delete_routing_profile,
                         InstanceId=self.instance_id, RoutingProfileId=pid, status=404, message="Routing profile not found")
        self.assertError("ResourceNotFoundException", self.connect.delete_routing_profile,
                         InstanceId=MISSING_ID, RoutingProfileId=self.basic_profile_id, message="Instance not found")
        # its name is free again
        self.create_profile(name)

    def test_delete_by_arn(self):
        pid = self.create_profile()
        self.connect.delete_routing_profile(InstanceId=self.instance_id, RoutingProfileId=self.describe(pid)["RoutingProfileArn"])
        self.assertError("ResourceNotFoundException", self.describe, pid)

    def test_the_default_profile_cannot_be_deleted(self):
        self.assertError("InvalidRequestException", self.connect.delete_routing_profile,
                         InstanceId=self.instance_id, RoutingProfileId=self.basic_profile_id, status=400,
                         message="The default routing profile cannot be deleted.")
        self.assertTrue(self.describe(self.basic_profile_id)["IsDefault"])

    def test_a_profile_assigned_to_users_is_in_use(self):
        pid = self.create_profile()
        sp = self.connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"][0]["Id"]
        user = self.connect.create_user(
            InstanceId=self.instance_id, Username=unique("agent"), Password="Passw0rd!Passw0rd",
            IdentityInfo={"FirstName": "A", "LastName": "B"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[sp], RoutingProfileId=pid)
        self.assertEqual(1, self.describe(pid)["NumberOfAssociatedUsers"])
        error = self.assertError("ResourceInUseException", self.connect.delete_routing_profile,
                                 InstanceId=self.instance_id, RoutingProfileId=pid, status=409)
        self.assertEqual("USER", error.response["ResourceType"])
        self.assertEqual(user["UserArn"], error.response["ResourceId"])
        self.assertEqual(pid, self.describe(pid)["RoutingProfileId"])


class ListAndSearchTests(RoutingProfileTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prefix = unique("srch")
        p = cls.prefix

        def make(name, description, tags, **extra):
            return cls.connect.create_routing_profile(
                InstanceId=cls.instance_id, Name=name, Description=description,
                DefaultOutboundQueueId=cls.basic_queue_id,
                MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1,
                                     "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}}],
                Tags=tags, AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND", **extra)["RoutingProfileId"]

        voice = [{"QueueReference": {"QueueId": cls.basic_queue_id, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}]
        cls.sales = make(f"{p}-Sales East", "Handles Sales calls", {"dept": "sales", "site": "east"}, QueueConfigs=voice)
        cls.support = make(f"{p}-Support East", "Handles support chats", {"dept": "support", "site": "east"}, QueueConfigs=voice)
        cls.billing = make(f"{p}-Billing West", "Billing", {"dept": "billing", "site": "west"})

    def search(self, criteria=None, tag_filter=None, **extra):
        args = dict(InstanceId=self.instance_id, **extra)
        scoped = {"StringCondition": {"FieldName": "name", "Value": self.prefix, "ComparisonType": "STARTS_WITH"}}
        args["SearchCriteria"] = {"AndConditions": [scoped, criteria]} if criteria else scoped
        if tag_filter:
            args["SearchFilter"] = {"TagFilter": tag_filter}
        return self.connect.search_routing_profiles(**args)

    def ids(self, out):
        return {p["RoutingProfileId"] for p in out["RoutingProfiles"]}

    def cond(self, field, value, comparison):
        return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}}

    def test_string_conditions(self):
        p = self.prefix
        cases = [
            (self.cond("name", f"{p}-Sales East", "EXACT"), {self.sales}),
            (self.cond("name", f"{p}-sales east", "EXACT"), set()),  # EXACT is case-sensitive
            (self.cond("name", "EAST", "CONTAINS"), {self.sales, self.support}),  # CONTAINS ignores case
            (self.cond("name", f"{p}-BILL", "STARTS_WITH"), {self.billing}),
            (self.cond("description", "handles", "STARTS_WITH"), {self.sales, self.support}),
            (self.cond("description", "chats", "CONTAINS"), {self.support}),
            (self.cond("resourceID", self.billing, "EXACT"), {self.billing}),
            (self.cond("resourceId", self.sales, "EXACT"), {self.sales}),  # field names ignore case
            (self.cond("associatedQueueIds", self.basic_queue_id, "EXACT"), {self.sales, self.support}),
        ]
        for criteria, wanted in cases:
            with self.subTest(criteria=criteria):
                out = self.search(criteria)
                self.assertEqual(wanted, self.ids(out))
                self.assertEqual(len(wanted), out["ApproximateTotalCount"])

    def test_nested_and_or_conditions(self):
        criteria = {"OrConditions": [
            self.cond("name", "billing", "CONTAINS"),
            {"AndConditions": [self.cond("name", "east", "CONTAINS"), self.cond("description", "sales", "CONTAINS")]},
        ]}
        self.assertEqual({self.billing, self.sales}, self.ids(self.search(criteria)))

    def test_tag_filters(self):
        cases = [
            ({"TagCondition": {"TagKey": "site", "TagValue": "east"}}, {self.sales, self.support}),
            ({"TagCondition": {"TagKey": "site", "TagValue": "East"}}, set()),
            ({"AndConditions": [{"TagKey": "site", "TagValue": "east"}, {"TagKey": "dept", "TagValue": "sales"}]}, {self.sales}),
            ({"OrConditions": [[{"TagKey": "dept", "TagValue": "billing"}],
                               [{"TagKey": "dept", "TagValue": "support"}, {"TagKey": "site", "TagValue": "east"}]]},
             {self.billing, self.support}),
        ]
        for tag_filter, wanted in cases:
            with self.subTest(tag_filter=tag_filter):
                self.assertEqual(wanted, self.ids(self.search(tag_filter=tag_filter)))

    def test_results_are_full_profiles_without_the_fields_aws_leaves_out(self):
        out = self.search(self.cond("resourceID", self.sales, "EXACT"))
        rp = out["RoutingProfiles"][0]
        self.assertEqual(f"{self.prefix}-Sales East", rp["Name"])
        self.assertEqual("Handles Sales calls", rp["Description"])
        self.assertEqual(self.instance_id, rp["InstanceId"])
        self.assertEqual({"dept": "sales", "site": "east"}, rp["Tags"])
        self.assertEqual([self.basic_queue_id], rp["AssociatedQueueIds"])
        self.assertEqual(1, rp["NumberOfAssociatedQueues"])
        self.assertEqual(0, rp["NumberOfAssociatedUsers"])
        self.assertFalse(rp["IsDefault"])
        # AWS: "SearchRoutingProfiles does not populate LastModifiedRegion, LastModifiedTime,
        # MediaConcurrencies.CrossChannelBehavior, and AgentAvailabilityTimer"
        self.assertEqual([{"Channel": "VOICE", "Concurrency": 1}], rp["MediaConcurrencies"])
        for absent in ("LastModifiedTime", "LastModifiedRegion", "AgentAvailabilityTimer"):
            self.assertNotIn(absent, rp)

    def test_search_pages_and_refuses_forged_tokens(self):
        seen, token = [], None
        while True:
            extra = {"MaxResults": 1}
            if token:
                extra["NextToken"] = token
            out = self.search(**extra)
            self.assertEqual(3, out["ApproximateTotalCount"])
            seen += [p["RoutingProfileId"] for p in out["RoutingProfiles"]]
            token = out.get("NextToken")
            if not token:
                break
        self.assertEqual(sorted([self.sales, self.support, self.billing]), sorted(seen))
        self.assertEqual(3, len(seen))
        self.assertError("InvalidRequestException", self.search, NextToken="bm90LWEtdG9rZW4.AAAA",
                         status=400, message="The nextToken is not valid.")

    def test_search_without_criteria_returns_every_profile_of_the_instance(self):
        out = self.connect.search_routing_profiles(InstanceId=self.instance_id, MaxResults=500)
        self.assertEqual(len(self.profile_names()), out["ApproximateTotalCount"])
        self.assertIn(self.basic_profile_id, self.ids(out))

    def test_malformed_search_is_refused(self):
        self.assertError("InvalidParameterException", self.search, self.cond("queueName", "x", "EXACT"), status=400,
                         message="Invalid parameter: FieldName queueName is not supported; use one of "
                                 "associatedQueueIds, name, description, resourceID")
        self.assertError("InvalidParameterException", self.search, {"StringCondition": {"FieldName": "name", "Value": "x"}},
                         message="Invalid parameter: a StringCondition requires FieldName, Value and ComparisonType")
        self.assertError("InvalidParameterException", self.search, self.cond("name", "x", "FUZZY"))
        self.assertError("InvalidParameterException", self.search, tag_filter={"TagCondition": {"TagValue": "east"}},
                         message="Invalid parameter: a TagCondition requires a TagKey")
        self.assertError("InvalidParameterException", self.search, MaxResults=501)
        self.assertError("ResourceNotFoundException", self.connect.search_routing_profiles, InstanceId=MISSING_ID,
                         status=404, message="Instance not found")

    def test_list_routing_profiles_errors(self):
        self.assertError("ResourceNotFoundException", self.connect.list_routing_profiles, InstanceId=MISSING_ID,
                         status=404, message="Instance not found")
        self.assertError("InvalidRequestException", self.connect.list_routing_profiles, InstanceId=self.instance_id,
                         NextToken="forged", status=400, message="The nextToken is not valid.")
        self.assertError("InvalidParameterException", self.connect.list_routing_profiles, InstanceId=self.instance_id,
                         MaxResults=1001, message="1 validation error detected: Value '1001' at 'maxResults' failed to "
                                                  "satisfy constraint: Member must have value less than or equal to 1000")


class ThousandProfilesPaginationTests(unittest.TestCase):
    """A fresh instance with 1,000 profiles (Basic Routing Profile + 999), paged 100 at a time."""

    @classmethod
    def setUpClass(cls):
        cls.connect = client()
        cls.instance_id = create_instance(cls.connect)
        queue_id = cls.connect.describe_routing_profile(
            InstanceId=cls.instance_id,
            RoutingProfileId=cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"][0]["Id"],
        )["RoutingProfile"]["DefaultOutboundQueueId"]
        cls.created = {"Basic Routing Profile"}
        for i in range(999):
            name = f"bulk-{i:04}"
            cls.connect.create_routing_profile(
                InstanceId=cls.instance_id, Name=name, Description="bulk", DefaultOutboundQueueId=queue_id,
                MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 1 + i % 10}])
            cls.created.add(name)

    def test_every_profile_appears_exactly_once(self):
        names, token, pages = [], None, 0
        while True:
            args = dict(InstanceId=self.instance_id, MaxResults=100)
            if token:
                args["NextToken"] = token
            out = self.connect.list_routing_profiles(**args)
            pages += 1
            self.assertLessEqual(len(out["RoutingProfileSummaryList"]), 100)
            names += [s["Name"] for s in out["RoutingProfileSummaryList"]]
            token = out.get("NextToken")
            if not token:
                break
        self.assertEqual(10, pages)
        self.assertEqual(1000, len(names))
        self.assertEqual(self.created, set(names))

    def test_the_sdk_paginator_and_the_default_page_size(self):
        first = self.connect.list_routing_profiles(InstanceId=self.instance_id)
        self.assertEqual(100, len(first["RoutingProfileSummaryList"]))  # documented default MaxResults
        ids = [s["Id"] for p in self.connect.get_paginator("list_routing_profiles").paginate(
            InstanceId=self.instance_id, PaginationConfig={"PageSize": 333}) for s in p["RoutingProfileSummaryList"]]
        self.assertEqual(1000, len(set(ids)))
        self.assertEqual(1000, len(ids))

    def test_search_counts_and_pages_all_of_them(self):
        ids = [p["RoutingProfileId"] for page in self.connect.get_paginator("search_routing_profiles").paginate(
            InstanceId=self.instance_id, PaginationConfig={"PageSize": 100}) for p in page["RoutingProfiles"]]
        self.assertEqual(1000, len(set(ids)))
        self.assertEqual(1000, len(ids))
        out = self.connect.search_routing_profiles(
            InstanceId=self.instance_id, MaxResults=5,
            SearchCriteria={"StringCondition": {"FieldName": "name", "Value": "bulk-08", "ComparisonType": "STARTS_WITH"}})
        self.assertEqual(100, out["ApproximateTotalCount"])
        self.assertEqual(5, len(out["RoutingProfiles"]))

    def test_a_token_of_another_instance_is_refused(self):
        token = self.connect.list_routing_profiles(InstanceId=self.instance_id, MaxResults=1)["NextToken"]
        other = create_instance(self.connect)
        with self.assertRaises(self.connect.exceptions.InvalidRequestException):
            self.connect.list_routing_profiles(InstanceId=other, NextToken=token)


if __name__ == "__main__":
    unittest.main()
