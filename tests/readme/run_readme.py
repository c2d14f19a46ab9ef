#!/usr/bin/env python3
"""Runs every code block of README.md exactly as written (issue 19), against a fresh server started by the README's
own start command (in memory, on the README's port 4570), each runnable block twice, in a shuffled order, so that the
examples must work after each other and again.

How each block is taken, by its fence's language and, for two shell blocks, its text:
  sh        run with bash -e (stops at the first failing command); AWS_* variables of the caller removed, the aws
            CLI's config and credentials files pointed at nothing, so only what the block sets counts
  python    saved as a file and run with python3; a block that defines pytest tests (`import pytest`) is saved as
            test_readme_example.py and run with pytest, with CONNECTLOCAL set to the Release build's command
  js        saved as example.mjs (an ES module, top-level await) beside a node_modules that holds
            @aws-sdk/client-connect (tests/conformance/js's, installed by the test command) and run with node
  csharp    not run: AWSSDK.Connect is not on this machine's package source (counted as skipped)
  text, no language   not code (output, layout)
  the start command (`dotnet run ... -- serve`)   run once, first, with CONNECTLOCAL_IN_MEMORY=1: it is the server
  `bash scripts/test.sh`   not run: it is the test command that runs this script
Prints each block's fate and "readme: N passed, N failed, N skipped" last; exits non-zero on a failure.
Usage: python3 tests/readme/run_readme.py [--seed N]   (after a Release build of the solution)
"""
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENDPOINT = "http://127.0.0.1:4570"
START_COMMAND = "dotnet run --project src/ConnectLocal.Server -c Release -- serve"
TEST_COMMAND = "bash scripts/test.sh"
SERVER_DLL = ROOT / "src/ConnectLocal.Server/bin/Release/net10.0/connectlocal.dll"
JS_MODULES = ROOT / "tests/conformance/js/node_modules"


def blocks(markdown):
    """(line number, language, text) of every fenced code block."""
    found, lines, i = [], markdown.split("\n"), 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if m:
            start, body = i + 1, []
            i += 1
            while not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            found.append((start, m.group(1), "\n".join(body) + "\n"))
        i += 1
    return found


def pytest_command():
    """python3 -m pytest, or None; Debian's python3-pytest is used when this python3 has no pytest of its own."""
    probe = "import pytest"
    if subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0:
        return [sys.executable, "-m", "pytest"]
    debian = "/usr/lib/python3/dist-packages"
    # Appended last, so that this python3's own packages (boto3, urllib3, ...) win over Debian's.
    shim = f"import sys; sys.path.append({debian!r}); import pytest; sys.exit(pytest.main(sys.argv[1:]))"
    if subprocess.run([sys.executable, "-c", shim, "--version"], capture_output=True).returncode == 0:
        return [sys.executable, "-c", shim]
    return None


def block_environment(work):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["AWS_CONFIG_FILE"] = str(work / "no-aws-config")
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(work / "no-aws-credentials")
    env["CONNECTLOCAL"] = f"dotnet {SERVER_DLL}"
    return env


def start_server(work, log):
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", 4570)) == 0:
            sys.exit("port 4570 is in use: the README's examples need it for their server")
    env = dict(os.environ, CONNECTLOCAL_IN_MEMORY="1")
    server = subprocess.Popen(START_COMMAND.split(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    deadline = time.time() + 300  # dotnet run checks the build first; the machine may be busy
    while time.time() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{ENDPOINT}/_connectlocal/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit("the README's start command did not give a server answering health on 4570")


def stop_server(server):
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def run_block(kind, text, work, env):
    """Returns (ok, output)."""
    folder = Path(tempfile.mkdtemp(dir=work))
    if kind == "sh":
        command = ["bash", "-e", "-c", text]
    elif kind == "python":
        (folder / "example.py").write_text(text)
        command = [sys.executable, "example.py"]
    elif kind == "pytest":
        (folder / "test_readme_example.py").write_text(text)
        command = pytest_command() + ["-q", "-p", "no:cacheprovider", "test_readme_example.py"]
    elif kind == "js":
        (folder / "example.mjs").write_text(text)
        (folder / "node_modules").symlink_to(JS_MODULES)
        command = ["node", "example.mjs"]
    else:
        raise ValueError(kind)
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode == 0, done.stdout + done.stderr


def main():
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else random.randrange(1 << 30)
    passed = failed = skipped = 0
    runnable = []
    found = blocks((ROOT / "README.md").read_text())
    for line, language, text in found:
        where = f"README.md:{line} ({language or 'no language'})"
        if text.strip() == START_COMMAND:
            print(f"{where}: the start command, run first as the examples' server")
        elif text.strip() == TEST_COMMAND:
            print(f"{where}: not run: the test command itself")
        elif language in ("", "text"):
            print(f"{where}: not code")
        elif language == "csharp":
            print(f"{where}: SKIPPED: AWSSDK.Connect is not on this machine's package source")
            skipped += 1
        elif language == "python" and re.search(r"^import pytest|^import .*\bpytest\b", text, re.M):
            if pytest_command() is None:
                print(f"{where}: SKIPPED: no pytest for {sys.executable} (Debian's python3-pytest neither)")
                skipped += 1
            else:
                runnable.append((where, "pytest", text))
        elif language in ("sh", "python", "js"):
            runnable.append((where, language, text))
        else:
            print(f"{where}: FAILED: no rule for a block in '{language}'")
            failed += 1
    if not any(text.strip() == START_COMMAND for _, _, text in found):
        print("FAILED: the README's start command is gone; update START_COMMAND")
        failed += 1

    order = runnable * 2
    random.Random(seed).shuffle(order)
    print(f"{len(runnable)} blocks, each run twice in a shuffled order (--seed {seed})")
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        with open(work / "server.log", "w") as log:
            server = start_server(work, log)
            try:
                env = block_environment(work)
                for where, kind, text in order:
                    try:
                        ok, output = run_block(kind, text, work, env)
                    except subprocess.TimeoutExpired:
                        ok, output = False, "timed out after 300 s"
                    if ok:
                        passed += 1
                        print(f"ok: {where}")
                    else:
                        failed += 1
                        print(f"FAILED: {where}\n{output}")
            finally:
                stop_server(server)
        if failed:
            print("server log (last lines):")
            print("".join((work / "server.log").read_text().splitlines(True)[-20:]))
    print(f"readme: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
