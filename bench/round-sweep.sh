#!/usr/bin/env bash
# Goal P4 and the round-overhead goal (issue 17): `medfed bench round` for every K and P asked for, on the running
# network (either engine: bring it up and deploy first), one JSON per size under out/bench/round/<engine>/ (with
# --retention N: out/bench/round/<engine>/retention-N/), then
# the round-time chart and the least-squares slope of round time in K (`medfed bench chart`).
#   bench/round-sweep.sh [--participants 10,25,50,100] [--params 10000,1000000] [--rounds 3] [--retention N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
participants=10,25,50,100
params=10000,1000000
rounds=3
retention=()
while (($#)); do
  case "$1" in
    --participants) participants="${2:?--participants needs a list}"; shift 2 ;;
    --params) params="${2:?--params needs a list}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --retention) retention=(--retention "${2:?--retention needs a number}"); shift 2 ;;
    *) echo "usage: bench/round-sweep.sh [--participants LIST] [--params LIST] [--rounds R] [--retention N]" >&2
       exit 1 ;;
  esac
done

engine="$(cat "$ROOT/network/data/engine" 2>/dev/null || true)"
if [[ -z "$engine" ]]; then
  echo "bench/round-sweep.sh: no network: run network/network.sh up && network/network.sh deploy first" >&2
  exit 2
fi
out="$ROOT/out/bench/round/$engine"
# with a retention policy: a folder of its own, so its chart does not replace the one without
((${#retention[@]})) && out="$out/retention-${retention[1]}"
mkdir -p "$out"
files=()
IFS=, read -r -a ks <<<"$participants"
IFS=, read -r -a ps <<<"$params"
for p in "${ps[@]}"; do
  for k in "${ks[@]}"; do
    file="$out/round-k$k-p$p.json"
    echo "bench round: K=$k P=$p rounds=$rounds ${retention[*]} -> $file" >&2
    "$ROOT/medfed" bench round --participants "$k" --params "$p" --rounds "$rounds" "${retention[@]}" --json >"$file"
    files+=(--round "$file")
  done
done
"$ROOT/medfed" bench chart "${files[@]}" --out "$out"
