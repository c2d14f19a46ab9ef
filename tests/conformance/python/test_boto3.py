"""boto3 against a running ConnectLocal.

Every operation botocore knows must reach its handler (the server names it in `x-connectlocal-operation`)
and never fail validation with its minimal valid sample; every invalid sample must come back as the AWS
front end's validation error, word for word.

Run: CONNECTLOCAL_ENDPOINT=http://127.0.0.1:4570 python3 -m unittest test_boto3   (from this folder)
"""

import json
import sys
import unittest
import urllib.error
import urllib.request

import boto3
import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

import support
from samples import UUID

REGION = "us-east-1"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "secret"
# Error codes a valid request may legitimately get besides NotImplementedException are the handler's own
# (ResourceNotFoundException, ...); these instead say the request never got past the protocol layer.
PROTOCOL_FAILURES = {"SerializationException", "UnknownOperationException", "MissingAuthenticationTokenException", "IncompleteSignatureException"}


def make_client(**config):
    """A boto3 Connect client for the server that never retries and keeps each raw response body."""
    # In botocore's Config, `max_attempts` counts retries; `total_max_attempts` counts every attempt.
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30, **config)
    client = boto3.client(
        "connect",
        endpoint_url=support.endpoint(),
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=config,
    )
    client.meta.events.register("before-parse.connect", keep_raw_body)
    return client


def keep_raw_body(response_dict, customized_response_dict, **_):
    """botocore drops body members that the model does not declare (NotImplementedException.Operation)."""
    customized_response_dict["RawBody"] = response_dict["body"]


def call(client, operation: str, params: dict) -> dict:
    """The parsed response of one call, success or error alike."""
    method = {api: name for name, api in client.meta.method_to_api_mapping.items()}[operation]
    try:
        return getattr(client, method)(**support.boto_params(params))
    except ClientError as error:
        return error.response


def signed_request(method: str, path: str) -> urllib.request.Request:
    """A SigV4-signed request the way an SDK would sign it, for paths no SDK can send."""
    url = support.endpoint() + path
    request = AWSRequest(method=method, url=url, data=b"")
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "connect", REGION).add_auth(request)
    return urllib.request.Request(url, method=method, headers=dict(request.headers.items()))


class ConformanceCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = make_client()
        cls.samples = support.load_samples()

    def assert_dispatched(self, response: dict, operation: str):
        metadata = response["ResponseMetadata"]
        self.assertEqual(metadata["HTTPHeaders"].get(support.OPERATION_HEADER), operation)
        self.assertTrue(support.is_uuid(metadata.get("RequestId")), metadata.get("RequestId"))

    def assert_validation_error(self, response: dict, code: str, message: str):
        self.assertIn("Error", response, "the request succeeded")
        self.assertEqual(response["Error"]["Code"], code)
        self.assertEqual(response["Error"]["Message"], message)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)


