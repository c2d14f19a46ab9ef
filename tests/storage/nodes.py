"""ConnectLocal nodes for the storage suites: start a server process, kill it with SIGKILL, restart it on the
same storage, create and drop PostgreSQL databases, and make boto3 clients for a node.

Needs CONNECTLOCAL_SERVER_DLL (the built connectlocal.dll; scripts/test.sh sets it); the PostgreSQL cases also
need CONNECTLOCAL_TEST_POSTGRES (an Npgsql connection string; scripts/test.sh starts a private cluster). Without
them the suites are skipped. Every node listens on 127.0.0.1 only.
"""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
from botocore.config import Config

SERVER_DLL = os.environ.get("CONNECTLOCAL_SERVER_DLL")
POSTGRES = os.environ.get("CONNECTLOCAL_TEST_POSTGRES")
ACCOUNT = "000000000000"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30,
                    max_pool_connections=32)


def require_server():
    if not SERVER_DLL or not os.path.exists(SERVER_DLL):
        raise unittest.SkipTest("CONNECTLOCAL_SERVER_DLL is not set (scripts/test.sh sets it)")


def require_postgres():
    require_server()
    if not POSTGRES:
        raise unittest.SkipTest("CONNECTLOCAL_TEST_POSTGRES is not set (scripts/test.sh sets it)")


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Node:
    """One `connectlocal serve` process with the given storage flags; its log is kept in a file."""

    def __init__(self, *storage_flags, log_dir):
        self.flags = list(storage_flags)
        self.log_path = os.path.join(log_dir, unique("node") + ".log")
        self.process = None
        self.port = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, *extra_flags, timeout=60):
        self.port = free_port()
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            ["dotnet", SERVER_DLL, "serve", "--port", str(self.port), *self.flags, *extra_flags],
            stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"node exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.endpoint + "/_connectlocal/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            time.sleep(0.1)
        self.kill()
        raise AssertionError(f"node did not answer within {timeout}s:\n{self.log()}")

    def kill(self):
        """SIGKILL: no shutdown code runs, exactly like a crash of the process."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def answered_500(self):
        return [line for line in self.log().splitlines() if " 500 " in line]

    def client(self, region="us-east-1", account=None):
        return boto3.client("connect", endpoint_url=self.endpoint, region_name=region,
                            aws_access_key_id=account or "AKIDEXAMPLE", aws_secret_access_key="secret",
                            config=NO_RETRIES)

    def control(self, method, path, body=None, query=None):
        """Calls a /_connectlocal/ endpoint; returns (status, parsed JSON)."""
        url = f"{self.endpoint}/_connectlocal/{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def stored(self, kind, parent, rid, region="us-east-1", account=ACCOUNT):
        """The stored record (version and data) of one resource, through the state endpoint's debug read."""
        status, body = self.control("GET", "state", query={"account": account, "region": region, "kind": kind,
                                                           "parent": parent, "id": rid})
        assert status == 200, body
        records = body["resources"]
        return records[0] if records else None


def cli(*args, check=True):
    """Runs `connectlocal ARGS` (export, import) to completion; returns the CompletedProcess."""
    result = subprocess.run(["dotnet", SERVER_DLL, *args], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"connectlocal {' '.join(args)} failed ({result.returncode}): {result.stderr}{result.stdout}")
    return result


def _admin():
    parts = dict(p.split("=", 1) for p in POSTGRES.split(";") if "=" in p)
    return parts


def psql(sql, database=None):
    a = _admin()
    env = dict(os.environ, PGCONNECT_TIMEOUT="10")
    subprocess.run(["psql", "-h", a["Host"], "-p", a["Port"], "-U", a["Username"], "-d", database or a["Database"],
                    "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, env=env, capture_output=True, timeout=60)


def new_database():
    """A new, empty database on the test cluster; returns (name, Npgsql connection string)."""
    name = "connectlocal_" + uuid.uuid4().hex[:12]
    psql(f"CREATE DATABASE {name}")
    a = _admin()
    return name, f"Host={a['Host']};Port={a['Port']};Username={a['Username']};Database={name};Pooling=true"


def drop_database(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def temp_dir(prefix):
    """A new directory under CONNECTLOCAL_STORAGE_WORK (scripts/test.sh removes it afterwards), else under /tmp."""
    base = os.environ.get("CONNECTLOCAL_STORAGE_WORK")
    if base:
        os.makedirs(base, exist_ok=True)
    return tempfile.mkdtemp(prefix=f"connectlocal-{prefix}-", dir=base)


def transient(error):
    """Whether a client error means 'no answer came' (the node was killed), not an answer."""
    from botocore.exceptions import ClientError
    return not isinstance(error, ClientError)
