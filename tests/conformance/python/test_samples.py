"""Offline checks of the sample generator: no server needed.

An independent re-implementation of the model constraints (length in code points, range, enum, pattern
with search semantics, list/map size, required, union) checks that every valid sample breaks nothing and
every invalid sample breaks exactly the one constraint its expected message names. Pattern checks need the
third-party `regex` module (for \\p{L} and friends) and are skipped without it; botocore checks that no
sample would be stopped client-side.
"""

import json
import unittest

import samples
import support

try:
    import regex
except ImportError:  # pragma: no cover - depends on the machine
    regex = None

try:
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError:  # pragma: no cover - depends on the machine
    botocore = None


def server_pattern(pattern: str) -> str:
    """The pattern as the server reads it: JavaScript-style /.../ stripped, doubled backslashes single."""
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        pattern = pattern[1:-1]
    return pattern.replace("\\\\", "\\")


def pattern_matches(pattern: str, value: str) -> bool:
    return regex.search(server_pattern(pattern), value) is not None


class ConstraintChecker:
    """Lists the constraint violations of a request, as `Value '...' at 'path' failed ...` texts."""

    def __init__(self, model: dict):
        self.shapes = model["shapes"]

    def check(self, shape_name: str, value, path: str) -> list:
        shape = self.shapes[shape_name]
        check = getattr(self, "check_" + shape["type"], None)
        return check(shape, value, path) if check else []

    def check_structure(self, shape, value, path):
        problems = []
        if shape.get("union") and len(value) != 1:
            problems.append(f"union at '{path}' has {len(value)} members")
        for name in shape.get("required", ()):
            if name not in value:
                problems.append(f"required member missing at '{join(path, name)}'")
        for name, item in value.items():
            problems += self.check(shape["members"][name]["shape"], item, join(path, name))
        return problems

    def check_list(self, shape, value, path):
        problems = self.size_problems(shape, value, path)
        for index, item in enumerate(value):
            problems += self.check(shape["member"]["shape"], item, join(path, f"{index + 1}.member"))
        return problems

    def check_map(self, shape, value, path):
        problems = self.size_problems(shape, value, path)
        for key, item in value.items():
            problems += self.check(shape["key"]["shape"], key, path)
            problems += self.check(shape["value"]["shape"], item, path)
        return problems

    def check_string(self, shape, value, path):
        problems = []
        fail = lambda constraint: problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: {constraint}")
        if "min" in shape and len(value) < shape["min"]:
            fail(f"Member must have length greater than or equal to {shape['min']}")
        if "max" in shape and len(value) > shape["max"]:
            fail(f"Member must have length less than or equal to {shape['max']}")
        if "enum" in shape and value not in shape["enum"]:
            fail("Member must satisfy enum value set: [" + ", ".join(shape["enum"]) + "]")
        if "pattern" in shape and regex is not None and not pattern_matches(shape["pattern"], value):
            fail(f"Member must satisfy regular expression pattern: {shape['pattern']}")
        return problems

    def check_integer(self, shape, value, path):
        problems = []
        if "min" in shape and value < shape["min"]:
            problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must have value greater than or equal to {shape['min']}")
        if "max" in shape and value > shape["max"]:
            problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must have value less than or equal to {shape['max']}")
        return problems

    check_long = check_float = check_double = check_integer

    @staticmethod
    def size_problems(shape, value, path):
        if len(value) < max(shape.get("min", 0), 0) or len(value) > shape.get("max", len(value)):
            return [f"size {len(value)} outside {shape.get('min')}..{shape.get('max')} at '{path}'"]
        return []


def join(path: str, name: str) -> str:
    name = name if name[:1].isdigit() else name[:1].lower() + name[1:]
    return f"{path}.{name}" if path else name


def model_patterns(model: dict) -> set:
    return {shape["pattern"] for shape in model["shapes"].values() if "pattern" in shape}


class GeneratorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = samples.load_model(support.MODEL_PATH)
        cls.operations = samples.Samples(cls.model).fixture()["operations"]
        cls.checker = ConstraintChecker(cls.model)

    def input_shape(self, operation):
        return self.model["operations"][operation]["input"]["shape"]

    def test_every_operation_of_the_model_has_a_valid_sample(self):
        self.assertEqual(set(self.operations), set(self.model["operations"]))
        self.assertGreater(len(self.operations), support.SANE_FLOOR)

    def test_every_pattern_has_exactly_one_rule(self):
        self.assertEqual(set(samples.PATTERN_RULES), set(model_patterns(self.model)))

    def test_a_pattern_without_rule_fails_loudly_naming_it(self):
        model = {"shapes": {"S": {"type": "string", "pattern": "^new$"}}, "operations": {}}
        with self.assertRaisesRegex(samples.ModelError, r"\^new\$"):
            samples.Samples(model).valid_string("S", "Name")

    @unittest.skipIf(regex is None, "needs the regex module")
    def test_rule_words_match_their_pattern_and_bad_values_do_not(self):
        for pattern, rule in samples.PATTERN_RULES.items():
            with self.subTest(pattern=pattern):
                self.assertTrue(pattern_matches(pattern, rule.word), rule.word)
                if rule.fill:
                    self.assertTrue(pattern_matches(pattern, rule.word + rule.fill * 300))
                if rule.bad is not None:
                    self.assertFalse(pattern_matches(pattern, rule.bad), rule.bad)

    def test_valid_samples_satisfy_every_constraint(self):
        checked = 0
        for operation, sample in self.operations.items():
            with self.subTest(operation=operation):
                params = support.convert_timestamps(sample["valid"], lambda seconds: seconds)
                self.assertEqual(self.checker.check(self.input_shape(operation), params, ""), [])
                checked += 1
        self.assertEqual(len(self.model["operations"]), checked)

    def test_invalid_samples_break_exactly_the_constraint_their_message_names(self):
        checked = 0
        for operation, sample in self.operations.items():
            invalid = sample["invalid"]
            if operation in support.WITHOUT_INVALID_SAMPLE:
                continue
            with self.subTest(operation=operation):
                params = support.convert_timestamps(invalid["params"], lambda seconds: seconds)
                problems = self.checker.check(self.input_shape(operation), params, "")
                prefix = "1 validation error detected: "
                self.assertTrue(invalid["message"].startswith(prefix))
                if regex is not None or "regular expression" not in invalid["message"]:
                    self.assertEqual(problems, [invalid["message"][len(prefix):]])
                self.assertEqual(invalid["status"], 400)
                checked += 1
        self.assertEqual(len(self.model["operations"]) - len(support.WITHOUT_INVALID_SAMPLE), checked)

    def test_only_operations_without_a_violable_member_lack_an_invalid_sample(self):
        without = {name for name, sample in self.operations.items() if sample["invalid"] is None}
        self.assertEqual(without, support.WITHOUT_INVALID_SAMPLE)

    def test_validation_error_code_follows_the_operations_error_list(self):
        self.assertEqual(self.operations["UpdateRoutingProfileConcurrency"]["invalid"]["errorCode"], "InvalidParameterException")
        self.assertEqual(self.operations["UpdateTrafficDistribution"]["invalid"]["errorCode"], "InvalidRequestException")

    def test_message_paths_use_lower_camel_names_and_one_based_list_items(self):
        location = ("MediaConcurrencies", 0, "Concurrency")
        self.assertEqual(samples.message_path(location), "mediaConcurrencies.1.member.concurrency")

    @unittest.skipIf(botocore is None, "needs botocore")
    def test_botocore_lets_every_sample_through_client_side_validation(self):
        service = botocore.session.get_session().get_service_model("connect")
        validator = ParamValidator()
        operations = support.botocore_sendable(self.operations, service.operation_names)
        checked = 0
        for operation in operations:
            input_shape = service.operation_model(operation).input_shape
            for kind, params in self.sample_params(operation):
                with self.subTest(operation=operation, kind=kind):
                    report = validator.validate(support.boto_params(params), input_shape)
                    self.assertFalse(report.has_errors(), report.generate_report())
                    checked += 1
        # one valid sample per operation, and an invalid one for all but the listed few
        self.assertEqual(2 * len(operations) - len(support.WITHOUT_INVALID_SAMPLE & set(operations)), checked)
        self.assertGreater(len(operations), support.SANE_FLOOR)

    def sample_params(self, operation):
        sample = self.operations[operation]
        yield "valid", sample["valid"]
        if sample["invalid"] is not None:
            yield "invalid", sample["invalid"]["params"]


if __name__ == "__main__":
    unittest.main()
