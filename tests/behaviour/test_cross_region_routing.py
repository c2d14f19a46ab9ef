"""Global routing through real clients (docs/global-resiliency.md, "Global routing"): GetCrossRegionRouting and
UpdateCrossRegionRouting are newer than the installed boto3, so they go through the pinned model's client
(pinned_model.py, which adds model/overlays). A contact in us-east-1 with no agent there is offered to an agent
signed in to us-west-2 only while global routing is on; isolation stops it."""
import unittest

from botocore.exceptions import ClientError

import support
from pinned_model import pinned_client
from support import client, unique, replicable_instance as create_instance
from test_routing import EAST, WEST, Center, act, control


MISSING = "11111111-2222-4333-8444-555555555555"


def split(east_pct):
    return {"Distributions": [{"Region": EAST, "Percentage": east_pct}, {"Region": WEST, "Percentage": 100 - east_pct}]}


class CrossRegionRoutingApiTest(unittest.TestCase):
    def setUp(self):
        support.require_server()
        self.east, self.west = client(EAST), client(WEST)
        self.pe, self.pw = pinned_client(EAST), pinned_client(WEST)

    def replicated(self):
        iid = create_instance(self.east)
        self.east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("crr-west"))
        return iid

    def code(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        return caught.exception.response["Error"]["Code"], caught.exception.response["ResponseMetadata"]["HTTPStatusCode"]

    def test_global_routing_is_on_for_a_new_replica_and_either_region_isolates_and_reenables_it(self):
        iid = self.replicated()
        arn = self.east.describe_instance(InstanceId=iid)["Instance"]["Arn"]
        for pinned in (self.pe, self.pw):
            self.assertEqual([], pinned.get_cross_region_routing(InstanceId=iid)["IsolatedRegions"])

        self.pw.update_cross_region_routing(InstanceId=iid, IsolatedAll=True)
        for pinned in (self.pe, self.pw):
            self.assertEqual([EAST, WEST], pinned.get_cross_region_routing(InstanceId=iid)["IsolatedRegions"])
        self.assertEqual([EAST, WEST], self.pe.get_cross_region_routing(InstanceId=arn)["IsolatedRegions"])

        self.pe.update_cross_region_routing(InstanceId=arn, IsolatedAll=False)
        for pinned in (self.pe, self.pw):
            self.assertEqual([], pinned.get_cross_region_routing(InstanceId=iid)["IsolatedRegions"])

    def test_an_instance_that_is_not_replicated_is_invalid_request(self):
        iid = create_instance(self.east)
        self.assertEqual(("InvalidRequestException", 400), self.code(self.pe.get_cross_region_routing, InstanceId=iid))
        self.assertEqual(("InvalidRequestException", 400), self.code(self.pe.update_cross_region_routing, InstanceId=iid, IsolatedAll=True))

    def test_unknown_instance_is_not_found_and_the_model_rules_hold(self):
        self.assertEqual(("ResourceNotFoundException", 404), self.code(self.pe.get_cross_region_routing, InstanceId=MISSING))
        self.assertEqual(("ResourceNotFoundException", 404), self.code(self.pe.update_cross_region_routing, InstanceId=MISSING, IsolatedAll=False))
        # the replica Region does not know an instance that was never replicated there
        iid = create_instance(self.east)
        self.assertEqual(("ResourceNotFoundException", 404), self.code(self.pw.get_cross_region_routing, InstanceId=iid))
        # InstanceId's pattern (overlay: the API Reference's constraints)
        self.assertEqual(400, self.code(self.pe.get_cross_region_routing, InstanceId="not an id!")[1])


class GlobalRoutingTest(unittest.TestCase):
    def test_a_contact_in_us_east_1_reaches_an_agent_in_us_west_2_only_while_global_routing_is_on(self):
        support.require_server()
        east = client(EAST)
        pinned = pinned_client(EAST)
        iid = create_instance(east)
        east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias=unique("crr-west"))
        pinned.update_cross_region_routing(InstanceId=iid, IsolatedAll=True)
        center = Center(east, iid)
        group = next(g for g in east.list_traffic_distribution_groups(InstanceId=iid)["TrafficDistributionGroupSummaryList"] if g["IsDefault"])
        agent = center.agent(available=False)
        east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=group["Id"], UserId=agent, InstanceId=iid)
        east.update_traffic_distribution(Id=group["Id"], AgentConfig=split(0))  # the agent signs in to us-west-2
        center.status(agent, center.available)

        # isolated: the call waits in us-east-1 although the us-west-2 agent is free, even when the agent becomes available again
        waiting = center.call(EAST)
        self.assertEqual((EAST, "QUEUED"), (waiting["region"], waiting["state"]))
        center.status(agent, center.offline)
        center.status(agent, center.available)
        self.assertEqual("QUEUED", control("GET", f"/contacts/{waiting['contactId']}")[1]["state"])
        self.assertNotIn("AgentInfo", center.contact(waiting["contactId"]))

        # global routing on: the agent of us-west-2 who becomes available takes the call waiting in us-east-1
        pinned.update_cross_region_routing(InstanceId=iid, IsolatedAll=False)
        center.status(agent, center.offline)
        center.status(agent, center.available)
        routed = control("GET", f"/contacts/{waiting['contactId']}")[1]
        self.assertEqual(("CONNECTED", agent), (routed["state"], routed.get("agentId")))
        described = center.contact(waiting["contactId"])  # still a contact of us-east-1, its queue there
        self.assertEqual((agent, center.basic_queue), (described["AgentInfo"]["Id"], described["QueueInfo"]["Id"]))
        act(waiting["contactId"], "complete", {"afterContactWorkSeconds": 0})

        # and a new call is offered to the agent of us-west-2 at once
        second = center.call(EAST)
        self.assertEqual(agent, second.get("agentId"))
        act(second["contactId"], "complete", {"afterContactWorkSeconds": 0})

        # isolated again: the next call waits
        pinned.update_cross_region_routing(InstanceId=iid, IsolatedAll=True)
        third = center.call(EAST)
        self.assertEqual("QUEUED", third["state"])
        self.assertIsNone(third.get("agentId"))


if __name__ == "__main__":
    unittest.main()
