"""What the conformance suites share: where the server and the samples are, and sample conversion."""

import datetime
import json
import os
import re
import unittest

import samples

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
MODEL_PATH = os.path.join(REPO_ROOT, "model", "connect-2017-08-08.json")
COMPATIBILITY_PATH = os.path.join(REPO_ROOT, "docs", "compatibility.md")

# The operations a run may leave out, each for a reason a server regression cannot produce; the suites assert
# that they exercised every other operation of the fixture.
# Operations of the pinned model that botocore 1.43.11 does not know (added to Connect after its bundled
# model), so boto3 cannot send them; the JS suite does. A newer botocore knows some or all of them.
NEWER_THAN_BOTOCORE = frozenset({
    "CreateAttachedFile", "CreateAuthCode", "DeleteContactData", "DeleteSession", "GetEvaluationFormValidation",
    "SearchRules", "SendOutboundWebNotification", "StartContactConversationalAnalyticsJob",
    "StartEvaluationFormValidation", "UpdateContactTaskTemplate",
    # model/overlays (newer than the pinned model too)
    "GetCrossRegionRouting", "UpdateCrossRegionRouting",
})
# Operations without an invalid sample: DescribePhoneNumber and ListTagsForResource have one unconstrained
# string label each; TagResource's only constraints sit inside its tags map, whose violations the server
# reports at the map (samples.py).
WITHOUT_INVALID_SAMPLE = frozenset({"DescribePhoneNumber", "ListTagsForResource", "TagResource"})
# A run that exercised fewer operations than this lost most of its samples (the pinned model has 380, 382 with model/overlays).
SANE_FLOOR = 300
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
# The server names the dispatched operation in this header on every response (docs/wire-choices.md).
OPERATION_HEADER = "x-connectlocal-operation"
# The AWS front-end validation message: "1 validation error detected: ..." / "2 validation errors detected: ...".
VALIDATION_MESSAGE = re.compile(r"^\d+ validation errors? detected")


def endpoint() -> str:
    """The running server (env CONNECTLOCAL_ENDPOINT); the suites skip when it is not set."""
    url = os.environ.get("CONNECTLOCAL_ENDPOINT")
    if not url:
        raise unittest.SkipTest("set CONNECTLOCAL_ENDPOINT to the server's URL, e.g. http://127.0.0.1:4570")
    return url.rstrip("/")


def load_samples() -> dict:
    """The fixture named by env CONNECTLOCAL_SAMPLES, or one generated from the vendored model."""
    path = os.environ.get("CONNECTLOCAL_SAMPLES")
    if not path:
        return samples.generate(MODEL_PATH)["operations"]
    with open(path, encoding="utf-8") as fixture:
        return json.load(fixture)["operations"]


def model_operations() -> set:
    """The operations of the model and its overlays (model/overlays)."""
    return set(samples.load_model(MODEL_PATH)["operations"])


def implemented_operations() -> set:
    """The operations docs/compatibility.md lists as implemented (a test keeps that file in step with the server)."""
    row = re.compile(r"^\| (\w+) \| .* \| implemented \|$")
    with open(COMPATIBILITY_PATH, encoding="utf-8") as report:
        return {m.group(1) for m in map(row.match, report.read().splitlines()) if m}


def botocore_sendable(sampled, botocore_operations) -> list:
    """The sampled operations botocore can send; AssertionError when it lacks one not in NEWER_THAN_BOTOCORE."""
    missing = set(sampled) - set(botocore_operations)
    if not missing <= NEWER_THAN_BOTOCORE:
        raise AssertionError(f"botocore cannot send {sorted(missing - NEWER_THAN_BOTOCORE)}, which are not listed "
                             "in NEWER_THAN_BOTOCORE")
    return sorted(set(sampled) & set(botocore_operations))


def convert_timestamps(value, convert):
    """A copy of sample params with every {"__timestamp": seconds} replaced by convert(seconds)."""
    if isinstance(value, dict):
        if set(value) == {"__timestamp"}:
            return convert(value["__timestamp"])
        return {key: convert_timestamps(item, convert) for key, item in value.items()}
    if isinstance(value, list):
        return [convert_timestamps(item, convert) for item in value]
    return value


def boto_params(params: dict) -> dict:
    return convert_timestamps(params, lambda seconds: datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc))


def is_uuid(value) -> bool:
    return isinstance(value, str) and UUID_PATTERN.match(value) is not None
