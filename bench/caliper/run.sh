#!/usr/bin/env bash
# Hyperledger Caliper against whichever ledger engine is up (`network/network.sh up && network/network.sh deploy`),
# through the peer gateway. Benchmarks (benchmarks/*.yaml, docs/performance.md):
#   ledger  system:ping, system:writeProbe, system:getPing, system:readProbe at fixed rates and at maximum load, as
#           each organisation's user1; with a fixture also round:getRound (left out without one)
#   round   round:submitUpdate with the fixture's prepared submissions, at fixed rates and at maximum load
# The fixture is what `medfed bench round --caliper-fixture FILE` writes on the same network; each of its
# submissions is valid once, so make a fresh one for every round run. Installs Caliper from npm
# (package-lock.json) on first use. Writes out/caliper/<engine>/<benchmark>/: report.html (Caliper's report),
# summary.json and summary.csv (one line per round: offered load, succeeded, failed, send rate, throughput,
# latency), benchmark.json (the rounds as run) and caliper.log.
#   bench/caliper/run.sh [ledger|round] [FIXTURE]
#   (FIXTURE defaults to MEDFED_CALIPER_FIXTURE; MEDFED_PROFILES_DIR: the profiles, default network/data/profiles)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROFILES="${MEDFED_PROFILES_DIR:-$ROOT/network/data/profiles}"
OUT="$ROOT/out/caliper"

die() {
  echo "caliper: $*" >&2
  exit 1
}

benchmark="${1:-ledger}"
fixture="${2:-${MEDFED_CALIPER_FIXTURE:-}}"
[[ -f "$HERE/benchmarks/$benchmark.yaml" ]] || die "no benchmark \"$benchmark\" (ledger or round)"
if [[ "$benchmark" == round && -z "$fixture" ]]; then
  die "the round benchmark submits the prepared updates of a fixture: write one on this network with" \
    "\`./medfed bench round ... --caliper-fixture FILE\`, then run bench/caliper/run.sh round FILE" \
    "(or MEDFED_CALIPER_FIXTURE=FILE)"
fi
if [[ -n "$fixture" ]]; then
  [[ -f "$fixture" ]] || die "no fixture file $fixture"
  fixture="$(cd "$(dirname "$fixture")" && pwd)/$(basename "$fixture")"
fi

command -v npm >/dev/null || die "npm is needed (Node.js 18 or later)"
cd "$HERE"
if [[ ! -x node_modules/.bin/caliper ]]; then
  echo "caliper: installing Caliper 0.6.0 and the Fabric gateway connector from npm" >&2
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
fixtureArg=()
[[ -z "$fixture" ]] || fixtureArg=("$fixture")
engine="$(node networks/make-network.js "$PROFILES" "$OUT/network" "${fixtureArg[@]}")"
dir="$OUT/$engine/$benchmark"
mkdir -p "$dir"
node lib/prepare-benchmark.js "benchmarks/$benchmark.yaml" "$OUT/network/medfed.json" "$dir/benchmark.json" \
  "${fixtureArg[@]}"
echo "caliper: benchmark $benchmark, ledger engine $engine, profiles $PROFILES${fixture:+, fixture $fixture}" >&2
# The tables of finished rounds as they come; Caliper's own failure is kept apart from the filter's status.
rm -f "$dir/caliper.status"
{
  node_modules/.bin/caliper launch manager \
    --caliper-workspace "$HERE" \
    --caliper-networkconfig "$OUT/network/medfed.json" \
    --caliper-benchconfig "$dir/benchmark.json" \
    --caliper-flow-only-test \
    --caliper-fabric-gateway-enabled \
    --caliper-report-path "$dir/report.html" 2>&1 || echo "$?" >"$dir/caliper.status"
} | tee "$dir/caliper.log" | grep -E '^\| |Benchmark (finished|successfully)' || true
[[ ! -f "$dir/caliper.status" ]] || die "Caliper failed (exit $(cat "$dir/caliper.status")): see $dir/caliper.log"
node lib/summarize.js "$dir/report.html" "$dir/benchmark.json" "$engine" "$benchmark" "$dir"
echo "caliper: report $dir/report.html, summary $dir/summary.json and $dir/summary.csv" >&2
