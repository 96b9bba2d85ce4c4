#!/usr/bin/env bash
# Both ledger engines measured side by side on this machine, one after the other on the same ports: `up` and
# `deploy` from nothing, `./medfed ping`, and the resident memory of every process after the pings. It runs on a
# data folder of its own (out/bench-engines/), never a developer's network/data. An engine that cannot start here
# (Fabric without its binaries) is reported NOT RUN.
#   bench/engines.sh [--count N] [--engines embedded,fabric]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count=50
engines=embedded,fabric
while (($#)); do
  case "$1" in
    --count) count="${2:?--count needs a number}"; shift 2 ;;
    --engines) engines="${2:?--engines needs a list}"; shift 2 ;;
    *) echo "usage: bench/engines.sh [--count N] [--engines embedded,fabric]" >&2; exit 2 ;;
  esac
done

OUT="$ROOT/out/bench-engines"
export MEDFED_NETWORK_DATA="$OUT/data" MEDFED_NETWORK_LOGS="$OUT/logs"
mkdir -p "$OUT"
net() { "$ROOT/network/network.sh" "$@"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Build first, so that the timings below measure the network, not Maven.
(cd "$ROOT" && ./mvnw -B -q -pl chaincode,embedded-ledger,fl-client -am package -DskipTests)
"$ROOT/network/install-binaries.sh" --kubo-only >/dev/null

trap 'net down >/dev/null 2>&1 || true' EXIT
for engine in ${engines//,/ }; do
  echo "=== ledger engine: $engine"
  net clean >/dev/null
  t0="$(now)"
  if ! net up --ledger "$engine" >"$OUT/up-$engine.log" 2>&1; then
    echo "NOT RUN: network.sh up --ledger $engine failed here:"; sed 's/^/    /' "$OUT/up-$engine.log" | tail -5
    continue
  fi
  t1="$(now)"
  net deploy >/dev/null
  t2="$(now)"
  echo "up $(seconds "$t0" "$t1") s, deploy $(seconds "$t1" "$t2") s (from nothing)"
  "$ROOT/medfed" ping --count "$count" --profiles-dir "$MEDFED_NETWORK_DATA/profiles"
  net status || true
  net clean >/dev/null
done
