"""Agents changing Region on a Global Resiliency failover, as Amazon Connect Streams reports it (onFailoverPending /
onFailoverCompleted), read through the control API (docs/global-resiliency.md, "Agents changing Region"):
UpdateTrafficDistribution's AgentConfig moves an agent at once when it has no contact, and only once its contacts
have ended and after-contact work is cleared when it has; the contacts finish in the Region they started in."""
import datetime
import json
import unittest
import urllib.error
import urllib.parse
import urllib.request

import support
from support import ENDPOINT, client, unique, replicable_instance as create_instance
from test_routing import EAST, WEST, Center, act, control


def split(east_pct):
    return {"Distributions": [{"Region": EAST, "Percentage": east_pct}, {"Region": WEST, "Percentage": 100 - east_pct}]}


def agents(path="", **query):
    """GET /_connectlocal/routing/agents[/{userId}]?…; returns (status, parsed body)."""
    url = f"{ENDPOINT}/_connectlocal/routing/agents{path}?{urllib.parse.urlencode(query)}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url), timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def when(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class AgentRegionChangeTest(unittest.TestCase):
    def setUp(self):
        support.require_server()
        self.east = client(EAST)
        self.iid = create_instance(self.east)
        self.east.replicate_instance(InstanceId=self.iid, ReplicaRegion=WEST, ReplicaAlias=unique("agents-west"))
        self.center = Center(self.east, self.iid)
        self.group = next(g for g in self.east.list_traffic_distribution_groups(InstanceId=self.iid)["TrafficDistributionGroupSummaryList"]
                          if g["IsDefault"])

    def agent(self):
        user = self.center.agent()
        self.east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=self.group["Id"], UserId=user, InstanceId=self.iid)
        return user

    def region_of(self, user, region=EAST):
        status, out = agents(f"/{user}", instanceId=self.iid, region=region)
        self.assertEqual(200, status, out)
        return out

    def test_an_agent_on_a_call_moves_once_the_call_and_its_after_contact_work_are_done(self):
        busy = self.agent()
        self.assertEqual(("NONE", EAST), (self.region_of(busy)["regionChange"], self.region_of(busy)["activeRegion"]))
        call = self.center.call(EAST)
        self.assertEqual((busy, "CONNECTED"), (call["agentId"], call["state"]))
        idle = self.agent()

        self.east.update_traffic_distribution(Id=self.group["Id"], AgentConfig=split(0))

        # the idle agent moves at once; the busy one is pending on its call, still working in us-east-1
        moved = self.region_of(idle)
        self.assertEqual(("COMPLETED", WEST, EAST, None), (moved["regionChange"], moved["activeRegion"], moved["previousRegion"], moved["nextActiveRegion"]))
        self.assertEqual(moved["requestedAt"], moved["completedAt"])
        pending = self.region_of(busy, region=WEST)  # either Region of the instance answers the same
        self.assertEqual(("PENDING", EAST, WEST, [call["contactId"]], None),
                         (pending["regionChange"], pending["activeRegion"], pending["nextActiveRegion"], pending["contactIds"], pending["completedAt"]))

        # the call ends: after-contact work (no limit) keeps the agent in us-east-1 until it is cleared
        act(call["contactId"], "complete")
        self.assertEqual("PENDING", self.region_of(busy)["regionChange"])
        act(call["contactId"], "finish-after-contact-work")
        done = self.region_of(busy)
        self.assertEqual(("COMPLETED", WEST, EAST, [], None),
                         (done["regionChange"], done["activeRegion"], done["previousRegion"], done["contactIds"], done["nextActiveRegion"]))
        self.assertEqual(pending["requestedAt"], done["requestedAt"])
        self.assertGreaterEqual(when(done["completedAt"]), when(done["requestedAt"]))

        # the contact finished in the Region it started in
        ended = control("GET", f"/contacts/{call['contactId']}")[1]
        self.assertEqual((EAST, "ENDED"), (ended["region"], ended["state"]))
        self.assertEqual(busy, self.center.contact(call["contactId"])["AgentInfo"]["Id"])

        # the list shows both agents of the instance
        status, listed = agents(instanceId=self.iid, region=EAST)
        self.assertEqual(200, status)
        by_user = {a["userId"]: a for a in listed["agents"]}
        self.assertEqual({busy: WEST, idle: WEST}, {u: by_user[u]["activeRegion"] for u in (busy, idle)})
        self.assertEqual(sorted(by_user), [a["userId"] for a in listed["agents"]])

    def test_failing_back_while_the_move_is_pending_cancels_it(self):
        busy = self.agent()
        call = self.center.call(EAST)
        self.assertEqual(busy, call["agentId"])
        self.east.update_traffic_distribution(Id=self.group["Id"], AgentConfig=split(0))
        self.assertEqual("PENDING", self.region_of(busy)["regionChange"])
        self.east.update_traffic_distribution(Id=self.group["Id"], AgentConfig=split(100))
        back = self.region_of(busy)
        self.assertEqual(("NONE", EAST, None), (back["regionChange"], back["activeRegion"], back["nextActiveRegion"]))
        act(call["contactId"], "complete", {"afterContactWorkSeconds": 0})
        self.assertEqual(EAST, self.region_of(busy)["activeRegion"])

    def test_bad_requests(self):
        self.assertEqual(400, agents(instanceId=self.iid)[0])  # no Region
        self.assertEqual(400, agents(region=EAST)[0])  # no instance
        self.assertEqual(404, agents(instanceId="11111111-2222-4333-8444-555555555555", region=EAST)[0])
        self.assertEqual(404, agents("/11111111-2222-4333-8444-555555555555", instanceId=self.iid, region=EAST)[0])
        self.assertEqual(404, agents(instanceId=self.iid, region=EAST, accountId="111122223333")[0])  # another account's view


if __name__ == "__main__":
    unittest.main()
