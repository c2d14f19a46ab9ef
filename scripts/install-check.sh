#!/usr/bin/env bash
# The install paths of docs/install.md, checked as a user would take them (issue 19):
#   1. `dotnet pack` of the server as a .NET tool, `dotnet tool install --tool-path` from that folder, then the
#      installed `connectlocal` starts and answers the health check;
#   2. the self-contained single-file linux-x64 executable starts and answers the health check with no .NET on
#      PATH and DOTNET_ROOT unset.
#   3. ConnectLocal.Testing and ConnectLocal.Testing.Xunit packed, then their own tests
#      (tests/ConnectLocal.Testing.Tests) and the sample suite (examples/testing-xunit) consume them as packages.
#   4. ConnectLocal.Aspire.Hosting packed (its tests run from the solution: scripts/test.sh).
#   5. the Native AOT executable, scripts/publish-native.sh (no warnings; boto3 calls and every behaviour suite
#      against it); the AOT compiler takes several minutes, CONNECTLOCAL_NATIVE_AOT=0 leaves this step out.
# Usage: bash scripts/install-check.sh   (after a Release build of the solution; packages land in artifacts/packages,
# the executable in artifacts/single-file). Prints "install: N passed, N failed" last; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(pwd)/artifacts
work=$(mktemp -d)
pid=""
passed=0; failed=0
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAILED: $*"; failed=$((failed + 1)); }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts "$@" serve on a free port in memory and waits for the readiness line, then asks /_connectlocal/health.
serves() { # $1 = label, rest = command (with its environment via env)
  local label=$1; shift
  local port; port=$(free_port)
  "$@" serve --port "$port" --in-memory > "$work/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "^connectlocal: ready on http://127.0.0.1:$port" "$work/$label.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  local health; health=$(curl -sf "http://127.0.0.1:$port/_connectlocal/health")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=""
  if [[ "$health" == *'"status":"ok"'* ]]; then ok "$label answers health ($health)"; else bad "$label did not answer health"; cat "$work/$label.log"; fi
}

version=$(sed -nE 's|.*<Version>([^<]+)</Version>.*|\1|p' Directory.Build.props | head -1)

echo "-- .NET tool package (dotnet pack, dotnet tool install --tool-path)"
if dotnet pack src/ConnectLocal.Server -c Release -o "$out/packages" -nologo -v quiet -clp:ErrorsOnly \
   && dotnet tool install --tool-path "$work/tools" ConnectLocal --version "$version" --add-source "$out/packages" > "$work/tool-install.log" 2>&1; then
  ok "ConnectLocal $version packed and installed as a tool"
  serves "the installed connectlocal tool" "$work/tools/connectlocal"
else
  bad "pack or tool install"; cat "$work/tool-install.log" 2>/dev/null
fi

echo "-- self-contained single-file executable (linux-x64)"
if dotnet publish src/ConnectLocal.Server -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
     -o "$out/single-file" -nologo -v quiet -clp:ErrorsOnly; then
  ok "single-file executable published ($(du -h "$out/single-file/connectlocal" | cut -f1))"
  # An empty PATH (dotnet lives in /usr/bin here) and no DOTNET_ROOT: nothing of the SDK can be found.
  mkdir -p "$work/empty-path"
  serves "the single-file executable without .NET" env -u DOTNET_ROOT PATH="$work/empty-path" "$out/single-file/connectlocal"
else
  bad "single-file publish"
fi

echo "-- ConnectLocal.Testing as packages: its tests and the sample suite"
# The packages keep the repository's version, so a copy restored earlier would shadow the one just packed.
global=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')
rm -rf "$global/connectlocal.testing" "$global/connectlocal.testing.xunit"
if dotnet pack src/ConnectLocal.Testing -c Release -o "$out/packages" -nologo -v quiet -clp:ErrorsOnly \
   && dotnet pack src/ConnectLocal.Testing.Xunit -c Release -o "$out/packages" -nologo -v quiet -clp:ErrorsOnly; then
  ok "ConnectLocal.Testing and ConnectLocal.Testing.Xunit packed"
  for project in tests/ConnectLocal.Testing.Tests examples/testing-xunit; do
    dotnet test "$project" -c Release -nologo -v quiet --logger "console;verbosity=minimal" > "$work/xunit.log" 2>&1
    rc=$?
    line=$(grep -E '(Passed|Failed)!' "$work/xunit.log" | tail -1)
    x_pass=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); x_fail=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")
    passed=$((passed + ${x_pass:-0})); failed=$((failed + ${x_fail:-0}))
    echo "$project: ${line:-no result line}"
    if [ "$rc" -ne 0 ]; then tail -40 "$work/xunit.log"; [ "${x_fail:-0}" -eq 0 ] && bad "$project did not build or run"; fi
  done
else
  bad "pack of ConnectLocal.Testing"
fi

echo "-- ConnectLocal.Aspire.Hosting packed (docs/aspire.md)"
if dotnet pack src/ConnectLocal.Aspire.Hosting -c Release -o "$out/packages" -nologo -v quiet -clp:ErrorsOnly \
   && [ -f "$out/packages/ConnectLocal.Aspire.Hosting.$version.nupkg" ]; then
  ok "ConnectLocal.Aspire.Hosting $version packed"
else
  bad "pack of ConnectLocal.Aspire.Hosting"
fi

if [ "${CONNECTLOCAL_NATIVE_AOT:-1}" != 0 ]; then
  echo "-- Native AOT executable (scripts/publish-native.sh; CONNECTLOCAL_NATIVE_AOT=0 leaves it out)"
  bash scripts/publish-native.sh 2>&1 | tee "$work/native.log"
  line=$(grep -E '^native: ' "$work/native.log" | tail -1)
  n_pass=$(sed -nE 's/^native: ([0-9]+) passed.*/\1/p' <<<"$line"); n_fail=$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$line")
  passed=$((passed + ${n_pass:-0})); failed=$((failed + ${n_fail:-1}))
fi

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
