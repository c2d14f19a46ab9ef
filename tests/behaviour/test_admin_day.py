"""An administrator's day, end to end through boto3, then a restart of the server that must find the same state.

Builds an instance with hours, queues, three routing profiles and agents, changes concurrency and queues, moves
agents, deletes what is no longer needed, snapshots every Describe/List answer, restarts the server on the same
data directory and compares. A page token issued before the restart must still work after it.
"""
import shutil
import tempfile
import unittest

import support

WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]


def weekday_hours():
    return [{"Day": d, "StartTime": {"Hours": 8, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 30}} for d in WEEKDAYS]


def queue_config(queue_id, channel, priority=1, delay=0):
    return {"QueueReference": {"QueueId": queue_id, "Channel": channel}, "Priority": priority, "Delay": delay}


class AdministratorsDay(unittest.TestCase):
    def setUp(self):
        support.require_server()
        self.data = tempfile.mkdtemp(prefix="connectlocal-admin-day-")
        self.addCleanup(shutil.rmtree, self.data, True)
        self.server = support.OwnServer(self.data).start()
        self.addCleanup(self.server.stop)
        self.connect = self.server.client()

    def test_a_day_of_changes_survives_a_restart(self):
        c = self.connect
        iid = c.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=support.unique("day"),
                                InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]

        # Hours and queues.
        weekdays = c.create_hours_of_operation(InstanceId=iid, Name="Weekdays", TimeZone="America/New_York",
                                               Config=weekday_hours())["HoursOfOperationId"]
        basic_hours = next(h["Id"] for h in c.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"]
                           if h["Name"] == "Basic Hours")
        sales = c.create_queue(InstanceId=iid, Name="Sales", HoursOfOperationId=weekdays)["QueueId"]
        support_q = c.create_queue(InstanceId=iid, Name="Support", HoursOfOperationId=weekdays, MaxContacts=50)["QueueId"]
        billing = c.create_queue(InstanceId=iid, Name="Billing", HoursOfOperationId=basic_hours)["QueueId"]

        # Three routing profiles.
        sales_rp = c.create_routing_profile(
            InstanceId=iid, Name="Sales Agents", Description="inbound sales", DefaultOutboundQueueId=sales,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2}],
            QueueConfigs=[queue_config(sales, "VOICE"), queue_config(sales, "CHAT", 2, 10)])["RoutingProfileId"]
        support_rp = c.create_routing_profile(
            InstanceId=iid, Name="Support Agents", Description="support", DefaultOutboundQueueId=support_q,
            MediaConcurrencies=[
                {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
                {"Channel": "CHAT", "Concurrency": 3},
                {"Channel": "TASK", "Concurrency": 5, "CrossChannelBehavior": {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}}],
            QueueConfigs=[queue_config(support_q, "VOICE"), queue_config(support_q, "CHAT"), queue_config(billing, "TASK", 5, 60)],
            Tags={"team": "support"})["RoutingProfileId"]
        night_rp = c.create_routing_profile(
            InstanceId=iid, Name="Night Shift", Description="chat only", DefaultOutboundQueueId=support_q,
            MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 4}])["RoutingProfileId"]

        # Agents.
        agent_profile = next(p["Id"] for p in c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
                             if p["Name"] == "Agent")

        def agent(name, profile):
            return c.create_user(InstanceId=iid, Username=name, Password="Passw0rd!secret",
                                 IdentityInfo={"FirstName": name.title(), "LastName": "Agent"},
                                 PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": False, "AfterContactWorkTimeLimit": 30},
                                 SecurityProfileIds=[agent_profile], RoutingProfileId=profile)["UserId"]

        alice, bob = agent("alice", sales_rp), agent("bob", sales_rp)
        carol, dave = agent("carol", support_rp), agent("dave", support_rp)
        night = agent("nina", night_rp)

        # Concurrency and queues change during the day.
        c.update_routing_profile_concurrency(InstanceId=iid, RoutingProfileId=support_rp, MediaConcurrencies=[
            {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
            {"Channel": "CHAT", "Concurrency": 5, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}}])
        c.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=sales_rp, QueueConfigs=[queue_config(billing, "VOICE", 3, 30)])
        c.update_routing_profile_queues(InstanceId=iid, RoutingProfileId=sales_rp, QueueConfigs=[queue_config(sales, "CHAT", 1, 0)])
        c.disassociate_routing_profile_queues(InstanceId=iid, RoutingProfileId=support_rp,
                                              QueueReferences=[{"QueueId": billing, "Channel": "TASK"}])
        c.update_routing_profile_agent_availability_timer(InstanceId=iid, RoutingProfileId=sales_rp,
                                                          AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND")
        c.update_routing_profile_name(InstanceId=iid, RoutingProfileId=sales_rp, Name="Sales and Billing")
        c.update_queue_name(InstanceId=iid, QueueId=billing, Name="Billing and Payments")
        c.update_queue_status(InstanceId=iid, QueueId=sales, Status="DISABLED")

        # Agents move; statuses change.
        c.update_user_routing_profile(InstanceId=iid, UserId=bob, RoutingProfileId=support_rp)
        available = next(s["Id"] for s in c.list_agent_statuses(InstanceId=iid)["AgentStatusSummaryList"] if s["Name"] == "Available")
        for user in (alice, carol, dave):
            c.put_user_status(InstanceId=iid, UserId=user, AgentStatusId=available)

        # End of the night shift: the profile is still used, then it is not.
        with self.assertRaises(c.exceptions.ResourceInUseException):
            c.delete_routing_profile(InstanceId=iid, RoutingProfileId=night_rp)
        c.delete_user(InstanceId=iid, UserId=night)
        c.delete_routing_profile(InstanceId=iid, RoutingProfileId=night_rp)

        # What the day left behind, as clients see it.
        support_desc = c.describe_routing_profile(InstanceId=iid, RoutingProfileId=support_rp)["RoutingProfile"]
        self.assertEqual(3, support_desc["NumberOfAssociatedUsers"])  # carol, dave, bob
        self.assertEqual({"VOICE": 1, "CHAT": 5}, {m["Channel"]: m["Concurrency"] for m in support_desc["MediaConcurrencies"]})
        sales_desc = c.describe_routing_profile(InstanceId=iid, RoutingProfileId=sales_rp)["RoutingProfile"]
        self.assertEqual(("Sales and Billing", 1, 2), (sales_desc["Name"], sales_desc["NumberOfAssociatedUsers"],
                                                        sales_desc["NumberOfAssociatedQueues"]))

        before = self.snapshot(c, iid)
        first_page = c.list_routing_profiles(InstanceId=iid, MaxResults=1)
        second_page_before = c.list_routing_profiles(InstanceId=iid, MaxResults=1, NextToken=first_page["NextToken"])

        self.server.stop()
        self.server.start()
        c = self.server.client()

        self.assertEqual(before, self.snapshot(c, iid))
        self.assertEqual(second_page_before["RoutingProfileSummaryList"],
                         c.list_routing_profiles(InstanceId=iid, MaxResults=1, NextToken=first_page["NextToken"])["RoutingProfileSummaryList"])

    @staticmethod
    def snapshot(c, iid):
        """Every Describe and List answer about the instance, without response metadata."""
        def paged(op, key, **kw):
            return [x for page in c.get_paginator(op).paginate(InstanceId=iid, **kw) for x in page[key]]

        profiles = paged("list_routing_profiles", "RoutingProfileSummaryList")
        queues = paged("list_queues", "QueueSummaryList")
        users = paged("list_users", "UserSummaryList")
        hours = paged("list_hours_of_operations", "HoursOfOperationSummaryList")
        return {
            "instance": c.describe_instance(InstanceId=iid)["Instance"],
            "profiles": profiles,
            "profile details": [c.describe_routing_profile(InstanceId=iid, RoutingProfileId=p["Id"])["RoutingProfile"] for p in profiles],
            "profile queues": [paged("list_routing_profile_queues", "RoutingProfileQueueConfigSummaryList", RoutingProfileId=p["Id"]) for p in profiles],
            "queues": queues,
            "queue details": [c.describe_queue(InstanceId=iid, QueueId=q["Id"])["Queue"] for q in queues],
            "users": users,
            "user details": [c.describe_user(InstanceId=iid, UserId=u["Id"])["User"] for u in users],
            "hours": [c.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=h["Id"])["HoursOfOperation"] for h in hours],
            "search": c.search_routing_profiles(InstanceId=iid, SearchCriteria={"StringCondition": {
                "FieldName": "name", "Value": "in", "ComparisonType": "CONTAINS"}})["RoutingProfiles"],
        }


if __name__ == "__main__":
    unittest.main()
