#!/usr/bin/env bash
# The whole load harness in one command: builds the server and the harness (Release), then measures the bare
# Kestrel ceiling, moto, every ConnectLocal workload, start-up and the scaling runs, and writes
# bench/results/report.md, report.json and report.svg (about 15 minutes on 2 cores).
# Usage: bash bench/run.sh [--smoke] [harness options; bash bench/run.sh --help lists them]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/ConnectLocal.Server -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ConnectLocal.Load -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/ConnectLocal.Load/bin/Release/net10.0/ConnectLocal.Load.dll "$@"
