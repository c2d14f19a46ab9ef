#!/usr/bin/env bash
# The dashboard's cost to API requests (docs/dashboard.md, "Cost to API requests"): one ConnectLocal server (Release,
# SQLite in a temporary directory), the load harness's DescribeRoutingProfile at maximum throughput run ROUNDS times
# alternately without (A) and with (B) the dashboard's live push active, A B A B ... on the same server, and a table
# of the runs and the B/A ratio of the medians. "Push active" is SUBSCRIBERS server-sent event streams held open
# with curl -N on the live view of a watched instance (replicated, an agent with 3 chats, one more waiting, a call
# that ran a flow) and one on that call's contact page (its flow log), so the samplers compute both Regions'
# metrics, the agent's slots, the contact list, the groups and the flow log while the harness runs.
# Usage: bash bench/dashboard-cost.sh [ROUNDS=6] [SUBSCRIBERS=3] [DURATION=10]
# Needs the Release builds (bash bench/run.sh builds them) and python3 with boto3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-6}; SUBSCRIBERS=${2:-3}; DURATION=${3:-10}
PORT=${DASHBOARD_COST_PORT:-4637}
ENDPOINT="http://127.0.0.1:$PORT"
work=$(mktemp -d)
server_pid=""; subscribers=()
cleanup() { [ ${#subscribers[@]} -eq 0 ] || kill "${subscribers[@]}" 2>/dev/null || true; [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet src/ConnectLocal.Server/bin/Release/net10.0/connectlocal.dll serve --port "$PORT" --data-dir "$work/data" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "$ENDPOINT/_connectlocal/health" > /dev/null && break; sleep 0.2; done

# The watched instance, made with boto3 in its own account.
read -r ACCOUNT INSTANCE CONTACT < <(python3 - "$ENDPOINT" <<'EOF'
import json, sys, urllib.request, boto3
endpoint = sys.argv[1]
account = "210987654321"
c = boto3.client("connect", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=account, aws_secret_access_key="x")
iid = c.create_instance(IdentityManagementType="SAML", InboundCallsEnabled=True, OutboundCallsEnabled=True, InstanceAlias="watched")["Id"]
c.replicate_instance(InstanceId=iid, ReplicaRegion="us-west-2", ReplicaAlias="watched-west")
queue = next(q for q in c.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"] if q["Name"] == "BasicQueue")
profile = c.create_routing_profile(InstanceId=iid, Name="chats", Description="chats", DefaultOutboundQueueId=queue["Id"],
    MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 3}],
    QueueConfigs=[{"QueueReference": {"QueueId": queue["Id"], "Channel": c_}, "Priority": 1, "Delay": 0} for c_ in ("CHAT", "VOICE")])["RoutingProfileId"]
security = c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]
user = c.create_user(InstanceId=iid, Username="agent", IdentityInfo={"FirstName": "A", "LastName": "B"},
    PhoneConfig={"PhoneType": "SOFT_PHONE"}, SecurityProfileIds=[security], RoutingProfileId=profile)["UserId"]
available = next(s for s in c.list_agent_statuses(InstanceId=iid)["AgentStatusSummaryList"] if s["Name"] == "Available")["Id"]
c.put_user_status(InstanceId=iid, UserId=user, AgentStatusId=available)
flow = next(f for f in c.list_contact_flows(InstanceId=iid)["ContactFlowSummaryList"] if f["Name"] == "Sample inbound flow (first contact experience)")["Id"]
for n in range(4):
    c.start_chat_contact(InstanceId=iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": f"c{n}"})
body = json.dumps({"instanceId": iid, "region": "us-east-1", "accountId": account, "contactFlowId": flow}).encode()
call = json.load(urllib.request.urlopen(urllib.request.Request(endpoint + "/_connectlocal/routing/calls", data=body, method="POST", headers={"Content-Type": "application/json"})))
print(account, iid, call["contactId"])
EOF
)
LIVE="$ENDPOINT/_connectlocal/ui/instances/$ACCOUNT/us-east-1/$INSTANCE"
curl -sf "$LIVE/contacts/$CONTACT" > /dev/null

# The push's own cost, without load: the server's CPU time over IDLE seconds with no stream open, then with the streams.
IDLE=${DASHBOARD_COST_IDLE:-20}
cpu_ms() { awk '{ print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$server_pid/stat"; }
open_streams() {
  for _ in $(seq "$SUBSCRIBERS"); do curl -sN "$LIVE/live" > /dev/null & subscribers+=($!); done
  curl -sN "$LIVE/contacts/$CONTACT/live" > /dev/null & subscribers+=($!)
}
close_streams() { kill "${subscribers[@]}" 2>/dev/null || true; wait "${subscribers[@]}" 2>/dev/null || true; subscribers=(); }
open_streams; sleep 10; close_streams; sleep 5 # warm-up: the samplers' code compiled (JIT tiers) before measuring
c0=$(cpu_ms); sleep "$IDLE"; c1=$(cpu_ms)
for _ in $(seq "$SUBSCRIBERS"); do curl -sN "$LIVE/live" > /dev/null & subscribers+=($!); done
curl -sN "$LIVE/contacts/$CONTACT/live" > /dev/null & subscribers+=($!)
c2=$(cpu_ms); sleep "$IDLE"; c3=$(cpu_ms)
kill "${subscribers[@]}" 2>/dev/null || true; wait "${subscribers[@]}" 2>/dev/null || true; subscribers=()
awk -v a="$((c1 - c0))" -v b="$((c3 - c2))" -v s="$IDLE" 'BEGIN { printf "server CPU without load: %.1f ms/s with no stream open, %.1f ms/s with the streams open (%.1f ms/s for the push)\n\n", a / s, b / s, (b - a) / s }'

echo "| run | dashboard push | req/s | p50 ms | p99 ms | server CPU µs/req | other processes' share of the machine |"
echo "|--:|---|--:|--:|--:|--:|--:|"
for round in $(seq "$ROUNDS"); do
  mode=A; [ $((round % 2)) -eq 0 ] && mode=B
  subscribers=()
  if [ "$mode" = B ]; then
    for _ in $(seq "$SUBSCRIBERS"); do curl -sN "$LIVE/live" > "$work/live.$round.$RANDOM" & subscribers+=($!); done
    curl -sN "$LIVE/contacts/$CONTACT/live" > "$work/contact.$round" & subscribers+=($!)
    sleep 1
  fi
  dotnet bench/ConnectLocal.Load/bin/Release/net10.0/ConnectLocal.Load.dll --endpoint "$ENDPOINT" --server-pid "$server_pid" \
    --only DescribeRoutingProfile --moto none --duration "$DURATION" --out "$work/r$round" > "$work/r$round.log" 2>&1
  if [ "$mode" = B ]; then
    # The streams must have been live: at least one event each.
    for f in "$work"/live."$round".* "$work/contact.$round"; do grep -q '^data: ' "$f" || { echo "no event on $f"; exit 1; }; done
    kill "${subscribers[@]}" 2>/dev/null || true; wait "${subscribers[@]}" 2>/dev/null || true; subscribers=()
  fi
  python3 - "$work/r$round/report.json" "$round" "$mode" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
w = next(w for w in report["Workloads"] if w["Name"] == "DescribeRoutingProfile" and w["Target"] != "moto")
m = w["Max"]
push = "none" if sys.argv[3] == "A" else "active"
print(f"| {sys.argv[2]} | {push} | {m['Throughput']:,.0f} | {m['Latency']['P50Ms']:.2f} | {m['Latency']['P99Ms']:.2f} | {m['Cpu']['ServerUsPerRequest']:.0f} | {m['Cpu']['OtherShare']:.0%} |")
EOF
done
