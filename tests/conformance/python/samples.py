#!/usr/bin/env python3
"""Generates the request samples shared by the real-client conformance suites (Python and JS).

For every operation of the vendored Connect model (botocore service-2.json format) it writes:

* ``valid``: the minimal valid request - every required member, recursively, and nothing else (a union
  gets exactly one member) - with values that satisfy every constraint of the model;
* ``invalid``: the valid request with exactly one constraint violation that botocore does not catch
  client-side (botocore checks required members, types, unknown members and ``min`` only), together with
  the error ConnectLocal must answer (docs/wire-choices.md), or ``null`` when no member can carry one.

Timestamps are written as ``{"__timestamp": <epoch seconds>}`` so each client converts them itself.

Usage: samples.py --model model/connect-2017-08-08.json --out samples.json
"""

import argparse
import copy
import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Iterator, Optional

UUID = "6f0c1b4e-0c55-4a52-9a5e-2d1b0c0f9e11"
INSTANCE_ARN = f"arn:aws:connect:us-east-1:123456789012:instance/{UUID}"
TDG_ARN = f"arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/{UUID}"
PHONE = "+12065550100"
EMAIL = "agent@example.com"
EPOCH_SECONDS = 1735689600  # 2025-01-01T00:00:00Z
NOT_AN_ENUM_VALUE = "NOT_A_MODEL_VALUE"

# Longest value a max-length violation may use: path labels and messages stay small.
TOO_LONG_LIMIT = 4096
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1


@dataclass(frozen=True)
class StringRule:
    """How to make strings for one pattern.

    word: a realistic value matching the pattern; fill: a character that can be appended any number of
    times while the pattern still matches, None when the pattern fixes the length of the value; bad: a
    value that fails only the pattern, None when no such value is worth sending.
    """

    word: str
    fill: Optional[str] = None
    bad: Optional[str] = None


def _text(bad: Optional[str] = "a!b") -> StringRule:
    return StringRule("sample", "x", bad)