class EveryOperationTest(ConformanceCase):
    def sendable_operations(self) -> list:
        """Every sampled operation botocore can send; the fixture must sample the whole model."""
        self.assertEqual(support.model_operations(), set(self.samples), "the fixture samples every operation of the model")
        return support.botocore_sendable(self.samples, self.client.meta.service_model.operation_names)

    def test_every_operation_dispatches_and_accepts_its_valid_sample(self):
        operations = self.sendable_operations()
        called, handled = 0, set()
        for operation in operations:
            with self.subTest(operation=operation):
                response = call(self.client, operation, self.samples[operation]["valid"])
                called += 1
                self.assert_dispatched(response, operation)
                if "Error" in response:
                    self.assert_acceptable_error(response, operation)
                if response.get("Error", {}).get("Code") != "NotImplementedException":
                    handled.add(operation)
        print(f"\nvalid samples: {called} of {len(self.samples)} sampled operations called, {len(handled)} answered by "
              f"a handler; botocore {botocore.__version__} cannot send {len(self.samples) - len(operations)}",
              file=sys.stderr)
        self.assertEqual(len(self.samples) - len(set(self.samples) - set(operations)), called)
        self.assertGreater(called, support.SANE_FLOOR)
        # an implemented operation that answers 501 has lost its handler; one not listed has gained one
        self.assertEqual(sorted(support.implemented_operations() & set(operations)), sorted(handled))

    def assert_acceptable_error(self, response: dict, operation: str):
        code, message = response["Error"]["Code"], response["Error"].get("Message", "")
        status = response["ResponseMetadata"]["HTTPStatusCode"]
        if code == "NotImplementedException":
            self.assertEqual(status, 501)
            self.assertEqual(json.loads(response["RawBody"]).get("Operation"), operation)
            return
        self.assertNotIn(code, PROTOCOL_FAILURES, message)
        self.assertNotRegex(message, support.VALIDATION_MESSAGE)
        self.assertLess(status, 500, f"{code}: {message}")

    def test_every_invalid_sample_gets_the_front_end_validation_error(self):
        self.assertEqual(support.WITHOUT_INVALID_SAMPLE, {name for name, sample in self.samples.items() if not sample["invalid"]})
        operations = [name for name in self.sendable_operations() if name not in support.WITHOUT_INVALID_SAMPLE]
        called = 0
        for operation in operations:
            invalid = self.samples[operation]["invalid"]
            with self.subTest(operation=operation):
                response = call(self.client, operation, invalid["params"])
                called += 1
                self.assert_validation_error(response, invalid["errorCode"], invalid["message"])
                self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], invalid["status"])
                self.assert_dispatched(response, operation)
        print(f"\ninvalid samples: {called} operations called", file=sys.stderr)
        sendable = set(self.sendable_operations())
        self.assertEqual(len(sendable) - len(support.WITHOUT_INVALID_SAMPLE & sendable), called)
        self.assertGreater(called, support.SANE_FLOOR)


class ProtocolEdgeTest(ConformanceCase):
    def test_request_without_authorization_is_refused_with_403(self):
        client = make_client(signature_version=botocore.UNSIGNED)
        with self.assertRaises(ClientError) as raised:
            client.list_instances()
        self.assertEqual(raised.exception.response["Error"]["Code"], "MissingAuthenticationTokenException")
        self.assertEqual(raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertTrue(support.is_uuid(raised.exception.response["ResponseMetadata"].get("RequestId")))

    def test_unknown_path_gets_a_json_404_not_html(self):
        self.assert_unknown_operation(signed_request("GET", "/connectlocal-no-such-path"))

    def test_known_path_with_a_method_no_operation_uses_gets_a_json_404(self):
        # /instance takes GET (ListInstances) and PUT (CreateInstance) only.
        self.assert_unknown_operation(signed_request("POST", "/instance"))

    def assert_unknown_operation(self, request: urllib.request.Request):
        with self.assertRaises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=10)
        response = raised.exception
        self.assertEqual(response.code, 404)
        self.assertEqual(response.headers.get("x-amzn-ErrorType"), "UnknownOperationException")
        self.assertTrue(response.headers.get("Content-Type", "").startswith("application/json"), response.headers.get("Content-Type"))
        self.assertIsInstance(json.loads(response.read()), dict)

    def test_chat_concurrency_above_ten_names_the_list_item(self):
        response = self.update_concurrency([{"Channel": "CHAT", "Concurrency": 11}])
        self.assert_validation_error(
            response,
            "InvalidParameterException",
            "1 validation error detected: Value '11' at 'mediaConcurrencies.1.member.concurrency' "
            "failed to satisfy constraint: Member must have value less than or equal to 10",
        )
        self.assert_dispatched(response, "UpdateRoutingProfileConcurrency")

    def test_every_violation_of_a_request_is_reported(self):
        response = self.update_concurrency([{"Channel": "CHAT", "Concurrency": 11}, {"Channel": "TASK", "Concurrency": 12}])
        self.assert_validation_error(
            response,
            "InvalidParameterException",
            "2 validation errors detected: "
            "Value '11' at 'mediaConcurrencies.1.member.concurrency' "
            "failed to satisfy constraint: Member must have value less than or equal to 10; "
            "Value '12' at 'mediaConcurrencies.2.member.concurrency' "
            "failed to satisfy constraint: Member must have value less than or equal to 10",
        )

    def update_concurrency(self, media_concurrencies: list) -> dict:
        params = {"InstanceId": UUID, "RoutingProfileId": UUID, "MediaConcurrencies": media_concurrencies}
        return call(self.client, "UpdateRoutingProfileConcurrency", params)


if __name__ == "__main__":
    unittest.main()
