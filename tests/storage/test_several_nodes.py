"""Two ConnectLocal nodes on one PostgreSQL database behave as one server, seen through real boto3 clients:
conflicting updates sprayed at both lose nothing and leave each resource at its last acknowledged write, with a
version history that has no gap and no duplicate; a ClientToken raced at both nodes creates one instance; a page
token of one node continues on the other; a delayed status transition runs exactly once with both workers.
"""
import random
import threading
import time
import unittest

import nodes

THREADS = 6
WRITES_PER_THREAD = 25


class SeveralNodesTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nodes.require_postgres()
        cls.database, connection = nodes.new_database()
        cls.log_dir = nodes.temp_dir("nodes")
        cls.a = nodes.Node("--postgres", connection, log_dir=cls.log_dir)
        cls.b = nodes.Node("--postgres", connection, log_dir=cls.log_dir)
        try:
            cls.a.start()
            cls.b.start()
        except Exception:
            cls.tearDownClass()
            raise
        connect = cls.a.client()
        cls.instance_id = connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=nodes.unique("multi"),
                                                  InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        basic = [s["Id"] for s in connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
                 if s["Name"] == "Basic Routing Profile"][0]
        cls.queue_id = connect.describe_routing_profile(InstanceId=cls.instance_id, RoutingProfileId=basic)[
            "RoutingProfile"]["DefaultOutboundQueueId"]

    @classmethod
    def tearDownClass(cls):
        for node in (cls.a, cls.b):
            node.stop()
        nodes.drop_database(cls.database)

    def tearDown(self):
        self.assertEqual([], self.a.answered_500() + self.b.answered_500(), "a node answered 500")

    def new_profile(self):
        out = self.a.client().create_routing_profile(
            InstanceId=self.instance_id, Name=nodes.unique("shared"), Description="sprayed at both nodes",
            DefaultOutboundQueueId=self.queue_id, MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])
        return out["RoutingProfileId"], out["RoutingProfileArn"]

    def test_conflicting_updates_at_both_nodes_end_at_the_last_acknowledged_write_with_a_gapless_version_history(self):
        pid, arn = self.new_profile()
        start_version = self.a.stored("routing-profile", self.instance_id, pid)["version"]
        writes = []  # (kind, value, sent, acknowledged)
        lock = threading.Lock()
        errors = []
        done = threading.Event()
        observed = []  # (poller, version, data) as seen while the writes run

        def writer(t):
            clients = [self.a.client(), self.b.client()]
            for i in range(WRITES_PER_THREAD):
                connect = clients[(t + i) % 2]
                sent = time.monotonic()
                try:
                    if i % 2 == 0:
                        # Each thread owns one tag key and writes ever larger values to it (at most 50 tags).
                        value = (f"t{t}", f"{i:03d}")
                        connect.tag_resource(resourceArn=arn, tags={value[0]: value[1]})
                        record = ("tag", value)
                    else:
                        value = (random.randint(1, 10), random.randint(1, 10))
                        connect.update_routing_profile_concurrency(
                            InstanceId=self.instance_id, RoutingProfileId=pid,
                            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1},
                                                {"Channel": "CHAT", "Concurrency": value[0]},
                                                {"Channel": "TASK", "Concurrency": value[1]}])
                        record = ("concurrency", value)
                except Exception as e:
                    errors.append(repr(e))
                    continue
                with lock:
                    writes.append((*record, sent, time.monotonic()))

        def poller(node, label):
            while not done.is_set():
                record = node.stored("routing-profile", self.instance_id, pid)
                observed.append((label, record["version"], record["data"]))

        pollers = [threading.Thread(target=poller, args=(n, l)) for n, l in ((self.a, "a"), (self.b, "b"))]
        writers = [threading.Thread(target=writer, args=(t,)) for t in range(THREADS)]
        for t in pollers + writers:
            t.start()
        for t in writers:
            t.join(timeout=120)
        done.set()
        for t in pollers:
            t.join(timeout=30)

        self.assertEqual([], errors)
        self.assertEqual(THREADS * WRITES_PER_THREAD, len(writes))

        # No lost update: each thread's tag holds the last value it wrote, though other threads rewrote the
        # profile from the other node in between.
        last_tags = {}
        for k, (key, value), _, _ in sorted((w for w in writes if w[0] == "tag"), key=lambda w: w[3]):
            last_tags[key] = value
        for node in (self.a, self.b):
            self.assertEqual(last_tags, node.client().list_tags_for_resource(resourceArn=arn)["tags"])

        # The final concurrency is one that may be last: no other write was sent after it was acknowledged.
        updates = [(v, sent, acked) for k, v, sent, acked in writes if k == "concurrency"]
        may_be_last = [v for v, _, acked in updates if not any(other_sent > acked for _, other_sent, _ in updates)]
        finals = []
        for node in (self.a, self.b):
            profile = node.client().describe_routing_profile(InstanceId=self.instance_id, RoutingProfileId=pid)["RoutingProfile"]
            c = {m["Channel"]: m["Concurrency"] for m in profile["MediaConcurrencies"]}
            finals.append((c["CHAT"], c["TASK"]))
        self.assertEqual(finals[0], finals[1], "the two nodes answer differently")
        self.assertIn(finals[0], may_be_last)

        # Versions: each acknowledged write is exactly one new version (no gap, no duplicate, no lost write) ...
        final = self.a.stored("routing-profile", self.instance_id, pid)
        self.assertEqual(start_version + len(writes), final["version"])
        # ... every version seen while the writes ran stands for one state only, and versions never go back.
        by_version = {}
        for _, version, data in observed:
            by_version.setdefault(version, data)
            self.assertEqual(by_version[version], data, f"version {version} was seen with two different states")
        for label in ("a", "b"):
            seen = [v for l, v, _ in observed if l == label]
            self.assertEqual(seen, sorted(seen), f"node {label} showed versions going back")
        # Each tag only grows, by one write per version at most: between two versions seen, the later state holds
        # every tag of the earlier one with the same or a larger value, and no more changed tags than versions.
        history = sorted(by_version.items())
        for (v1, d1), (v2, d2) in zip(history, history[1:]):
            t1, t2 = d1.get("Tags", {}), d2.get("Tags", {})
            self.assertTrue(all(k in t2 and t2[k] >= t1[k] for k in t1), f"version {v2} lost or rolled back a tag of version {v1}")
            changed = sum(1 for k in t2 if t1.get(k) != t2[k])
            self.assertLessEqual(changed, v2 - v1, f"more tag writes than versions from {v1} to {v2}")
        self.assertGreater(len(by_version), 5, "the pollers saw too few versions to check the history")

    def test_client_token_raced_at_both_nodes_creates_one_instance(self):
        results = {}
        barrier = threading.Barrier(2)
        tokens = [nodes.unique("token") for _ in range(8)]
        aliases = {t: nodes.unique("raced") for t in tokens}

        def create(node, label):
            connect = node.client()
            for token in tokens:
                barrier.wait(timeout=60)
                results[(token, label)] = connect.create_instance(
                    ClientToken=token, IdentityManagementType="CONNECT_MANAGED", InstanceAlias=aliases[token],
                    InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]

        threads = [threading.Thread(target=create, args=(n, l)) for n, l in ((self.a, "a"), (self.b, "b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)

        pages = self.b.client().get_paginator("list_instances").paginate()
        listed = [s.get("InstanceAlias") for p in pages for s in p["InstanceSummaryList"]]
        for token in tokens:
            self.assertEqual(results[(token, "a")], results[(token, "b")])
            self.assertEqual(1, listed.count(aliases[token]))

    def test_page_token_from_one_node_continues_on_the_other(self):
        for _ in range(5):
            self.new_profile()
        everything = [s["Id"] for p in self.a.client().get_paginator("list_routing_profiles").paginate(InstanceId=self.instance_id)
                      for s in p["RoutingProfileSummaryList"]]
        walked, token, turn = [], None, 0
        clients = [self.a.client(), self.b.client()]
        while True:
            args = {"InstanceId": self.instance_id, "MaxResults": 2}
            if token:
                args["NextToken"] = token
            page = clients[turn % 2].list_routing_profiles(**args)
            walked += [s["Id"] for s in page["RoutingProfileSummaryList"]]
            token, turn = page.get("NextToken"), turn + 1
            if not token:
                break
        self.assertGreater(turn, 3)
        self.assertEqual(everything, walked)

    def test_delayed_status_transition_runs_exactly_once_with_two_workers(self):
        connect = self.a.client()
        iid = connect.create_instance(IdentityManagementType="SAML", InstanceAlias=nodes.unique("tx"),
                                      InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        connect.replicate_instance(InstanceId=iid, ReplicaRegion="us-west-2", ReplicaAlias=nodes.unique("tx-west"))
        groups = [connect.create_traffic_distribution_group(Name=nodes.unique("g"), InstanceId=iid) for _ in range(6)]
        versions = {g["Id"]: self.a.stored("traffic-distribution-group", "", g["Id"])["version"] for g in groups}
        logged_before = sum(applied(n) for n in (self.a, self.b))
        status, _ = self.a.control("PUT", "transitions/delays", {"tdg-update": 400})
        self.assertEqual(200, status)
        try:
            for i, g in enumerate(groups):
                (self.a if i % 2 else self.b).client().update_traffic_distribution(
                    Id=g["Arn"], TelephonyConfig={"Distributions": [{"Region": "us-east-1", "Percentage": 30},
                                                                    {"Region": "us-west-2", "Percentage": 70}]})
            deadline = time.monotonic() + 30
            while self.a.control("GET", "transitions")[1]["pending"] and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            self.a.control("PUT", "transitions/delays", {"tdg-update": None})
        time.sleep(0.3)  # let the workers' log lines reach the files

        for g in groups:
            described = self.b.client().describe_traffic_distribution_group(TrafficDistributionGroupId=g["Id"])
            self.assertEqual("ACTIVE", described["TrafficDistributionGroup"]["Status"])
            # The update stored one version, the transition one more: not two.
            self.assertEqual(versions[g["Id"]] + 2, self.a.stored("traffic-distribution-group", "", g["Id"])["version"])
        per_node = [applied(n) for n in (self.a, self.b)]
        self.assertEqual(len(groups), sum(per_node) - logged_before, f"transitions applied per node: {per_node}")


def applied(node):
    """How many transitions a node's worker says it applied ("applied N status transition(s)")."""
    total = 0
    for line in node.log().splitlines():
        if "status transition(s)" in line and "applied " in line:
            total += int(line.split("applied ", 1)[1].split(" ", 1)[0])
    return total


if __name__ == "__main__":
    unittest.main()