# One entry per distinct pattern of the model, keyed by the pattern exactly as the model writes it.
# Patterns are matched with search semantics; the server reads doubled backslashes as single ones and
# strips the JavaScript-style /.../ delimiters (docs/wire-choices.md).
PATTERN_RULES = {
    r'(?!aws:|connect:)[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]+$': StringRule("key", "k", "key\u0100"),
    r'(^[\S].*[\S]$)|(^[\S]$)': _text(bad=" x "),
    r'.*': _text(bad=None),
    r'.*\S.*': _text(bad=" "),
    r'.*\\S.*': _text(bad=" "),
    r'/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/': StringRule("Passw0rd1", None, "password"),
    r'[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]+$': StringRule("sample", "x", "x\u0100"),
    r'[^\s@]+@[^\s@]+\.[^\s@]+': StringRule(EMAIL, "m", "agent.example.com"),
    r'[a-z]{2}(-[a-z]+){1,2}(-[0-9])?': StringRule("us-east-1", "x", "US-EAST-1"),
    r'\+[1-9]\d{1,14}$': StringRule(PHONE, None, PHONE + "x"),
    r'\\+?[0-9]{1,11}': StringRule("1", "1", "x"),
    r'\\+[1-9]\\d{1,14}$': StringRule(PHONE, None, PHONE + "x"),
    r"^$|^[\\p{L}\\p{Z}\\p{N}\\-_.:=@'|]{3,}$": _text(),
    r"^(?!\\.$)(?!\\.\\.$)[\\p{L}\\p{Z}\\p{N}\\-_.:=@'|]+$": _text(),
    r'^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$': StringRule("key", "k", "aws:key"),
    r'^(?!aws:)[a-zA-Z+-=._:/]+$': StringRule("key", "k", "aws:key"),
    r'^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$': StringRule("sample-alias", "x", "d-alias"),
    r'^([$0-9a-zA-Z][_-]?)+$': _text(),
    r'^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(arn:[a-z0-9-]+:connect:[a-z0-9-]+:(?:([0-9]{12}):instance/[a-z0-9-]+/metric/[a-z0-9-]+(?::[a-z0-9-]+)?|aws:metric/[A-Z_]+))$': StringRule(UUID, None, "not-a-metric-id"),
    r"^([\p{L}\p{N}_.:\/=+\-@()']+[\p{L}\p{Z}\p{N}_.:\/=+\-@()']*)$": _text(bad=" x"),
    r"^([\p{L}\p{N}_.:\/=+\-@,()']+[\p{L}\p{Z}\p{N}_.:\/=+\-@,()']*)$": _text(bad=" x"),
    r'^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$': _text(),
    r'^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z-]+-[0-9]{1}:[0-9]{1,20}:traffic-distribution-group/)?[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$': StringRule(UUID, None, "not-a-uuid"),
    r'^(arn:([a-zA-Z0-9-]+):connect:[a-z]+-[a-z-]+-[0-9]+:[0-9]+:instance/)?[a-zA-Z0-9_-]+$': StringRule(UUID, "a", "not an id!"),  # model/overlays
    r'^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]{1}:[0-9]{1,20}:instance/)?[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$': StringRule(UUID, None, "not-a-uuid"),
    r'^.*[\S]$': _text(bad="x "),
    r'^[ a-zA-Z0-9_@-]+$': _text(),
    r'^[-:/A-Za-z0-9]+': StringRule(INSTANCE_ARN, "x", "#" + "x" * 19),
    r'^[0-9a-zA-Z._-]+': _text(bad="#x"),
    r'^[1-5][0-9]{2}$': StringRule("404", None, "600"),
    r'^[A-Za-z0-9:/]*$': StringRule("2001:db8::/32", "0", "10.0.0.0/8"),
    r'^[\P{C}\r\n\t]{1,127}$': StringRule("sample", None, "x" * 128),
    r'^[\P{C}\r\n\t]{1,250}$': StringRule("sample", None, "x" * 251),
    r'^[\W\S_]*': _text(bad=None),
    r'^[\\P{C}\r\n\t]*$': _text(bad=None),
    r'^[\\P{C}\r\n\t]+$': _text(bad=None),
    r'^[\\P{C}]*$': _text(bad=None),
    r"^[\p{L}\p{Z}\p{N}\-_.:=@'|]+$": _text(),
    r'^[\x20-\x21\x23-\x5B\x5D-\x7E]*$': _text(bad='a"b'),
    r'^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$': StringRule(UUID, None, "not-a-uuid"),
    r'^[a-zA-Z0-9-_]+$': StringRule("txt", "x", "a!b"),
    r'^[a-zA-Z0-9=\/+_.-]+$': _text(),
    r'^[a-zA-Z0-9\_\-:\/$]+$': StringRule(UUID, "x", "a!b"),
    r'^[a-zA-Z0-9\_\-:\/]+$': StringRule(UUID, "x", "a!b"),
    r'^[a-zA-Z0-9]$': StringRule("a", None, "ab"),
    r'^[a-zA-Z0-9]{64}$': StringRule("a" * 64, None, "a"),
    r'^[a-zA-Z0-9_ -]+$': _text(),
    r'^[a-zA-Z0-9_-]+$': _text(),
    r'^\P{C}*$': StringRule("sample.txt", "x", None),
    r'^\d{4}-\d{2}-\d{2}$': StringRule("2025-01-01", None, "2025/01/01"),
    r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z?$': StringRule("2025-01-01T00:00:00Z", None, "2025-01-01"),
    r'^arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]{1}:[0-9]{1,20}:traffic-distribution-group/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$': StringRule(TDG_ARN, None, "not-an-arn"),
    r'^d-[0-9a-f]{10}$': StringRule("d-0123abcdef", None, "x-0123abcdef"),
    r'arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9-]{1}:[0-9]{1,20}:instance/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}': StringRule(INSTANCE_ARN, "x", "not-an-arn"),
    r's3://\S+/.+|https://\\S+\\.s3\\.\\S+\\.amazonaws\\.com/\\S+': StringRule("s3://bucket/key", "x", "ftp://bucket/key"),
}


