#!/usr/bin/env bash
# Runs every test of ConnectLocal: the in-process xunit suite, then the real-client suites (AWS SDK for
# JavaScript v3, boto3, the aws CLI) against a freshly started server. Installs what a new machine lacks.
# Usage: scripts/test.sh            (from anywhere; exits non-zero when anything fails)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
server_pid=""
pg_dir=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""; fi
}
cleanup() {
  stop_server
  [ -n "$pg_dir" ] && bash scripts/postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

passed=0; failed=0; skipped=0
step() { printf '\n=== %s\n' "$*"; }
tally() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + ${3:-0})); }
# A suite counted from its log, then its exit code: one that failed with no failure counted counts one.
# tally_summary PREFIX LOG RC -- the last "PREFIX: N passed, N failed[, N skipped]" line
tally_summary() {
  local line p f s
  line=$(grep -E "^$1: " "$2" | tail -1)
  p=$(sed -nE "s/^$1: ([0-9]+) passed.*/\1/p" <<<"$line"); f=$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$line"); s=$(sed -nE 's/.* ([0-9]+) skipped.*/\1/p' <<<"$line")
  tally "${p:-0}" "${f:-0}" "${s:-0}"
  if [ "$3" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then tally 0 1; fi
}
# tally_dotnet LOG RC -- the last "Passed!"/"Failed!" line of dotnet test
tally_dotnet() {
  local line p f s
  line=$(grep -E '(Passed|Failed)!' "$1" | tail -1)
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  tally "${p:-0}" "${f:-0}" "${s:-0}"
  if [ "$2" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then tally 0 1; fi
}

# npm ci in a folder, again only when its lock file changed since the last install (a copy of it is kept in
# node_modules: npm's own node_modules/.package-lock.json is never byte-equal to the lock file).
npm_install() {
  local dir=$1
  cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-package-lock.json" 2>/dev/null && return 0
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-package-lock.json)
}

step "npm packages for the JavaScript suite"
npm_install tests/conformance/js || { echo "npm ci failed"; exit 1; }
# Vitest and Jest for docs/testing-library.md's examples.
npm_install tests/readme/js-frameworks || echo "npm ci failed (tests/readme/js-frameworks)"

step "build (Release)"
dotnet build ConnectLocal.slnx -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "build failed"; exit 1; }

step "private PostgreSQL cluster (for the PostgreSQL backend's tests)"
pg_env=$(bash scripts/postgres.sh start) || { echo "could not start PostgreSQL"; exit 1; }
eval "$pg_env"
pg_dir=$CONNECTLOCAL_PG_DIR
echo "PostgreSQL at $CONNECTLOCAL_TEST_POSTGRES"

step "in-process tests (xunit)"
# ImportMemoryTests bounds the live heap of the whole process during an import, so it runs in a process of its own:
# beside the other specs it measured what their servers keep doing in the background too (0 to 17 MiB for one import,
# 2026-12-07), alone 6.5 MiB.
dotnet test tests/ConnectLocal.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" \
  --filter "FullyQualifiedName!~ImportMemoryTests" 2>&1 | tee "$work/xunit.log"
tally_dotnet "$work/xunit.log" "${PIPESTATUS[0]}"
dotnet test tests/ConnectLocal.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" \
  --filter "FullyQualifiedName~ImportMemoryTests" 2>&1 | tee "$work/xunit-memory.log"
tally_dotnet "$work/xunit-memory.log" "${PIPESTATUS[0]}"

export CONNECTLOCAL_SERVER_DLL="$root/src/ConnectLocal.Server/bin/Release/net10.0/connectlocal.dll"
start_server() { # extra serve flags; logs to $work/server.log
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  dotnet "$CONNECTLOCAL_SERVER_DLL" serve --port "$port" "$@" >> "$work/server.log" 2>&1 &
  server_pid=$!
  export CONNECTLOCAL_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
    curl -sf "$CONNECTLOCAL_ENDPOINT/_connectlocal/health" > /dev/null && return 0
    sleep 0.1
  done
  echo "server did not start:"; cat "$work/server.log"; exit 1
}

