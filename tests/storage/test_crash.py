"""Crash harness: a node under concurrent writes from real boto3 clients is killed with SIGKILL at a random
moment, restarted on the same storage, and checked: every acknowledged write is there, and a write that was in
flight at the kill is either wholly there or wholly absent (never half-applied). Several rounds per backend,
each round continuing on the state the previous crashes left; SQLite rounds cycle through every --durability.

The writers (each owns what it writes, so "the last acknowledged write" of a resource is well defined):
  * concurrency writers: UpdateRoutingProfileConcurrency of their own routing profile (CHAT and TASK together,
    so a torn write would show one channel from one request and the other from another);
  * traffic writers: UpdateTrafficDistribution of their own traffic distribution group (TelephonyConfig and
    AgentConfig together; the group must be ACTIVE again, not stuck UPDATE_IN_PROGRESS);
  * creators: CreateRoutingProfile with a unique name, and now and then CreateInstance (one request that writes
    the instance and all its default resources).
Bounded: 3 rounds per backend, 0.8-2.5 s of load per round; about 40 s per backend on a 2-core machine.
"""
import random
import sys
import threading
import time
import unittest

import nodes

EAST, WEST = "us-east-1", "us-west-2"
ROUNDS = 3
CONCURRENCY_WRITERS = 3
TRAFFIC_WRITERS = 2
CREATORS = 2
INSTANCES_PER_CREATOR_AND_ROUND = 12
DEFAULT_NAMES = {"routing": "Basic Routing Profile", "queue": "BasicQueue", "hours": "Basic Hours"}


def concurrency_map(profile):
    return {m["Channel"]: m["Concurrency"] for m in profile["MediaConcurrencies"]}


def distribution_of(out):
    return (tuple((d["Region"], d["Percentage"]) for d in out["TelephonyConfig"]["Distributions"]),
            tuple((d["Region"], d["Percentage"]) for d in out["AgentConfig"]["Distributions"]))


class Owned:
    """What one writer knows about its resource: the last acknowledged value and the one in flight."""

    def __init__(self, initial):
        self.acked = initial
        self.in_flight = None
        self.acked_count = 0


class World:
    """The resources the writers use, created once per backend, and everything ever sent or acknowledged."""

    def __init__(self, connect, west):
        self.instance_id = connect.create_instance(IdentityManagementType="SAML",  # replicated below
                                                   InstanceAlias=nodes.unique("crash"),
                                                   InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        connect.replicate_instance(InstanceId=self.instance_id, ReplicaRegion=WEST, ReplicaAlias=nodes.unique("crash-west"))
        self.security_profiles = len(connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"])
        basic = [s["Id"] for s in connect.list_routing_profiles(InstanceId=self.instance_id)["RoutingProfileSummaryList"]
                 if s["Name"] == DEFAULT_NAMES["routing"]][0]
        self.queue_id = connect.describe_routing_profile(InstanceId=self.instance_id, RoutingProfileId=basic)[
            "RoutingProfile"]["DefaultOutboundQueueId"]
        self.profiles = {}
        for _ in range(CONCURRENCY_WRITERS):
            pid = connect.create_routing_profile(
                InstanceId=self.instance_id, Name=nodes.unique("owned"), Description="crash harness",
                DefaultOutboundQueueId=self.queue_id,
                MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 1},
                                    {"Channel": "TASK", "Concurrency": 1}])["RoutingProfileId"]
            self.profiles[pid] = Owned({"VOICE": 1, "CHAT": 1, "TASK": 1})
        self.groups = {}
        for _ in range(TRAFFIC_WRITERS):
            arn = connect.create_traffic_distribution_group(Name=nodes.unique("tdg"), InstanceId=self.instance_id)["Arn"]
            self.groups[arn] = Owned(distribution_of(connect.get_traffic_distribution(Id=arn)))
        # name -> (expected MediaConcurrencies map, acknowledged?)
        self.created_profiles = {}
        self.created_instances = {}
        self.lock = threading.Lock()