def unpatterned_rule(name: str, high: Optional[int]) -> StringRule:
    """A realistic value for a string without pattern, guessed from its member or shape name."""
    if name.endswith(("Arn", "ARN")):
        rule = StringRule(INSTANCE_ARN, "x")
    elif name.endswith("Id"):
        rule = StringRule(UUID, "x")
    elif "PhoneNumber" in name:
        rule = StringRule(PHONE, "0")
    elif "Email" in name:
        rule = StringRule(EMAIL, "m")
    else:
        rule = StringRule("sample", "x")
    return rule if high is None or len(rule.word) <= high else StringRule("s", "x")


class ModelError(Exception):
    """The model holds something this generator cannot make a sample for."""


class _Cycle(Exception):
    """A required member leads back to a structure being built."""


@dataclass(frozen=True)
class Violation:
    location: tuple  # keys and list indexes from the request root to the violating member
    value: Any
    constraint: str
    base: Any = None  # valid value of the top-level member to add first when the request lacks it


class Samples:
    def __init__(self, model: dict):
        self.shapes = model["shapes"]
        self.operations = model["operations"]

    # ---- strings -------------------------------------------------------------------------------------

    def string_rule(self, shape_name: str, member_name: str) -> StringRule:
        shape = self.shapes[shape_name]
        pattern = shape.get("pattern")
        if pattern is None:
            name = member_name if member_name.endswith(("Id", "Arn", "ARN")) else shape_name
            return unpatterned_rule(name, shape.get("max"))
        if pattern not in PATTERN_RULES:
            raise ModelError(f"no generator for pattern {pattern!r} (shape {shape_name})")
        return PATTERN_RULES[pattern]

    def valid_string(self, shape_name: str, member_name: str) -> str:
        shape = self.shapes[shape_name]
        if "enum" in shape:
            return shape["enum"][0]
        rule = self.string_rule(shape_name, member_name)
        return fit(rule, max(shape.get("min", 0), 1), shape.get("max"), shape_name)

    # ---- valid values --------------------------------------------------------------------------------

    def valid_input(self, operation: str) -> dict:
        return self.valid_structure(self.operations[operation]["input"]["shape"], ())

    def valid_value(self, shape_name: str, member_name: str, stack: tuple) -> Any:
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "structure":
            return self.valid_structure(shape_name, stack)
        if kind == "list":
            count = max(shape.get("min", 0), 1)
            return [self.valid_value(shape["member"]["shape"], member_name, stack) for _ in range(count)]
        if kind == "map":
            key = self.valid_value(shape["key"]["shape"], "Key", stack)
            return {key: self.valid_value(shape["value"]["shape"], "Value", stack)}
        if kind == "string":
            return self.valid_string(shape_name, member_name)
        if kind in ("integer", "long"):
            return valid_number(shape, int)
        if kind in ("float", "double"):
            return valid_number(shape, float)
        if kind == "boolean":
            return True
        if kind == "timestamp":
            return {"__timestamp": EPOCH_SECONDS}
        raise ModelError(f"unsupported shape type {kind} ({shape_name})")

    def valid_structure(self, shape_name: str, stack: tuple) -> dict:
        if shape_name in stack:
            raise _Cycle(shape_name)
        stack += (shape_name,)
        shape = self.shapes[shape_name]
        if shape.get("union"):
            return self.valid_union(shape_name, stack)
        return {
            name: self.valid_value(member["shape"], name, stack)
            for name, member in shape["members"].items()
            if name in shape.get("required", ())
        }

    def valid_union(self, shape_name: str, stack: tuple) -> dict:
        """The first member that does not lead back into a structure being built."""
        for name, member in self.shapes[shape_name]["members"].items():
            try:
                return {name: self.valid_value(member["shape"], name, stack)}
            except _Cycle:
                continue
        raise _Cycle(shape_name)

    # ---- invalid values ------------------------------------------------------------------------------

    def scalar_violations(self, shape_name: str, member_name: str) -> Iterator[tuple]:
        """(value, constraint) pairs breaking exactly one constraint of a scalar shape, best first."""
        shape = self.shapes[shape_name]
        if shape.get("sensitive"):
            return
        kind = shape["type"]
        if kind == "string" and "enum" in shape:
            yield NOT_AN_ENUM_VALUE, "Member must satisfy enum value set: [" + ", ".join(shape["enum"]) + "]"
        elif kind == "string":
            yield from self.string_violations(shape_name, member_name)
        elif kind in ("integer", "long") and "max" in shape:
            limit = INT32_MAX if kind == "integer" else INT64_MAX
            if shape["max"] < limit:
                yield shape["max"] + 1, f"Member must have value less than or equal to {shape['max']}"

    def string_violations(self, shape_name: str, member_name: str) -> Iterator[tuple]:
        shape = self.shapes[shape_name]
        rule = self.string_rule(shape_name, member_name)
        low, high = shape.get("min", 0), shape.get("max")
        if high is not None and rule.fill is not None and high < TOO_LONG_LIMIT:
            yield fit(rule, high + 1, None, shape_name), f"Member must have length less than or equal to {high}"
        fits = rule.bad is not None and low <= len(rule.bad) and (high is None or len(rule.bad) <= high)
        if fits and "pattern" in shape:
            yield rule.bad, f"Member must satisfy regular expression pattern: {shape['pattern']}"

    def member_violations(self, shape_name: str, member_name: str, value: Any, location: tuple) -> Iterator[Violation]:
        """Violations at or below one member whose valid value is `value` (maps are not entered)."""
        shape = self.shapes[shape_name]
        if shape.get("sensitive"):
            return
        if shape["type"] == "structure":
            members = shape["members"]
            for name in value:
                yield from self.member_violations(members[name]["shape"], name, value[name], location + (name,))
        elif shape["type"] == "list":
            yield from self.member_violations(shape["member"]["shape"], member_name, value[0], location + (0,))
        else:
            for bad, constraint in self.scalar_violations(shape_name, member_name):
                yield Violation(location, bad, constraint)

    def input_violations(self, operation: str, valid: dict) -> Iterator[Violation]:
        """Candidate violations, most preferred first: top-level scalars (required body/query members,
        optional ones, then path labels), then nested members of the valid request, then nested members
        of optional top-level members. Path labels come last because nearly every operation has an
        `InstanceId` label, and the samples should exercise more than its length."""
        shape = self.shapes[self.operations[operation]["input"]["shape"]]
        members = {name: m for name, m in shape["members"].items() if m.get("location") != "header"}
        labels = [name for name in members if members[name].get("location") == "uri"]
        present = [name for name in members if name in valid]
        absent = [name for name in members if name not in valid]
        for name in [name for name in present if name not in labels] + absent + labels:
            for bad, constraint in self.scalar_violations(members[name]["shape"], name):
                yield Violation((name,), bad, constraint)
        for name in present:
            yield from self.member_violations(members[name]["shape"], name, valid[name], (name,))
        for name in absent:
            base = self.optional_value(members[name]["shape"], name)
            if base is not None:
                for violation in self.member_violations(members[name]["shape"], name, base, (name,)):
                    yield Violation(violation.location, violation.value, violation.constraint, base)

    def optional_value(self, shape_name: str, member_name: str) -> Any:
        """The minimal valid value of an absent structure or list member, None for scalars and cycles."""
        if self.shapes[shape_name]["type"] not in ("structure", "list"):
            return None
        try:
            return self.valid_value(shape_name, member_name, ())
        except _Cycle:
            return None

    def invalid_input(self, operation: str, valid: dict) -> Optional[dict]:
        violation = next(self.input_violations(operation, valid), None)
        if violation is None:
            return None
        params = copy.deepcopy(valid)
        if violation.location[0] not in params:
            params[violation.location[0]] = copy.deepcopy(violation.base)
        place(params, violation.location, violation.value)
        return {
            "params": params,
            "errorCode": self.validation_error_code(operation),
            "status": 400,
            "message": validation_message(violation),
        }

    def validation_error_code(self, operation: str) -> str:
        errors = {error["shape"] for error in self.operations[operation].get("errors", ())}
        return "InvalidParameterException" if "InvalidParameterException" in errors else "InvalidRequestException"

    def fixture(self) -> dict:
        operations = {}
        for name in sorted(self.operations):
            valid = self.valid_input(name)
            operations[name] = {"valid": valid, "invalid": self.invalid_input(name, valid)}
        return {"operations": operations}


