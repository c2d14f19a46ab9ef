"""Shared helpers for the behaviour suites: real boto3 clients against a running ConnectLocal.

The server's endpoint comes from CONNECTLOCAL_ENDPOINT (scripts/test.sh starts one); without it the suites
are skipped, so `python3 -m unittest` never silently talks to AWS.
"""
import glob
import os
import shutil
import signal
import socket
import subprocess
import time
import unittest
import urllib.request
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


def create_instance(connect, alias=None, identity="CONNECT_MANAGED"):
    """A fresh instance (with its default resources); returns its id. Global Resiliency replicates only SAML
    instances, so the tests that replicate pass identity="SAML" (their users then have no password)."""
    out = connect.create_instance(
        IdentityManagementType=identity,
        InstanceAlias=alias or unique("inst"),
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return out["Id"]


def replicable_instance(connect, alias=None):
    """A fresh instance Global Resiliency can replicate: SAML identity management (the Admin Guide's precondition)."""
    return create_instance(connect, alias, identity="SAML")


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
        cls.instance_id = cls._instance_made = create_instance(cls.connect)

    @classmethod
    def tearDownClass(cls):
        # Clean-up, not a check: the suites share one account, whose instances count against the per-Region instance
        # quota (100), so each class removes the instance this setUpClass made for it (classes that set up their own,
        # e.g. replicated instances, keep theirs). An instance a test already deleted is gone.
        made = cls.__dict__.get("_instance_made")
        if made is None:
            return
        try:
            cls.connect.delete_instance(InstanceId=made)
        except cls.connect.exceptions.ResourceNotFoundException:
            pass

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

    def assertTagsByArn(self, arn):
        """TagResource, ListTagsForResource and UntagResource work on the resource named by `arn`, which starts untagged."""
        self.connect.tag_resource(resourceArn=arn, tags={"env": "dev"})
        self.assertEqual({"env": "dev"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.connect.untag_resource(resourceArn=arn, tagKeys=["env"])
        self.assertEqual({}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])


class OwnServer:
    """A ConnectLocal process a test starts and stops itself (restarts, crash tests), on a free port."""

    def __init__(self, data_dir, *extra_args):
        self.data_dir = data_dir
        self.extra_args = list(extra_args)
        self.proc = None
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def dll():
        """The built server: CONNECTLOCAL_SERVER_DLL, or the newest build in the tree; SkipTest when there is none."""
        found = os.environ.get("CONNECTLOCAL_SERVER_DLL")
        if not found:
            root = os.path.join(os.path.dirname(__file__), "..", "..", "src", "ConnectLocal.Server", "bin")
            candidates = glob.glob(os.path.join(root, "*", "net10.0", "connectlocal.dll"))
            found = max(candidates, key=os.path.getmtime) if candidates else None
        if not found or not os.path.exists(found) or not shutil.which("dotnet"):
            raise unittest.SkipTest("no built server to start (set CONNECTLOCAL_SERVER_DLL)")
        return found

    def start(self):
        self.proc = subprocess.Popen(
            ["dotnet", self.dll(), "serve", "--port", str(self.port), "--data-dir", self.data_dir, *self.extra_args],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{self.endpoint}/_connectlocal/health", timeout=1):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise AssertionError("ConnectLocal did not start")

    def stop(self):
        """A clean stop (SIGTERM, as Ctrl-C would)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def client(self, region="us-east-1", account=None):
        return boto3.client("connect", endpoint_url=self.endpoint, region_name=region,
                            aws_access_key_id=account or "AKIDEXAMPLE", aws_secret_access_key="secret",
                            config=NO_RETRIES)
