"""The command line's conventions (issue 19, docs/cli.md): --help on every command, the start-up banner ending in a
readiness line, one-line start-up errors without stack traces, request log lines with their fields and
--log-format json. Each test starts its own `connectlocal` process from CONNECTLOCAL_SERVER_DLL."""
import json
import os
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

import boto3

from support import NO_RETRIES, SERVER_DLL, free_port

COMMANDS = ["serve", "export", "import", "simulate", "validate-flow", "compatibility", "iac", "rules", "staffing", "version"]


def run(*args, env=None, timeout=60):
    if not SERVER_DLL:
        raise unittest.SkipTest("CONNECTLOCAL_SERVER_DLL is not set")
    return subprocess.run(["dotnet", SERVER_DLL, *args], capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


class Serving:
    """`connectlocal serve` with stdout read line by line until the readiness line."""

    def __init__(self, *flags, env=None):
        if not SERVER_DLL:
            raise unittest.SkipTest("CONNECTLOCAL_SERVER_DLL is not set")
        self.port = free_port()
        self.process = subprocess.Popen(["dotnet", SERVER_DLL, "serve", "--port", str(self.port), *flags],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=dict(os.environ, **(env or {})))
        self.lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line.rstrip("\n"))
            if line.startswith("connectlocal: ready on "):
                return
        self.stop()
        raise AssertionError("no readiness line:\n" + "\n".join(self.lines) + self.process.stderr.read())

    def read_until(self, predicate, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line.rstrip("\n"))
            if predicate(line):
                return line
        raise AssertionError("not logged:\n" + "\n".join(self.lines))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


class HelpTests(unittest.TestCase):
    def test_every_command_answers_help_with_its_usage_and_exit_code_zero(self):
        for command in COMMANDS:
            for flag in ("--help", "-h"):
                with self.subTest(command=command, flag=flag):
                    result = run(command, flag)
                    self.assertEqual(0, result.returncode, result.stderr)
                    self.assertTrue(result.stdout.startswith(f"usage: connectlocal {command}"), result.stdout)
                    self.assertEqual("", result.stderr)

    def test_help_without_a_command_prints_the_overview(self):
        result = run("--help")
        self.assertEqual(0, result.returncode)
        for command in COMMANDS:
            self.assertIn(f"\n  {command}", result.stdout)


