"""--throttle aws with real clients: boto3 without retries meets 429 ThrottlingException once a bucket is
empty; with the SDK's own retries it gets through; buckets are per account and operation; rates can be
overridden per operation (behaviour doc §7, docs/security.md)."""
import time
import unittest

from botocore.config import Config

from support import Server, create_instance, error_of

ACCOUNT_A = {"accessKeyId": "111111111111", "secretAccessKey": "secret"}
ACCOUNT_B = {"accessKeyId": "222222222222", "secretAccessKey": "secret"}


class ThrottlingTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # ListUsers stays at the AWS default (2/s, burst 5); ListQueues is slowed to show an override
        cls.server = Server("--throttle", "aws", "--throttle-rates", "ListQueues=0.5/2")
        cls.a = cls.server.client(ACCOUNT_A)
        cls.instance = create_instance(cls.a, "throttled")["Id"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def burst(self, call, n):
        """Calls `call` n times in a row; returns how many were answered and the refusals (and sets self.took)."""
        answered, refusals = 0, []
        started = time.monotonic()
        for _ in range(n):
            try:
                call()
                answered += 1
            except Exception as e:
                response = getattr(e, "response", None)
                if response is None:
                    raise
                refusals.append((response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]))
        self.took = time.monotonic() - started
        return answered, refusals

    # Tokens refill while the calls run, so each upper bound allows for the time the burst took.

    def test_a_burst_beyond_the_aws_default_is_throttled_with_429(self):
        answered, refusals = self.burst(lambda: self.a.list_users(InstanceId=self.instance), 12)
        self.assertGreaterEqual(answered, 5)
        self.assertLessEqual(answered, 5 + int(2 * self.took), "burst 5, plus 2 tokens a second while the calls ran")
        self.assertEqual({(429, "ThrottlingException", "Rate exceeded")}, set(refusals))

    def test_the_bucket_refills_at_the_rate(self):
        _, refusals = self.burst(lambda: self.a.list_security_profiles(InstanceId=self.instance), 10)
        self.assertTrue(refusals, "the bucket is empty")
        emptied = time.monotonic()
        time.sleep(1.1)
        answered, refusals = self.burst(lambda: self.a.list_security_profiles(InstanceId=self.instance), 10)
        since = time.monotonic() - emptied
        self.assertTrue(refusals)
        self.assertGreaterEqual(answered, 2, "2 tokens a second")
        self.assertLessEqual(answered, min(5, int(2 * since) + 1))

    def test_an_override_slows_one_operation(self):
        answered, refusals = self.burst(lambda: self.a.list_queues(InstanceId=self.instance), 6)
        self.assertGreaterEqual(answered, 2)
        self.assertLessEqual(answered, 2 + int(0.5 * self.took), "burst 2, then one token every 2 seconds")
        self.assertEqual(6 - answered, len(refusals))
        self.assertEqual({(429, "ThrottlingException", "Rate exceeded")}, set(refusals))

    def test_another_account_has_its_own_buckets(self):
        b = self.server.client(ACCOUNT_B)
        other = create_instance(b, "throttled-b")["Id"]
        _, refused_a = self.burst(lambda: self.a.list_agent_statuses(InstanceId=self.instance), 10)
        self.assertTrue(refused_a, "account A emptied its bucket")
        answered, _ = self.burst(lambda: b.list_agent_statuses(InstanceId=other), 5)
        self.assertEqual(5, answered, "account B still has its full burst of 5")

    def test_the_sdk_retries_a_throttled_call_until_it_gets_through(self):
        patient = self.server.client(ACCOUNT_A, config=Config(retries={"total_max_attempts": 10, "mode": "standard"}))
        retries = [patient.list_hours_of_operations(InstanceId=self.instance)["ResponseMetadata"]["RetryAttempts"]
                   for _ in range(12)]
        # burst 5: the first five go through at once, later ones only after the SDK retried a 429
        self.assertEqual([0] * 5, retries[:5])
        self.assertGreater(sum(retries), 0, "some calls were throttled and retried")

    def test_an_unthrottled_server_answers_every_call_of_a_burst_a_throttled_one_refuses(self):
        _, throttled = self.burst(lambda: self.a.describe_instance(InstanceId=self.instance), 30)
        self.assertTrue(throttled, "the throttled server refuses part of the burst")
        plain = Server()
        try:
            client = plain.client(ACCOUNT_A)
            instance = create_instance(client, "plain")["Id"]
            answered, refusals = self.burst(lambda: client.describe_instance(InstanceId=instance), 30)
            self.assertEqual((30, []), (answered, refusals))
        finally:
            plain.stop()


if __name__ == "__main__":
    unittest.main()