# The load harness's smoke mode (bench/ConnectLocal.Load): a bare Kestrel endpoint, moto and a ConnectLocal
# server of its own, every workload for a fraction of a second; one check per run (answered, no error answer).
# About 20 s.
step "load harness, smoke mode"
dotnet bench/ConnectLocal.Load/bin/Release/net10.0/ConnectLocal.Load.dll --smoke --out "$work/bench" --server-dll "$CONNECTLOCAL_SERVER_DLL" 2>&1 | tee "$work/bench.log" | tail -8
tally_summary smoke "$work/bench.log" "${PIPESTATUS[0]}"

step "start the server (SQLite in a temporary data directory)"
start_server --data-dir "$work/data"

step "request samples from the model"
python3 tests/conformance/python/samples.py --model model/connect-2017-08-08.json --out "$work/samples.json" || { echo "samples failed"; exit 1; }
export CONNECTLOCAL_SAMPLES="$work/samples.json"

step "JavaScript v3 SDK suite (node --test)"
node --test tests/conformance/js/ 2>&1 | tee "$work/node.log" | grep -vE '^# Subtest|^ +ok ' | tail -40
node_rc=${PIPESTATUS[0]}
n_pass=$(sed -nE 's/^# pass ([0-9]+)/\1/p' "$work/node.log"); n_fail=$(sed -nE 's/^# fail ([0-9]+)/\1/p' "$work/node.log"); n_skip=$(sed -nE 's/^# skipped ([0-9]+)/\1/p' "$work/node.log")
tally "${n_pass:-0}" "${n_fail:-0}" "${n_skip:-0}"
[ "$node_rc" -ne 0 ] && [ "${n_fail:-0}" -eq 0 ] && tally 0 1

