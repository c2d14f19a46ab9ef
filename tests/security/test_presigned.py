"""Presigned (query-string) SigV4 requests with botocore's generate_presigned_url, against `serve --auth strict`.

The signature, credential, date, lifetime and signed headers travel in the query (X-Amz-Algorithm,
X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature, X-Amz-Security-Token); strict
mode checks them as it checks the Authorization header, plus the lifetime (docs/security.md).
"""
import datetime
import json
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid
from unittest import mock

import botocore.auth

from support import ALICE, BOB, TEMPORARY, Server, create_instance

SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your "
                      "AWS Secret Access Key and signing method. Consult the service documentation for details.")


def fetch(url, headers=None):
    """GETs a URL as a browser or curl would; returns (status, x-amzn-ErrorType, parsed body)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, None, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("x-amzn-ErrorType"), json.loads(e.read() or b"{}")


def signed_minutes_ago(minutes):
    real = botocore.auth.get_current_datetime

    def now(*args, **kwargs):
        return real(*args, **kwargs) - datetime.timedelta(minutes=minutes)
    return mock.patch("botocore.auth.get_current_datetime", now)


def with_query(url, **changes):
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, changes.pop(k) if k in changes else v) for k, v in query] + list(changes.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query, quote_via=urllib.parse.quote)))


class PresignedTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--auth", "strict", credentials=[ALICE, BOB, TEMPORARY])
        cls.alice = cls.server.client(ALICE)
        cls.instance = create_instance(cls.alice, "presigned-" + uuid.uuid4().hex[:8])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def presign(self, operation, params=None, credential=ALICE, expires=300, secret=None, region="us-east-1"):
        client = self.server.client(credential, region=region, secret=secret)
        return client.generate_presigned_url(operation, Params=params or {}, ExpiresIn=expires)

    def test_a_presigned_list_instances_is_answered_in_the_key_s_account(self):
        url = self.presign("list_instances")
        self.assertIn("X-Amz-Signature=", url)

        status, _, body = fetch(url)

        self.assertEqual(200, status, body)
        self.assertIn(self.instance["Id"], [i["Id"] for i in body["InstanceSummaryList"]])
        self.assertEqual(200, fetch(url)[0], "a presigned URL may be used again within its lifetime")

    def test_a_presigned_describe_instance_with_a_query_parameter_is_answered(self):
        status, _, body = fetch(self.presign("describe_instance", {"InstanceId": self.instance["Id"]}))
        self.assertEqual((200, self.instance["Arn"]), (status, body["Instance"]["Arn"]))

        status, _, body = fetch(self.presign("list_instances", {"MaxResults": 1}))
        self.assertEqual((200, 1), (status, len(body["InstanceSummaryList"])))

    def test_a_presigned_url_of_a_temporary_credential_carries_its_session_token(self):
        url = self.presign("list_instances", credential=TEMPORARY)
        self.assertIn("X-Amz-Security-Token=", url)
        self.assertEqual(200, fetch(url)[0])

        status, code, _ = fetch(with_query(url, **{"X-Amz-Security-Token": "other"}))
        self.assertEqual((403, "UnrecognizedClientException"), (status, code))

    def test_another_account_s_presigned_url_sees_only_its_account(self):
        status, _, body = fetch(self.presign("list_instances", credential=BOB))
        self.assertEqual(200, status)
        self.assertNotIn(self.instance["Id"], [i["Id"] for i in body["InstanceSummaryList"]])

    def test_the_wrong_secret_is_refused(self):
        status, code, body = fetch(self.presign("list_instances", secret="not-the-secret"))
        self.assertEqual((403, "InvalidSignatureException", SIGNATURE_MISMATCH), (status, code, body["Message"]))

    def test_a_changed_query_or_path_is_refused(self):
        url = self.presign("describe_instance", {"InstanceId": self.instance["Id"]})
        other = create_instance(self.alice, "presigned-other-" + uuid.uuid4().hex[:8])["Id"]

        self.assertEqual(403, fetch(url.replace(self.instance["Id"], other))[0])
        self.assertEqual(403, fetch(with_query(self.presign("list_instances", {"MaxResults": 1}), maxResults="10"))[0])
        self.assertEqual(403, fetch(with_query(url, **{"X-Amz-Expires": "3600"}))[0])

    def test_an_expired_url_is_refused_and_one_within_its_lifetime_is_answered(self):
        with signed_minutes_ago(10):
            expired = self.presign("list_instances", expires=300)
            live = self.presign("list_instances", expires=3600)

        status, code, body = fetch(expired)
        self.assertEqual((403, "InvalidSignatureException"), (status, code))
        self.assertTrue(body["Message"].startswith("Signature expired: "), body)
        self.assertEqual(200, fetch(live)[0], "the lifetime, not the 5-minute skew, bounds a presigned URL")

    def test_a_lifetime_over_a_week_is_refused(self):
        status, code, body = fetch(self.presign("list_instances", expires=604801))
        self.assertEqual((403, "IncompleteSignatureException"), (status, code))
        self.assertIn("X-Amz-Expires", body["Message"])

    def test_a_scope_naming_a_Region_Connect_does_not_run_in_is_refused(self):
        status, code, body = fetch(self.presign("list_instances", region="xx-fake-1"))
        self.assertEqual((403, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'xx-fake-1'."),
                         (status, code, body["Message"]))

    def test_a_missing_parameter_is_refused(self):
        parts = urllib.parse.urlsplit(self.presign("list_instances"))
        query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "X-Amz-SignedHeaders"]
        status, code, body = fetch(urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query))))
        self.assertEqual((403, "IncompleteSignatureException"), (status, code))
        self.assertTrue(body["Message"].startswith("AWS query-string parameters must include"), body)

    def test_a_presigned_url_with_an_Authorization_header_too_is_refused(self):
        status, code, _ = fetch(self.presign("list_instances"), headers={
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAALICEEXAMPLE/20261121/us-east-1/connect/aws4_request, "
                             "SignedHeaders=host, Signature=00"})
        self.assertEqual((403, "IncompleteSignatureException"), (status, code))


class PermissivePresignedTestCase(unittest.TestCase):
    """Permissive mode reads the presigned credential as it reads the header: account and Region, no signature."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_a_presigned_url_is_answered_in_the_key_s_account(self):
        client = self.server.client({"accessKeyId": "123456789012", "secretAccessKey": "any"})
        create_instance(client, "permissive-presigned-" + uuid.uuid4().hex[:8])
        status, _, body = fetch(client.generate_presigned_url("list_instances", ExpiresIn=60))
        self.assertEqual(200, status)
        self.assertIn(":123456789012:", body["InstanceSummaryList"][0]["Arn"])


if __name__ == "__main__":
    unittest.main()