class CrashHarness:
    """Runs rounds of load, SIGKILL, restart and check against one node."""

    def __init__(self, test, node, durabilities, label):
        self.label = label
        self.test = test
        self.node = node
        self.durabilities = durabilities
        self.world = None

    def run(self):
        self.node.start(*self.flags(0))
        self.world = World(self.node.client(EAST), self.node.client(WEST))
        for round_ in range(ROUNDS):
            stop, killing = threading.Event(), threading.Event()
            errors = []
            threads = [threading.Thread(target=self.guard, args=(w, killing, errors), daemon=True) for w in self.writers(stop)]
            before = self.acknowledged()
            for t in threads:
                t.start()
            load = random.uniform(0.8, 2.5)
            time.sleep(load)
            killing.set()
            self.node.kill()
            stop.set()
            for t in threads:
                t.join(timeout=60)
            self.test.assertEqual([], errors, "writers got answers that are not what the harness expects")
            written = self.acknowledged() - before
            self.test.assertGreaterEqual(written, 10, f"round {round_}: only {written} writes were acknowledged before the kill")
            in_flight = self.in_flight()
            self.node.start(*self.flags(round_ + 1))
            self.check(round_)
            print(f"\n  {self.label} round {round_ + 1} ({' '.join(self.flags(round_)) or 'default'}): killed after {load:.1f} s, "
                  f"{written} writes acknowledged, {in_flight} in flight; all acknowledged present, none torn",
                  file=sys.stderr, end="")
        self.test.assertEqual([], self.node.answered_500())
        self.node.stop()

    def flags(self, round_):
        return ["--durability", self.durabilities[round_ % len(self.durabilities)]] if self.durabilities else []

    def acknowledged(self):
        w = self.world
        with w.lock:
            return (sum(o.acked_count for o in list(w.profiles.values()) + list(w.groups.values()))
                    + sum(1 for _, acked in w.created_profiles.values() if acked)
                    + sum(1 for acked in w.created_instances.values() if acked))

    def in_flight(self):
        w = self.world
        with w.lock:
            return (sum(1 for o in list(w.profiles.values()) + list(w.groups.values()) if o.in_flight is not None)
                    + sum(1 for _, acked in w.created_profiles.values() if not acked)
                    + sum(1 for acked in w.created_instances.values() if not acked))

    def guard(self, writer, killing, errors):
        try:
            writer()
        except Exception as e:  # a lost connection once the kill is under way; anything else is unexpected
            if not killing.is_set() or not nodes.transient(e):
                errors.append(repr(e))

    def writers(self, stop):
        w = self.world
        east = [self.node.client(EAST) for _ in range(CONCURRENCY_WRITERS + TRAFFIC_WRITERS + CREATORS)]
        result = []
        for i, (pid, owned) in enumerate(w.profiles.items()):
            result.append(lambda c=east[i], pid=pid, owned=owned: self.concurrency_writer(c, pid, owned, stop))
        for i, (arn, owned) in enumerate(w.groups.items()):
            result.append(lambda c=east[CONCURRENCY_WRITERS + i], arn=arn, owned=owned: self.traffic_writer(c, arn, owned, stop))
        for i in range(CREATORS):
            result.append(lambda c=east[CONCURRENCY_WRITERS + TRAFFIC_WRITERS + i]: self.creator(c, stop))
        return result

    def concurrency_writer(self, connect, pid, owned, stop):
        while not stop.is_set():
            value = {"VOICE": 1, "CHAT": random.randint(1, 10), "TASK": random.randint(1, 10)}
            owned.in_flight = value
            connect.update_routing_profile_concurrency(
                InstanceId=self.world.instance_id, RoutingProfileId=pid,
                MediaConcurrencies=[{"Channel": k, "Concurrency": v} for k, v in value.items()])
            with self.world.lock:
                owned.acked, owned.in_flight = value, None
                owned.acked_count += 1

    def traffic_writer(self, connect, arn, owned, stop):
        while not stop.is_set():
            phone, agents = random.randrange(0, 11) * 10, random.randrange(0, 11) * 10
            value = (((EAST, phone), (WEST, 100 - phone)), ((EAST, agents), (WEST, 100 - agents)))
            owned.in_flight = value
            connect.update_traffic_distribution(
                Id=arn,
                TelephonyConfig={"Distributions": [{"Region": r, "Percentage": p} for r, p in value[0]]},
                AgentConfig={"Distributions": [{"Region": r, "Percentage": p} for r, p in value[1]]})
            with self.world.lock:
                owned.acked, owned.in_flight = value, None
                owned.acked_count += 1

    def creator(self, connect, stop):
        w = self.world
        n = instances = 0
        while not stop.is_set():
            n += 1
            # Bounded, so that the rounds stay under the quota of 100 instances per account and Region.
            if n % 6 == 0 and instances < INSTANCES_PER_CREATOR_AND_ROUND:
                instances += 1
                alias = nodes.unique("crash-inst")
                with w.lock:
                    w.created_instances[alias] = False
                connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=alias,
                                        InboundCallsEnabled=True, OutboundCallsEnabled=False)
                with w.lock:
                    w.created_instances[alias] = True
                continue
            name = nodes.unique("created")
            chat = random.randint(1, 10)
            with w.lock:
                w.created_profiles[name] = ({"VOICE": 1, "CHAT": chat}, False)
            connect.create_routing_profile(
                InstanceId=w.instance_id, Name=name, Description="desc " + name, DefaultOutboundQueueId=w.queue_id,
                MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": chat}])
            with w.lock:
                w.created_profiles[name] = ({"VOICE": 1, "CHAT": chat}, True)

    def check(self, round_):
        w, t = self.world, self.test
        connect = self.node.client(EAST)
        where = f"after crash {round_ + 1}"
        for pid, owned in w.profiles.items():
            stored = concurrency_map(connect.describe_routing_profile(InstanceId=w.instance_id, RoutingProfileId=pid)["RoutingProfile"])
            t.assertIn(stored, [owned.acked, owned.in_flight], f"{where}: routing profile {pid} lost its last acknowledged concurrency or is torn")
            owned.acked, owned.in_flight = stored, None
        for arn, owned in w.groups.items():
            out = connect.get_traffic_distribution(Id=arn)
            stored = distribution_of(out)
            t.assertIn(stored, [owned.acked, owned.in_flight], f"{where}: group {arn} lost its last acknowledged distribution or is torn")
            group = connect.describe_traffic_distribution_group(TrafficDistributionGroupId=arn)["TrafficDistributionGroup"]
            t.assertEqual("ACTIVE", group["Status"], f"{where}: group {arn} was left half-way through an update")
            owned.acked, owned.in_flight = stored, None

        pages = connect.get_paginator("list_routing_profiles").paginate(InstanceId=w.instance_id)
        present = {s["Name"]: s["Id"] for p in pages for s in p["RoutingProfileSummaryList"]}
        for name, (expected, acked) in list(w.created_profiles.items()):
            if name not in present:
                t.assertFalse(acked, f"{where}: acknowledged CreateRoutingProfile {name} is missing")
                del w.created_profiles[name]
                continue
            profile = connect.describe_routing_profile(InstanceId=w.instance_id, RoutingProfileId=present[name])["RoutingProfile"]
            t.assertEqual(expected, concurrency_map(profile), f"{where}: {name}")
            t.assertEqual("desc " + name, profile["Description"])
            w.created_profiles[name] = (expected, True)
        ours = {n for n in present if n.startswith("created-")}
        t.assertEqual(set(), ours - set(w.created_profiles), f"{where}: routing profiles nobody sent")

        pages = connect.get_paginator("list_instances").paginate()
        instances = {s.get("InstanceAlias"): s["Id"] for p in pages for s in p["InstanceSummaryList"]}
        for alias, acked in list(w.created_instances.items()):
            if alias not in instances:
                t.assertFalse(acked, f"{where}: acknowledged CreateInstance {alias} is missing")
                del w.created_instances[alias]
                continue
            self.check_complete_instance(connect, instances[alias], where)
            w.created_instances[alias] = True

    def check_complete_instance(self, connect, iid, where):
        """An instance that exists has every default resource CreateInstance writes with it."""
        t = self.test
        routing = [s["Name"] for s in connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"]]
        queues = [s.get("Name") for s in connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"]]
        hours = [s["Name"] for s in connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"]]
        security = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
        t.assertIn(DEFAULT_NAMES["routing"], routing, f"{where}: instance {iid} is half-created")
        t.assertIn(DEFAULT_NAMES["queue"], queues, f"{where}: instance {iid} is half-created")
        t.assertIn(DEFAULT_NAMES["hours"], hours, f"{where}: instance {iid} is half-created")
        t.assertEqual(self.world.security_profiles, len(security), f"{where}: instance {iid} is half-created")


class SqliteCrashTests(unittest.TestCase):
    def test_sqlite_node_killed_under_load_keeps_every_acknowledged_write_in_every_durability(self):
        nodes.require_server()
        data = nodes.temp_dir("crash-sqlite")
        node = nodes.Node("--data-dir", data, log_dir=data)
        try:
            CrashHarness(self, node, ["normal", "full", "fast"], "SQLite").run()
        finally:
            node.kill()


class PostgresCrashTests(unittest.TestCase):
    def test_postgres_node_killed_under_load_keeps_every_acknowledged_write(self):
        nodes.require_postgres()
        name, connection = nodes.new_database()
        log_dir = nodes.temp_dir("crash-pg")
        node = nodes.Node("--postgres", connection, log_dir=log_dir)
        try:
            CrashHarness(self, node, None, "PostgreSQL").run()
        finally:
            node.kill()
            nodes.drop_database(name)


if __name__ == "__main__":
    unittest.main()
