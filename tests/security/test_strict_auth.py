"""Strict authentication with real clients: boto3 and the aws CLI against `serve --auth strict`.

Each refusal is checked the way AWS answers it (behaviour doc §7): 403 with InvalidSignatureException,
UnrecognizedClientException or MissingAuthenticationTokenException and AWS's messages. The JS v3 client is
tested the same way in tests/conformance/js/strict-auth.test.mjs.
"""
import datetime
import hashlib
import http.client
import json
import os
import subprocess
import sys
import unittest
import uuid
from unittest import mock

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from support import ALICE, BOB, TEMPORARY, REGION, Server, create_instance, error_of

SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your "
                      "AWS Secret Access Key and signing method. Consult the service documentation for details.")
BAD_TOKEN = "The security token included in the request is invalid."


def skewed(minutes):
    """A replacement for botocore's signing clock that runs `minutes` off."""
    real = botocore.auth.get_current_datetime

    def now(*args, **kwargs):
        return real(*args, **kwargs) + datetime.timedelta(minutes=minutes)
    return mock.patch("botocore.auth.get_current_datetime", now)


class StrictAuthTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--auth", "strict", credentials=[ALICE, BOB, TEMPORARY])
        cls.alice = cls.server.client(ALICE)
        cls.instance = create_instance(cls.alice, "strict-" + uuid.uuid4().hex[:8])
        queues = cls.alice.list_queues(InstanceId=cls.instance["Id"], QueueTypes=["STANDARD"])["QueueSummaryList"]
        cls.queue_id = next(q["Id"] for q in queues if q["Name"] == "BasicQueue")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    # --- raw requests signed by botocore's own signer -----------------------------------------------------

    def signed_request(self, method, path, body=b"", credential=ALICE, content_sha256=False):
        """A request signed with botocore's SigV4Auth, as (method, path, headers, body) to send by hand."""
        headers = {"Content-Type": "application/json"} if body else {}
        if content_sha256:
            headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
        request = AWSRequest(method=method, url=self.server.endpoint + path, data=body, headers=headers)
        SigV4Auth(Credentials(credential["accessKeyId"], credential["secretAccessKey"]), "connect", REGION).add_auth(request)
        return method, path, dict(request.headers.items()), body

    def send(self, method, path, headers, body):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheader("x-amzn-ErrorType"), json.loads(response.read() or b"{}")
        finally:
            connection.close()

    # --- boto3 ---------------------------------------------------------------------------------------------

    def test_boto3_with_the_right_secret_is_answered(self):
        described = self.alice.describe_instance(InstanceId=self.instance["Id"])["Instance"]
        self.assertEqual(self.instance["Arn"], described["Arn"])
        self.assertIn(":111111111111:", described["Arn"], "the account comes from the credentials file")
        # an ARN as a path label (encoded twice in the canonical URI) and repeated query parameters
        self.alice.tag_resource(resourceArn=self.instance["Arn"], tags={"team": "a b/c+d=e"})
        self.assertEqual({"team": "a b/c+d=e"}, self.alice.list_tags_for_resource(resourceArn=self.instance["Arn"])["tags"])
        queues = self.alice.list_queues(InstanceId=self.instance["Id"], QueueTypes=["STANDARD", "AGENT"], MaxResults=7)
        self.assertIn(self.queue_id, [q["Id"] for q in queues["QueueSummaryList"]])

    def test_boto3_with_a_session_token_is_answered(self):
        temporary = self.server.client(TEMPORARY)
        ids = [i["Id"] for i in temporary.list_instances()["InstanceSummaryList"]]
        self.assertIn(self.instance["Id"], ids, "the temporary credential belongs to the same account")

    def test_boto3_with_the_wrong_secret_is_refused(self):
        client = self.server.client(ALICE, secret="not-the-secret")
        self.assertEqual((403, "InvalidSignatureException", SIGNATURE_MISMATCH), error_of(self, client.list_instances))

    def test_boto3_with_an_unknown_access_key_is_refused(self):
        client = self.server.client({"accessKeyId": "AKIANOBODYKNOWS", "secretAccessKey": "x"})
        self.assertEqual((403, "UnrecognizedClientException", BAD_TOKEN), error_of(self, client.list_instances))

    def test_boto3_without_the_session_token_of_a_temporary_credential_is_refused(self):
        client = self.server.client(dict(TEMPORARY, sessionToken=None))
        self.assertEqual((403, "UnrecognizedClientException", BAD_TOKEN), error_of(self, client.list_instances))

    def test_boto3_with_a_wrong_session_token_is_refused(self):
        client = self.server.client(dict(TEMPORARY, sessionToken="another-token"))
        self.assertEqual((403, "UnrecognizedClientException", BAD_TOKEN), error_of(self, client.list_instances))

    def test_boto3_with_a_session_token_on_a_long_term_key_is_refused(self):
        client = self.server.client(dict(ALICE, sessionToken="stolen-token"))
        self.assertEqual((403, "UnrecognizedClientException", BAD_TOKEN), error_of(self, client.list_instances))

    def test_boto3_with_a_clock_ten_minutes_slow_is_refused_as_expired(self):
        with skewed(-10):
            status, code, message = error_of(self, self.alice.list_instances)
        self.assertEqual((403, "InvalidSignatureException"), (status, code))
        self.assertRegex(message, r"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$")

    def test_boto3_with_a_clock_ten_minutes_fast_is_refused_as_not_yet_current(self):
        with skewed(10):
            status, code, message = error_of(self, self.alice.list_instances)
        self.assertEqual((403, "InvalidSignatureException"), (status, code))
        self.assertRegex(message, r"^Signature not yet current: \d{8}T\d{6}Z is still later than ")

    def test_boto3_with_a_clock_four_minutes_off_is_answered(self):
        with skewed(-4):
            self.alice.list_instances()
        with skewed(4):
            self.alice.list_instances()

    def test_the_other_account_does_not_see_the_instance(self):
        bob = self.server.client(BOB)
        self.assertNotIn(self.instance["Id"], [i["Id"] for i in bob.list_instances()["InstanceSummaryList"]])
        status, code, _ = error_of(self, bob.describe_instance, InstanceId=self.instance["Id"])
        self.assertEqual((404, "ResourceNotFoundException"), (status, code))

    # --- raw requests: tampering -----------------------------------------------------------------------------

    def body_request(self, **kwargs):
        body = json.dumps({"Name": "renamed-" + uuid.uuid4().hex[:6], "Description": "d"}).encode()
        return self.signed_request("POST", f"/queues/{self.instance['Id']}/{self.queue_id}/name", body, **kwargs)

    def test_a_raw_request_signed_by_botocore_is_answered_untampered(self):
        status, error_type, body = self.send(*self.body_request())
        self.assertEqual((200, None), (status, error_type), body)

    def test_a_tampered_body_is_refused(self):
        method, path, headers, body = self.body_request()
        tampered = body.replace(b'"d"', b'"x"')
        self.assertEqual(len(body), len(tampered))
        status, error_type, answer = self.send(method, path, headers, tampered)
        self.assertEqual((403, "InvalidSignatureException", SIGNATURE_MISMATCH), (status, error_type, answer["Message"]))

    def test_a_tampered_body_with_x_amz_content_sha256_is_refused(self):
        method, path, headers, body = self.body_request(content_sha256=True)
        self.assertEqual(200, self.send(method, path, headers, body)[0], "the untampered request passes")
        method, path, headers, body = self.body_request(content_sha256=True)
        status, error_type, answer = self.send(method, path, headers, body.replace(b'"d"', b'"x"'))
        self.assertEqual((403, "InvalidSignatureException"), (status, error_type))
        self.assertEqual("The provided 'x-amz-content-sha256' header does not match what was computed.", answer["Message"])

    def test_a_tampered_path_is_refused(self):
        method, path, headers, body = self.signed_request("GET", f"/instance/{self.instance['Id']}")
        status, error_type, _ = self.send(method, f"/instance/{uuid.uuid4()}", headers, body)
        self.assertEqual((403, "InvalidSignatureException"), (status, error_type))

    def test_a_tampered_query_is_refused(self):
        method, path, headers, body = self.signed_request("GET", "/instance?maxResults=5")
        self.assertEqual(200, self.send(method, path, headers, body)[0])
        status, error_type, _ = self.send(method, "/instance?maxResults=6", headers, body)
        self.assertEqual((403, "InvalidSignatureException"), (status, error_type))

    def test_a_tampered_signed_header_is_refused(self):
        method, path, headers, body = self.signed_request("GET", "/instance")
        headers["X-Amz-Date"] = headers["X-Amz-Date"][:-3] + ("00Z" if not headers["X-Amz-Date"].endswith("00Z") else "01Z")
        status, error_type, _ = self.send(method, path, headers, body)
        self.assertEqual((403, "InvalidSignatureException"), (status, error_type))

    def test_a_request_without_authorization_is_refused(self):
        status, error_type, answer = self.send("GET", "/instance", {}, b"")
        self.assertEqual((403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
                         (status, error_type, answer["Message"]))

    def test_a_request_without_a_date_is_refused(self):
        method, path, headers, body = self.signed_request("GET", "/instance")
        del headers["X-Amz-Date"]
        status, error_type, answer = self.send(method, path, headers, body)
        self.assertEqual((403, "IncompleteSignatureException"), (status, error_type))
        self.assertEqual("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", answer["Message"])


class StrictAuthCliTestCase(unittest.TestCase):
    """The aws CLI (botocore underneath, its own command line and credential chain) in strict mode."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server("--auth", "strict", credentials=[ALICE, BOB])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def aws(self, *args, access_key=ALICE["accessKeyId"], secret=ALICE["secretAccessKey"], skew_minutes=0):
        env = dict(os.environ, AWS_ACCESS_KEY_ID=access_key, AWS_SECRET_ACCESS_KEY=secret, AWS_MAX_ATTEMPTS="1",
                   AWS_RETRY_MODE="standard", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
        cli = ["connect", *args, "--endpoint-url", self.server.endpoint, "--region", REGION, "--output", "json"]
        if skew_minutes:
            # The CLI itself, with its signing clock moved (there is no flag for that).
            program = ("import datetime, sys, botocore.auth as a; real = a.get_current_datetime; "
                       f"a.get_current_datetime = lambda *p, **k: real(*p, **k) + datetime.timedelta(minutes={skew_minutes}); "
                       "from awscli.clidriver import main; sys.exit(main())")
            command = [sys.executable, "-c", program, *cli]
        else:
            command = ["aws", *cli]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    def test_cli_with_the_right_secret_is_answered(self):
        created = self.aws("create-instance", "--identity-management-type", "CONNECT_MANAGED", "--instance-alias",
                           "cli-" + uuid.uuid4().hex[:8], "--inbound-calls-enabled", "--outbound-calls-enabled")
        self.assertEqual(0, created.returncode, created.stderr)
        arn = json.loads(created.stdout)["Arn"]
        self.assertIn(":111111111111:", arn)
        tags = self.aws("list-tags-for-resource", "--resource-arn", arn)
        self.assertEqual(0, tags.returncode, tags.stderr)

    def test_cli_with_the_wrong_secret_is_refused(self):
        result = self.aws("list-instances", secret="wrong")
        self.assertNotEqual(0, result.returncode)
        self.assertIn("(InvalidSignatureException)", result.stderr)
        self.assertIn("does not match the signature you provided", result.stderr)

    def test_cli_with_an_unknown_key_is_refused(self):
        result = self.aws("list-instances", access_key="AKIAUNKNOWNKEY")
        self.assertNotEqual(0, result.returncode)
        self.assertIn("(UnrecognizedClientException)", result.stderr)

    def test_cli_with_a_skewed_clock_is_refused(self):
        result = self.aws("list-instances", skew_minutes=-30)
        self.assertNotEqual(0, result.returncode)
        self.assertIn("(InvalidSignatureException)", result.stderr)
        self.assertIn("Signature expired", result.stderr)


if __name__ == "__main__":
    unittest.main()
