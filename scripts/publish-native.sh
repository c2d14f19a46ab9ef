#!/usr/bin/env bash
# The Native AOT executable of docs/install.md (issue 19): publishes the server with PublishAot for linux-x64 into
# artifacts/native, fails on any trim or AOT warning of the publish (the repository builds with
# TreatWarningsAsErrors, so a warning already stops it), then starts the native `connectlocal serve --in-memory`
# with an empty PATH and DOTNET_ROOT unset and sends it boto3 calls: a round trip of CreateInstance,
# DescribeInstance, CreateHoursOfOperation, CreateQueue, ListQueues, an AWS error (DescribeQueue of an unknown
# id -> ResourceNotFoundException), and the behaviour suites named in NATIVE_SUITES (default: every
# tests/behaviour/test_*.py). Slow: the AOT compiler takes several minutes on a 2-core machine; scripts/install-check.sh
# (a step of the test command) runs this unless CONNECTLOCAL_NATIVE_AOT=0.
# Usage: bash scripts/publish-native.sh   Prints "native: N passed, N failed" last.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(pwd)/artifacts/native
work=$(mktemp -d)
pid=""
passed=0; failed=0
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAILED: $*"; failed=$((failed + 1)); }
finish() { echo "native: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

echo "-- Native AOT publish (linux-x64)"
start=$(date +%s)
if dotnet publish src/ConnectLocal.Server -c Release -r linux-x64 -p:PublishAot=true -o "$out" -nologo > "$work/publish.log" 2>&1; then
  ok "published in $(( $(date +%s) - start )) s: $(du -h "$out/connectlocal" | cut -f1) native connectlocal"
else
  bad "publish"; grep -E "error|warning" "$work/publish.log" | sort -u | head -40; finish
fi
# Build output repeats each warning per project; any at all is a failure here.
warnings=$(grep -cE ": warning [A-Z]+[0-9]+" "$work/publish.log")
if [ "$warnings" -eq 0 ]; then ok "no warnings in the publish"; else bad "$warnings warning lines"; grep -E ": warning" "$work/publish.log" | sort -u | head -40; fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/empty-path"
env -u DOTNET_ROOT PATH="$work/empty-path" "$out/connectlocal" serve --port "$port" --in-memory > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  grep -q "^connectlocal: ready on http://127.0.0.1:$port" "$work/serve.log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if grep -q "^connectlocal: ready on" "$work/serve.log"; then ok "the native executable starts without .NET"; else bad "the native executable did not start"; cat "$work/serve.log"; finish; fi

export CONNECTLOCAL_ENDPOINT="http://127.0.0.1:$port"
if python3 - <<'PY'
import os, boto3, botocore.exceptions
from botocore.config import Config
c = boto3.client("connect", endpoint_url=os.environ["CONNECTLOCAL_ENDPOINT"], region_name="us-east-1",
                 aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret", config=Config(retries={"max_attempts": 1}))
instance = c.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="native-aot-check",
                             InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
described = c.describe_instance(InstanceId=instance)["Instance"]
assert described["InstanceAlias"] == "native-aot-check" and described["InstanceStatus"] == "ACTIVE", described
hours = c.create_hours_of_operation(InstanceId=instance, Name="h", TimeZone="UTC", Config=[])["HoursOfOperationId"]
queue = c.create_queue(InstanceId=instance, Name="native-queue", HoursOfOperationId=hours)["QueueId"]
listed = c.list_queues(InstanceId=instance, QueueTypes=["STANDARD"])["QueueSummaryList"]
assert [q["Name"] for q in listed if q["Id"] == queue] == ["native-queue"], listed
assert c.describe_queue(InstanceId=instance, QueueId=queue)["Queue"]["Name"] == "native-queue"
try:
    c.describe_queue(InstanceId=instance, QueueId="11111111-2222-3333-4444-555555555555")
    raise AssertionError("DescribeQueue of an unknown id answered")
except botocore.exceptions.ClientError as e:
    assert e.response["Error"]["Code"] == "ResourceNotFoundException", e.response
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404, e.response
print("round trip: instance", instance, "queue", queue)
PY
then ok "boto3 round trip and ResourceNotFoundException"; else bad "boto3 round trip"; fi

all_suites=$(cd tests/behaviour && ls test_*.py | sed 's/\.py$//')
for suite in ${NATIVE_SUITES:-$all_suites}; do
  if (cd tests/behaviour && python3 -m unittest "$suite" > "$work/$suite.log" 2>&1); then
    ok "$suite against the native executable ($(grep -E '^Ran ' "$work/$suite.log"))"
  else
    bad "$suite against the native executable"; tail -30 "$work/$suite.log"
  fi
done
if grep -q "Unhandled\|InternalServiceException\|Reflection-based" "$work/serve.log"; then bad "the server log has errors"; grep -m5 "Unhandled\|InternalServiceException\|Reflection-based" "$work/serve.log"; fi
finish