def fit(rule: StringRule, low: int, high: Optional[int], shape_name: str) -> str:
    """The rule's word, stretched with its fill character to at least `low` code points."""
    value = rule.word
    if len(value) < low and rule.fill is not None:
        value += rule.fill * (low - len(value))
    if len(value) < low or (high is not None and len(value) > high):
        raise ModelError(f"no value of length {low}..{high} for {shape_name} from {rule}")
    return value


def valid_number(shape: dict, kind: type) -> Any:
    """The minimum, or 1 without one (unless the maximum is lower)."""
    if "min" in shape:
        return kind(shape["min"])
    return kind(min(1, shape.get("max", 1)))


def place(params: dict, location: tuple, value: Any) -> None:
    target = params
    for step in location[:-1]:
        target = target[step]
    target[location[-1]] = value


def message_path(location: tuple) -> str:
    """AWS front-end member path: lower-camel member names, list items as `.N.member` (1-based)."""
    parts = []
    for step in location:
        if isinstance(step, int):
            parts.append(f"{step + 1}.member")
        else:
            parts.append(step[:1].lower() + step[1:])
    return ".".join(parts)


def validation_message(violation: Violation) -> str:
    return (
        f"1 validation error detected: Value '{violation.value}' at '{message_path(violation.location)}' "
        f"failed to satisfy constraint: {violation.constraint}"
    )


