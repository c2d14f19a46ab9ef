"""Shared helpers for the behaviour suites: real boto3 clients against a running ConnectLocal.

The server's endpoint comes from CONNECTLOCAL_ENDPOINT (scripts/test.sh starts one); without it the suites
are skipped, so `python3 -m unittest` never silently talks to AWS.
"""
import os
import subprocess
import unittest
import uuid

import boto3
from botocore.config import Config

ENDPOINT = os.environ.get("CONNECTLOCAL_ENDPOINT")
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def require_server():
    if not ENDPOINT:
        raise unittest.SkipTest("CONNECTLOCAL_ENDPOINT is not set")


def client(region="us-east-1", account=None):
    """A Connect client; `account` (12 digits) becomes the access key id, which ConnectLocal reads as the account."""
    require_server()
    return boto3.client(
        "connect",
        endpoint_url=ENDPOINT,
        region_name=region,
        aws_access_key_id=account or "AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=NO_RETRIES,
    )


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_instance(connect, alias=None):
    """A fresh instance (with its default resources); returns its id."""
    out = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias or unique("inst"),
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return out["Id"]


def cli(*args, region="us-east-1", check=True):
    """Runs the aws CLI against the server; returns the CompletedProcess (stdout parsed by the caller)."""
    require_server()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
               AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    cmd = ["aws", "connect", *args, "--endpoint-url", ENDPOINT, "--region", region, "--output", "json"]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr}")
    return result


class ConnectTestCase(unittest.TestCase):
    """Gives each test class a client and a fresh instance."""

    @classmethod
    def setUpClass(cls):
        cls.connect = client()
        cls.instance_id = create_instance(cls.connect)

    def assertError(self, code, call, *args, status=None, message=None, **kwargs):
        """Asserts the call fails with the AWS error `code` (and status/message when given); returns the error."""
        with self.assertRaises(self.connect.exceptions.ClientError) as ctx:
            call(*args, **kwargs)
        error = ctx.exception.response["Error"]
        self.assertEqual(code, error["Code"], error.get("Message"))
        if status is not None:
            self.assertEqual(status, ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        if message is not None:
            self.assertEqual(message, error["Message"])
        return ctx.exception