run_unittest() { # $1 = label, $2 = start dir, $3 = pattern
  step "$1"
  python3 -m unittest discover -s "$2" -p "$3" 2>&1 | tee "$work/py.log" | tail -25
  local rc=${PIPESTATUS[0]}
  local ran fails errs skips
  ran=$(sed -nE 's/^Ran ([0-9]+) tests?.*/\1/p' "$work/py.log")
  fails=$(sed -nE 's/.*failures=([0-9]+).*/\1/p' "$work/py.log"); errs=$(sed -nE 's/.*errors=([0-9]+).*/\1/p' "$work/py.log")
  skips=$(sed -nE 's/.*skipped=([0-9]+).*/\1/p' "$work/py.log")
  local bad=$(( ${fails:-0} + ${errs:-0} ))
  tally $(( ${ran:-0} - bad - ${skips:-0} )) "$bad" "${skips:-0}"
  [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && tally 0 1
}
run_unittest "boto3 and aws CLI conformance suites" tests/conformance/python "test_*.py"
run_unittest "behaviour suites (boto3 and aws CLI), SQLite backend" tests/behaviour "test_*.py"
# Each security suite starts its own server (strict authentication, --throttle aws) from CONNECTLOCAL_SERVER_DLL.
run_unittest "security suites: strict authentication and throttling (boto3 and aws CLI)" tests/security "test_*.py"

step "restart on PostgreSQL"
stop_server
start_server --postgres "$CONNECTLOCAL_TEST_POSTGRES"
run_unittest "behaviour suites (boto3 and aws CLI), PostgreSQL backend" tests/behaviour "test_*.py"

# Nodes of their own (started, SIGKILLed, restarted; two on one PostgreSQL database); about 75 s.
export CONNECTLOCAL_STORAGE_WORK="$work/storage"
run_unittest "storage suites: crash harness, several nodes, export/import (boto3; SQLite and PostgreSQL)" tests/storage "test_*.py"

# The dashboard (issue 20, docs/dashboard.md): end-to-end tests that drive /_connectlocal/ui in headless Debian
# Chromium with playwright-core (pinned in tests/dashboard/package-lock.json), on servers of their own started from
# CONNECTLOCAL_SERVER_DLL (a permissive one and a strict one with a control token). Installs Chromium when missing.
step "dashboard end-to-end tests (headless Chromium, playwright-core)"
if ! command -v chromium > /dev/null; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  { $sudo_ apt-get install -y chromium || { $sudo_ apt-get update && $sudo_ apt-get install -y chromium; }; } > "$work/apt.log" 2>&1 \
    || { echo "could not install chromium:"; tail -5 "$work/apt.log"; }
fi
npm_install tests/dashboard || echo "npm ci failed (tests/dashboard)"
node --test tests/dashboard/ 2>&1 | tee "$work/dashboard.log" | grep -vE '^# Subtest|^ +ok ' | tail -30
dash_rc=${PIPESTATUS[0]}
d_pass=$(sed -nE 's/^# pass ([0-9]+)/\1/p' "$work/dashboard.log"); d_fail=$(sed -nE 's/^# fail ([0-9]+)/\1/p' "$work/dashboard.log")
d_skip=$(sed -nE 's/^# skipped ([0-9]+)/\1/p' "$work/dashboard.log"); d_cancel=$(sed -nE 's/^# cancelled ([0-9]+)/\1/p' "$work/dashboard.log")
tally "${d_pass:-0}" "$(( ${d_fail:-0} + ${d_cancel:-0} ))" "${d_skip:-0}"
[ "$dash_rc" -ne 0 ] && [ "$(( ${d_fail:-0} + ${d_cancel:-0} ))" -eq 0 ] && tally 0 1

# Install paths and the testing library (issue 19; scripts/install-check.sh, docs/install.md, docs/testing-library.md):
# the .NET tool packed and installed, the single-file executable run without .NET, and ConnectLocal.Testing's tests
# and the sample suite against the packed packages. A few minutes (the single-file publish is most of it).
step "install paths: .NET tool, single-file executable, ConnectLocal.Testing as packages"
bash scripts/install-check.sh 2>&1 | tee "$work/install.log" | tail -15
tally_summary install "$work/install.log" "${PIPESTATUS[0]}"

# .NET Aspire hosting integration (issue 19, docs/aspire.md): the resource model and its annotations, the resource's
# command line started with its health check, and one app host run by the orchestrator (DCP). About 15 s.
step "Aspire hosting integration (ConnectLocal.Aspire.Hosting)"
dotnet test tests/ConnectLocal.Aspire.Hosting.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$work/aspire.log" | tail -5
tally_dotnet "$work/aspire.log" "${PIPESTATUS[0]}"

# Every code block of README.md run as written (issue 19; tests/readme/run_readme.py): the README's own start command
# gives the server (in memory, port 4570), each example runs twice in a shuffled order. The pytest example needs
# pytest: Debian's python3-pytest is installed when no python3 has it. About 30 s.
step "README examples, run as written (aws CLI, boto3, pytest, JavaScript v3 SDK)"
if ! python3 -c 'import pytest' 2> /dev/null && ! /usr/bin/python3 -c 'import pytest' 2> /dev/null; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  { $sudo_ apt-get install -y python3-pytest || { $sudo_ apt-get update && $sudo_ apt-get install -y python3-pytest; }; } > "$work/apt-pytest.log" 2>&1 \
    || { echo "could not install python3-pytest:"; tail -5 "$work/apt-pytest.log"; }
fi
python3 tests/readme/run_readme.py 2>&1 | tee "$work/readme.log" | tail -25
tally_summary readme "$work/readme.log" "${PIPESTATUS[0]}"

# docs/testing-library.md's Vitest example as written, and its Jest variant (tests/readme/run_testing_library.py): each
# starts its own server from CONNECTLOCAL_SERVER_DLL. About 20 s.
step "testing-library examples, run as written (Vitest, Jest)"
python3 tests/readme/run_testing_library.py 2>&1 | tee "$work/testing-library.log" | tail -12
tally_summary testing-library "$work/testing-library.log" "${PIPESTATUS[0]}"

if grep -q ' 500 ' "$work/server.log"; then
  echo "the server answered 500 during the run:"; grep ' 500 ' "$work/server.log" | head
  tally 0 1
fi

printf '\n'
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
