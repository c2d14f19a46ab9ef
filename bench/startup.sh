#!/usr/bin/env bash
# Start-up time of the install paths (docs/install.md): from launching `connectlocal serve --in-memory` to its
# readiness line, for the installed .NET tool, the self-contained single-file executable and, for reference,
# `dotnet connectlocal.dll` of the Release build, and the Native AOT executable when artifacts/native holds one
# (scripts/publish-native.sh). Runs each RUNS times (default 5) and prints min / median / max in ms.
# Usage: bash scripts/install-check.sh (makes artifacts/), then bash bench/startup.sh [RUNS]
# (BENCH_ONLY=native measures only the native executable, which needs no other artifact.)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "${BENCH_ONLY:-}" != native ]; then
dotnet tool install --tool-path "$work/tools" ConnectLocal --add-source artifacts/packages \
  --version "$(sed -nE 's|.*<Version>([^<]+)</Version>.*|\1|p' Directory.Build.props | head -1)" > /dev/null

fi

measure() { # $1 = label, rest = command
  local label=$1; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # a new log file per run: the background process truncates its log only once it starts, and the readiness check
    # must not read the previous run's line meanwhile
    rm -f "$work/out.log"; : > "$work/out.log"
    local start; start=$(date +%s%N)
    "$@" serve --port "$port" --in-memory > "$work/out.log" 2>&1 &
    local pid=$!
    until grep -q '^connectlocal: ready on ' "$work/out.log"; do
      kill -0 "$pid" 2>/dev/null || { echo "$label did not start:"; cat "$work/out.log"; exit 1; }
      sleep 0.005
    done
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-40s min %5s ms  median %5s ms  max %5s ms  (%s runs)\n' "$label" \
    "$(head -1 <<<"$sorted")" "$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")" "$(tail -1 <<<"$sorted")" "$runs"
}

mkdir -p "$work/empty-path"
if [ "${BENCH_ONLY:-}" != native ]; then
  measure ".NET tool (connectlocal)" "$work/tools/connectlocal"
  measure "single-file executable (no SDK on PATH)" env -u DOTNET_ROOT PATH="$work/empty-path" artifacts/single-file/connectlocal
  measure "dotnet connectlocal.dll (Release build)" dotnet src/ConnectLocal.Server/bin/Release/net10.0/connectlocal.dll
fi
if [ -x artifacts/native/connectlocal ]; then
  measure "Native AOT executable (no SDK on PATH)" env -u DOTNET_ROOT PATH="$work/empty-path" artifacts/native/connectlocal
fi
