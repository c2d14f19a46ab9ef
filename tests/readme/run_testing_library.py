#!/usr/bin/env python3
"""Runs docs/testing-library.md's Vitest example exactly as written, and its Jest variant as the doc describes it
(issue 19), so that the doc cannot drift.

The doc's one `js` block that imports from "vitest" is saved as connect.test.mjs in a fresh folder beside a
node_modules holding the versions tests/readme/js-frameworks/package-lock.json pins (Vitest, Jest,
@aws-sdk/client-connect; installed by the test command with npm ci) and run with the doc's command. For Jest, the
doc's "**Jest:**" paragraph names the import that replaces the vitest one and the command; both are taken from it.
The example starts its own server from CONNECTLOCAL, set here to the build the suites use (CONNECTLOCAL_SERVER_DLL,
else the Release build).
Prints each run's summary and "testing-library: N passed, N failed, N skipped" last; exits non-zero on a failure.
Usage: python3 tests/readme/run_testing_library.py   (after a Release build and npm ci in tests/readme/js-frameworks)
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from run_readme import ROOT, blocks

DOC = ROOT / "docs/testing-library.md"
MODULES = ROOT / "tests/readme/js-frameworks/node_modules"
VITEST_IMPORT = 'import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";'
# The doc's commands; the JSON report (the same counts in both) is this script's addition.
VITEST = "npx vitest run"
JEST = "NODE_OPTIONS=--experimental-vm-modules npx jest"
REPORT = {VITEST: ["--reporter=default", "--reporter=json", "--outputFile.json=results.json"],
          JEST: ["--json", "--outputFile=results.json"]}


def examples():
    """(name, doc line, file text, command) for Vitest and Jest, as the doc gives them."""
    doc = DOC.read_text()
    found = [(line, text) for line, language, text in blocks(doc) if language == "js" and VITEST_IMPORT in text]
    if len(found) != 1:
        sys.exit(f"docs/testing-library.md has {len(found)} js blocks with the line {VITEST_IMPORT!r}, not one")
    jest = re.search(r"\*\*Jest:\*\*(.*?)(?:\n\n|\Z)", doc, re.S)
    jest_import = re.search(r"`(import \{[^`]*\} from \"@jest/globals\";)`", jest.group(1) if jest else "")
    for command in (VITEST, JEST):
        if f"`{command}`" not in doc:
            sys.exit(f"docs/testing-library.md no longer says `{command}`; update this script")
    if jest_import is None:
        sys.exit("docs/testing-library.md's **Jest:** paragraph no longer names the @jest/globals import")
    line, text = found[0]
    return [("Vitest", line, text, VITEST), ("Jest", line, text.replace(VITEST_IMPORT, jest_import.group(1)), JEST)]


def run(text, command, env):
    """(passed, failed, skipped, summary or whole output)."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "connect.test.mjs").write_text(text)
        # The project the doc's `npm install` made: its package.json (Jest finds its root by it) and node_modules.
        (folder / "package.json").write_text((MODULES.parent / "package.json").read_text())
        (folder / "node_modules").symlink_to(MODULES)
        words = command.split()
        env = dict(env, **dict(w.split("=", 1) for w in words if "=" in w))
        argv = [w for w in words if "=" not in w] + REPORT[command]
        try:
            done = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            return 0, 1, 0, "timed out after 300 s"
        results = folder / "results.json"
        counts = json.loads(results.read_text()) if results.exists() else {}
    passed, failed = counts.get("numPassedTests", 0), counts.get("numFailedTests", 0)
    skipped = counts.get("numPendingTests", 0) + counts.get("numTodoTests", 0)
    if done.returncode != 0 or passed == 0:
        return passed, max(failed, 1), skipped, done.stdout + done.stderr
    summary = [l for l in (done.stdout + done.stderr).splitlines() if re.match(r"\s*(Tests:?|Test Files|Test Suites:)\s", l)]
    return passed, failed, skipped, "\n".join(summary)


def main():
    dll = os.environ.get("CONNECTLOCAL_SERVER_DLL") or str(ROOT / "src/ConnectLocal.Server/bin/Release/net10.0/connectlocal.dll")
    if not (MODULES / "vitest").is_dir() or not (MODULES / "jest").is_dir():
        print(f"FAILED: no Vitest or Jest in {MODULES}: run npm ci there")
        print("testing-library: 0 passed, 1 failed, 0 skipped")
        return 1
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(CONNECTLOCAL=f"dotnet {dll}", CI="1", NO_COLOR="1")
    total = [0, 0, 0]
    for name, line, text, command in examples():
        passed, failed, skipped, output = run(text, command, env)
        print(f"{'ok' if failed == 0 else 'FAILED'}: docs/testing-library.md:{line} (js) with {name}: `{command}`, "
              f"{passed} passed, {failed} failed, {skipped} skipped\n{output}")
        total = [total[0] + passed, total[1] + failed, total[2] + skipped]
    print(f"testing-library: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 1 if total[1] else 0


if __name__ == "__main__":
    sys.exit(main())