def load_model(model_path: str) -> dict:
    """The model and the overlays beside it (overlays/*.json: operations newer than the model), merged in name order
    as tools/ConnectLocal.CodeGen merges them."""
    with open(model_path, encoding="utf-8") as model_file:
        model = json.load(model_file)
    overlays = os.path.join(os.path.dirname(model_path), "overlays")
    for name in sorted(os.listdir(overlays)) if os.path.isdir(overlays) else []:
        if name.endswith(".json"):
            with open(os.path.join(overlays, name), encoding="utf-8") as overlay_file:
                overlay = json.load(overlay_file)
            model["operations"].update(overlay["operations"])
            model["shapes"].update(overlay["shapes"])
    return model


def generate(model_path: str) -> dict:
    return Samples(load_model(model_path)).fixture()


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="path to the botocore-format Connect model")
    parser.add_argument("--out", required=True, help="where to write the JSON fixture")
    args = parser.parse_args(argv)
    try:
        fixture = generate(args.model)
    except ModelError as error:
        print(f"samples.py: {error}", file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=1, sort_keys=True)
        out.write("\n")
    operations = fixture["operations"]
    without_invalid = sorted(name for name, sample in operations.items() if sample["invalid"] is None)
    print(f"{len(operations)} operations, {len(operations) - len(without_invalid)} with an invalid variant")
    if without_invalid:
        print("no violable member: " + ", ".join(without_invalid))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
