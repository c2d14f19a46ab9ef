"""What the conformance suites share: where the server and the samples are, and sample conversion."""

import datetime
import json
import os
import re
import unittest

import samples

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_PATH = os.path.normpath(os.path.join(HERE, "..", "..", "..", "model", "connect-2017-08-08.json"))
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
