#!/usr/bin/env python3
"""Finds the sentences of the AWS model's documentation that state a rule, for docs/rules.md.

The vendored model (model/) has its documentation stripped; the full model with AWS's documentation is read from
outside the repository (default ../shared/aws-models/connect-2017-08-08.json). Only keys are written into the
repository -- operation, member path and a hash of the sentence -- never the sentence itself:

  python3 tools/prose_rules.py candidates > model/prose-rule-candidates.tsv
  python3 tools/prose_rules.py show OPERATION [OPERATION...]   # the sentences with their keys, to classify them
  python3 tools/prose_rules.py check [OPERATION...]   # what the xunit checks say, without a build

A sentence is a candidate when it has one of the words that state a rule (must, only, at least, up to, ...).
Each candidate key must have an entry in src/ConnectLocal.Server/Hosting/ProseRules/*.json (or a "common" entry
for its hash); a test fails when one has none (tests/ConnectLocal.Tests/Repository/ProseRuleTests.cs).
"""
import hashlib
import html
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_MODEL = os.path.join(ROOT, "..", "shared", "aws-models", "connect-2017-08-08.json")
RULE_WORDS = re.compile(
    r"\b(must|cannot|can't|only|at least|at most|either|required|up to|maximum|minimum|no more than|"
    r"not supported|not allowed|valid values|limit|exceed|exceeds|between)\b", re.I)
MAX_DEPTH = 4


def clean(text):
    text = re.sub(r"<[^>]+>", " ", text or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]


def sentence_hash(sentence):
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:8]


def candidates(model):
    shapes = model["shapes"]

    def walk(shape_name, seen, depth, path, out):
        if shape_name in seen or depth > MAX_DEPTH or shape_name not in shapes:
            return
        seen = seen | {shape_name}
        shape = shapes[shape_name]
        for member, target in shape.get("members", {}).items():
            member_path = f"{path}.{member}"
            for sentence in sentences(clean(target.get("documentation"))):
                if RULE_WORDS.search(sentence):
                    out.append((member_path, sentence))
            walk(target["shape"], seen, depth + 1, member_path, out)
        if shape.get("type") == "list":
            walk(shape["member"]["shape"], seen, depth, path + "[]", out)
        if shape.get("type") == "map":
            walk(shape["value"]["shape"], seen, depth, path + "{}", out)

    for name in sorted(model["operations"]):
        operation = model["operations"][name]
        found = [("op", s) for s in sentences(clean(operation.get("documentation"))) if RULE_WORDS.search(s)]
        if "input" in operation:
            walk(operation["input"]["shape"], frozenset(), 0, "in", found)
        keys = {}
        for path, sentence in found:
            keys.setdefault(f"{path}#{sentence_hash(sentence)}", sentence)
        yield name, keys


STATUSES = ("enforced", "trait", "descriptive", "not-applicable", "gap")


def check(wanted):
    """The checks of ProseRuleTests, for OPERATIONs (default: every implemented one), reading the committed files."""
    implemented = set(re.findall(r"^\| (\w+) \|.*\| implemented \|$",
                                 open(os.path.join(ROOT, "docs", "compatibility.md"), encoding="utf-8").read(), re.M))
    rules_dir = os.path.join(ROOT, "src", "ConnectLocal.Server", "Hosting", "ProseRules")
    common, operations, problems = {}, {}, []
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".json"):
            with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
                data = json.load(f)
            for key, entry in data.get("common", {}).items():
                if key in common:
                    problems.append(f"{name}: common {key} is given twice")
                common[key] = entry
            for operation, entries in data.get("operations", {}).items():
                if operation in operations:
                    problems.append(f"{name}: operation {operation} is given in two files")
                operations[operation] = entries
    candidates = []
    with open(os.path.join(ROOT, "model", "prose-rule-candidates.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                operation, key = line.rstrip("\n").split("\t")
                candidates.append((operation, key))
    keys = set(candidates)
    for operation, key in candidates:
        if operation in implemented and (not wanted or operation in wanted):
            if key not in operations.get(operation, {}) and key.split("#")[1] not in common:
                problems.append(f"unaccounted: {operation} {key}")
    for operation, entries in operations.items():
        if wanted and operation not in wanted:
            continue
        for key, entry in entries.items():
            where = f"{operation} {key}"
            if not key.startswith("ref:") and (operation, key) not in keys:
                problems.append(f"{where}: no such sentence (stale key)")
            status = entry.get("status")
            if status not in STATUSES:
                problems.append(f"{where}: unknown status {status!r}")
            if status != "descriptive" and not (entry.get("rule") or entry.get("reason")):
                problems.append(f"{where}: give 'rule' or 'reason'")
            if status == "enforced" and not (entry.get("code") and entry.get("test")):
                problems.append(f"{where}: enforced needs 'code' and 'test'")
            if status in ("not-applicable", "gap") and not entry.get("reason"):
                problems.append(f"{where}: {status} needs 'reason'")
            for field in ("code", "test"):
                reference = entry.get(field)
                if reference:
                    path, _, symbol = reference.partition("::")
                    full = os.path.join(ROOT, path)
                    if not os.path.isfile(full):
                        problems.append(f"{where}: {field} names no file {path}")
                    elif symbol and symbol not in open(full, encoding="utf-8").read():
                        problems.append(f"{where}: {path} has no {symbol!r}")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def main(argv):
    if len(argv) < 2 or argv[1] not in ("candidates", "show", "check"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if argv[1] == "check":
        return check(set(argv[2:]))
    model_path = os.environ.get("CONNECT_MODEL_WITH_DOCS", DEFAULT_MODEL)
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    if argv[1] == "candidates":
        print("# operation\tkey (member path#sentence hash) -- written by tools/prose_rules.py from the model with documentation")
        for name, keys in candidates(model):
            for key in keys:
                print(f"{name}\t{key}")
        return 0
    wanted = set(argv[2:])
    for name, keys in candidates(model):
        if not wanted or name in wanted:
            for key, sentence in keys.items():
                print(f"{name}\t{key}\t{sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