class StartupTests(unittest.TestCase):
    def assert_one_line_error(self, result, mentions):
        self.assertNotEqual(0, result.returncode, result.stdout)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), result.stderr)
        self.assertTrue(lines[0].startswith("connectlocal: "), lines[0])
        self.assertIn(mentions, lines[0])
        self.assertNotIn("   at ", result.stdout + result.stderr)
        self.assertNotIn("Exception", result.stdout + result.stderr)

    def test_the_banner_names_the_settings_and_ends_with_the_readiness_line_once_requests_are_answered(self):
        server = Serving("--in-memory")
        try:
            output = "\n".join(server.lines)
            endpoint = f"http://127.0.0.1:{server.port}"
            self.assertEqual(f"connectlocal: ready on {endpoint}", server.lines[-1])
            for expected in ("connectlocal 0.", f"endpoint:   {endpoint}", "data:       in memory", "storage:    sqlite",
                             "auth:       permissive", "throttling: off"):
                self.assertIn(expected, output)
            # the existing log lines stay; ASP.NET Core's console logger writes from its own queue, so its line may
            # come just after the readiness line
            if "Now listening on" not in output:
                self.assertIsNotNone(server.read_until(lambda line: "Now listening on" in line, seconds=5), "\n".join(server.lines))
            # ready means ready: the very next request is answered
            with urllib.request.urlopen(endpoint + "/_connectlocal/health", timeout=5) as response:
                self.assertEqual(200, response.status)
        finally:
            server.stop()

    def test_the_banner_shows_a_data_directory_strict_auth_and_throttling(self):
        with tempfile.TemporaryDirectory() as data:
            credentials = os.path.join(data, "credentials.json")
            with open(credentials, "w", encoding="utf-8") as f:
                json.dump({"credentials": [{"accessKeyId": "AKIACLI", "secretAccessKey": "s", "accountId": "111111111111"}]}, f)
            server = Serving("--data-dir", os.path.join(data, "store"), "--auth", "strict", "--credentials", credentials,
                             "--throttle", "aws")
            try:
                output = "\n".join(server.lines)
                self.assertIn("data:       " + os.path.join(data, "store"), output)
                self.assertIn("auth:       strict", output)
                self.assertIn("throttling: on", output)
            finally:
                server.stop()

    def test_a_busy_port_is_one_line_without_a_stack_trace(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            result = run("serve", "--in-memory", "--port", str(taken.getsockname()[1]))
        self.assert_one_line_error(result, "cannot listen on 127.0.0.1:")
        self.assertNotIn("ready on", result.stdout)

    def test_an_unusable_data_directory_is_one_line(self):
        with tempfile.NamedTemporaryFile() as file:
            result = run("serve", "--port", "0", "--data-dir", os.path.join(file.name, "below-a-file"))
        self.assert_one_line_error(result, "cannot open storage")

    def test_a_bad_credentials_file_is_one_line(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            file.write("{not json")
            file.flush()
            result = run("serve", "--in-memory", "--port", "0", "--auth", "strict", "--credentials", file.name)
        self.assert_one_line_error(result, "--credentials")

    def test_bad_option_values_are_one_line(self):
        for args, mentions in ((["--port", "abc"], "--port"), (["--log-format", "xml"], "--log-format"),
                               (["--durability", "x"], "--durability"), (["--bogus"], "unknown option")):
            with self.subTest(args=args):
                self.assert_one_line_error(run("serve", "--in-memory", *args), mentions)

    def test_an_unreachable_postgresql_is_one_line(self):
        result = run("serve", "--port", "0", "--postgres", f"Host=127.0.0.1;Port={free_port()};Username=x;Database=y;Timeout=2")
        self.assert_one_line_error(result, "cannot open storage")


class RequestLogTests(unittest.TestCase):
    def client(self, server, access_key):
        return boto3.client("connect", endpoint_url=f"http://127.0.0.1:{server.port}", region_name="eu-west-2",
                            aws_access_key_id=access_key, aws_secret_access_key="x", config=NO_RETRIES)

    def test_text_log_lines_carry_operation_status_error_code_account_region_and_request_id(self):
        server = Serving("--in-memory")
        try:
            connect = self.client(server, "123456789012")
            with self.assertRaises(Exception) as raised:
                connect.describe_instance(InstanceId="00000000-0000-0000-0000-000000000000")
            request_id = raised.exception.response["ResponseMetadata"]["RequestId"]
            line = server.read_until(lambda l: request_id in l)
            self.assertRegex(line, r"GET DescribeInstance 404 ResourceNotFoundException account=123456789012 "
                                   r"region=eu-west-2 \d+\.\dms " + request_id)
        finally:
            server.stop()

    def test_json_log_format_writes_one_object_per_line_with_the_fields(self):
        server = Serving("--in-memory", env={"CONNECTLOCAL_LOG_FORMAT": "json"})
        try:
            connect = self.client(server, "123456789012")
            request_id = connect.list_instances()["ResponseMetadata"]["RequestId"]
            line = server.read_until(lambda l: request_id in l)
            entry = json.loads(line)
            self.assertEqual({"operation": "ListInstances", "status": 200, "errorCode": "-", "account": "123456789012",
                              "region": "eu-west-2", "requestId": request_id},
                             {k: entry[k] for k in ("operation", "status", "errorCode", "account", "region", "requestId")})
            self.assertIsInstance(entry["milliseconds"], (int, float))
            # every log line is JSON in this format, the host's own ones included
            for logged in server.lines:
                if logged.startswith("{"):
                    json.loads(logged)
            self.assertTrue(any(l.startswith("{") and "Now listening on" in l for l in server.lines), server.lines)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
