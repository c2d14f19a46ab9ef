"""The AWS CLI v1 (`aws` on PATH) against a running ConnectLocal.

Each CLI call starts a Python process (~0.5 s), so this suite covers a fixed subset: the instance, traffic
distribution, routing-profile, queue and user operations with their valid samples, and ten of them with
their invalid samples. Calls run in parallel; results are checked in a fixed order.

Run: CONNECTLOCAL_ENDPOINT=http://127.0.0.1:4570 python3 -m unittest test_cli   (from this folder)
"""

import concurrent.futures
import json
import os
import re
import subprocess
import tempfile
import unittest

from botocore import xform_name

import support

VALID_OPERATIONS = [
    "ListInstances",  # the README's first command
    "CreateInstance", "DescribeInstance", "DeleteInstance", "ReplicateInstance",
    "UpdateTrafficDistribution", "GetTrafficDistribution", "CreateTrafficDistributionGroup",
    "DescribeTrafficDistributionGroup", "ListTrafficDistributionGroups", "DeleteTrafficDistributionGroup",
    "AssociateTrafficDistributionGroupUser", "DisassociateTrafficDistributionGroupUser",
    "ListTrafficDistributionGroupUsers",
    "UpdateRoutingProfileConcurrency", "CreateRoutingProfile", "DescribeRoutingProfile", "ListRoutingProfiles",
    "SearchRoutingProfiles", "UpdateRoutingProfileName", "UpdateRoutingProfileDefaultOutboundQueue",
    "UpdateRoutingProfileQueues", "AssociateRoutingProfileQueues", "DisassociateRoutingProfileQueues",
    "ListRoutingProfileQueues", "DeleteRoutingProfile", "UpdateRoutingProfileAgentAvailabilityTimer",
    "CreateQueue", "DescribeQueue", "ListQueues",
    "CreateUser", "DescribeUser", "ListUsers", "UpdateUserRoutingProfile", "DeleteUser", "PutUserStatus",
]
# Between them, every kind of violation the samples hold: query integer, body enum, path label pattern,
# body string length, query string length (an idempotency token), path label length.
INVALID_OPERATIONS = [
    "ListInstances", "CreateInstance", "UpdateTrafficDistribution", "CreateTrafficDistributionGroup",
    "DeleteInstance", "ReplicateInstance", "UpdateRoutingProfileAgentAvailabilityTimer", "CreateUser",
    "ListQueues", "DescribeQueue",
]
# CLI v1 exits with 255 on a service error (v2 with 254) and prints, when retries were configured,
# "An error occurred (Code) when calling the Op operation (reached max retries: 0): message".
ERROR_EXIT_CODES = (254, 255)
CLI_ERROR = re.compile(
    r"An error occurred \((?P<code>[^)]*)\) when calling the (?P<operation>\w+) operation"
    r"(?: \(reached max retries: \d+\))?(?:: (?P<message>.*))?"
)
PARALLEL_CALLS = 8


def cli_environment() -> dict:
    """The caller's environment without AWS settings, plus fixed credentials and no retries."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    environment.update(
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="x",
        AWS_MAX_ATTEMPTS="1",  # the CLI's setting counts every attempt, unlike botocore's Config
        AWS_RETRY_MODE="standard",
        AWS_CONFIG_FILE="/dev/null",
        AWS_SHARED_CREDENTIALS_FILE="/dev/null",
    )
    return environment


def cli_params(params: dict) -> dict:
    """Sample params for --cli-input-json: timestamps as epoch seconds."""
    return support.convert_timestamps(params, lambda seconds: seconds)


def run_cli(operation: str, params: dict, input_path: str) -> subprocess.CompletedProcess:
    with open(input_path, "w", encoding="utf-8") as input_file:
        json.dump(cli_params(params), input_file)
    command = [
        "aws", "connect", xform_name(operation, "-"),
        "--endpoint-url", support.endpoint(), "--region", "us-east-1",
        "--cli-input-json", "file://" + input_path, "--output", "json",
        "--no-paginate",  # send exactly the sample: no page-size rewriting, one request
    ]
    return subprocess.run(command, env=cli_environment(), capture_output=True, text=True, timeout=120)


def run_all(calls: list) -> list:
    """Runs (operation, params) CLI calls in parallel; results in the same order."""
    with tempfile.TemporaryDirectory() as scratch:
        paths = [os.path.join(scratch, f"{index}.json") for index in range(len(calls))]
        with concurrent.futures.ThreadPoolExecutor(PARALLEL_CALLS) as pool:
            return list(pool.map(run_cli, *zip(*calls), paths))


def cli_error(result: subprocess.CompletedProcess) -> "re.Match | None":
    return CLI_ERROR.search(result.stderr)


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        support.endpoint()
        cls.samples = support.load_samples()

    def test_valid_samples_succeed_or_fail_outside_validation(self):
        calls = [(operation, self.samples[operation]["valid"]) for operation in VALID_OPERATIONS]
        for (operation, _), result in zip(calls, run_all(calls)):
            with self.subTest(operation=operation):
                if result.returncode == 0:
                    continue
                self.assertIn(result.returncode, ERROR_EXIT_CODES, result.stderr)
                error = cli_error(result)
                self.assertIsNotNone(error, result.stderr)
                self.assertEqual(error["operation"], operation)
                self.assertNotIn(error["code"], ("SerializationException", "UnknownOperationException"), result.stderr)
                self.assertNotRegex(error["message"] or "", support.VALIDATION_MESSAGE)

    def test_invalid_samples_get_the_front_end_validation_error(self):
        calls = [(operation, self.samples[operation]["invalid"]["params"]) for operation in INVALID_OPERATIONS]
        for (operation, _), result in zip(calls, run_all(calls)):
            invalid = self.samples[operation]["invalid"]
            with self.subTest(operation=operation):
                self.assertIn(result.returncode, ERROR_EXIT_CODES, result.stderr)
                self.assertIn(f"({invalid['errorCode']})", result.stderr)
                error = cli_error(result)
                self.assertIsNotNone(error, result.stderr)
                self.assertEqual(error["message"], invalid["message"])


if __name__ == "__main__":
    unittest.main()
