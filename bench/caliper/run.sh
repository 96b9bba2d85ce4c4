#!/usr/bin/env bash
# Hyperledger Caliper against whichever ledger engine is up (`network/network.sh up && network/network.sh deploy`):
# system:ping and system:getPing at a fixed rate and at maximum load (benchmarks/ledger.yaml), through the peer
# gateway with each organisation's user1. Installs Caliper from npm (package-lock.json) on first use, writes
# Caliper's HTML report to out/caliper/<engine>/report.html and prints its summary. docs/performance.md.
#   bench/caliper/run.sh        (MEDFED_PROFILES_DIR: the profiles to read; default network/data/profiles)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROFILES="${MEDFED_PROFILES_DIR:-$ROOT/network/data/profiles}"
OUT="$ROOT/out/caliper"

command -v npm >/dev/null || { echo "caliper: npm is needed (Node.js 18 or later)" >&2; exit 1; }
cd "$HERE"
if [[ ! -x node_modules/.bin/caliper ]]; then
  echo "caliper: installing Caliper 0.6.0 and the Fabric gateway connector from npm" >&2
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
engine="$(node networks/make-network.js "$PROFILES" "$OUT/network")"
mkdir -p "$OUT/$engine"
echo "caliper: ledger engine $engine, profiles $PROFILES" >&2
node_modules/.bin/caliper launch manager \
  --caliper-workspace "$HERE" \
  --caliper-networkconfig "$OUT/network/medfed.json" \
  --caliper-benchconfig benchmarks/ledger.yaml \
  --caliper-flow-only-test \
  --caliper-fabric-gateway-enabled \
  --caliper-report-path "$OUT/$engine/report.html" 2>&1 | tee "$OUT/$engine/caliper.log" \
  | grep -E '^\| |Benchmark (finished|successfully)' || true
echo "caliper: report $OUT/$engine/report.html" >&2
