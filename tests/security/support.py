"""Helpers for the security suites: each suite starts its own ConnectLocal with the flags it is about.

The server binary comes from CONNECTLOCAL_SERVER_DLL (scripts/test.sh sets it); without it the suites are
skipped. Servers listen on 127.0.0.1 only, keep nothing on disk and are stopped when the suite ends.
"""
import json
import os
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

import boto3
from botocore.config import Config

SERVER_DLL = os.environ.get("CONNECTLOCAL_SERVER_DLL")
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
REGION = "us-east-1"

# Strict mode's credentials for the suites: two accounts, one of them with a session token.
ALICE = {"accessKeyId": "AKIAALICEEXAMPLE", "secretAccessKey": "alice/secret+key", "accountId": "111111111111"}
BOB = {"accessKeyId": "AKIABOBEXAMPLE", "secretAccessKey": "bob-secret", "accountId": "222222222222"}
TEMPORARY = {"accessKeyId": "ASIATEMPEXAMPLE", "secretAccessKey": "temporary-secret", "accountId": "111111111111",
             "sessionToken": "FwoGZXIvYXdzEXAMPLEtoken"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`connectlocal serve` on a free loopback port with extra flags; `endpoint` once it answers its health check."""

    def __init__(self, *flags, credentials=None, env=None):
        if not SERVER_DLL:
            raise unittest.SkipTest("CONNECTLOCAL_SERVER_DLL is not set")
        self._dir = tempfile.TemporaryDirectory(prefix="connectlocal-security-")
        args = list(flags)
        if credentials is not None:
            path = os.path.join(self._dir.name, "credentials.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"credentials": credentials}, f)
            args += ["--credentials", path]
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._log = open(os.path.join(self._dir.name, "server.log"), "w+", encoding="utf-8")
        self._process = subprocess.Popen(
            ["dotnet", SERVER_DLL, "serve", "--port", str(self.port), "--in-memory", *args],
            stdout=self._log, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            try:
                urllib.request.urlopen(self.endpoint + "/_connectlocal/health", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"server did not start:\n{self.log()}")

    def log(self):
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def stop(self):
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()
        self._dir.cleanup()

    def client(self, credential, region=REGION, config=NO_RETRIES, secret=None):
        return boto3.client(
            "connect", endpoint_url=self.endpoint, region_name=region, config=config,
            aws_access_key_id=credential["accessKeyId"],
            aws_secret_access_key=secret if secret is not None else credential["secretAccessKey"],
            aws_session_token=credential.get("sessionToken"))

    def control(self, method, path, body=None):
        """Calls the control API; returns (status, parsed JSON body)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + "/_connectlocal" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")


def error_of(test, call, *args, **kwargs):
    """Runs a boto3 call that must fail; returns (HTTP status, code, message)."""
    with test.assertRaises(Exception) as ctx:
        call(*args, **kwargs)
    response = getattr(ctx.exception, "response", None)
    test.assertIsNotNone(response, f"not a service error: {ctx.exception!r}")
    return (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"])


def create_instance(connect, alias):
    return connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=alias,
                                   InboundCallsEnabled=True, OutboundCallsEnabled=True)
