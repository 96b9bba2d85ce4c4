#!/usr/bin/env bash
# Brings the network up (or resumes it after `down`) on a ledger engine, and says which on its first line:
#   up [--ledger fabric|embedded] [--orderers N]   the ledger (up-fabric.sh or up-embedded.sh) and the Kubo swarm
#   up --ipfs-only                                 only the Kubo private swarm
# Without --ledger a new network runs on Fabric when its binaries are in .tools/bin, else on the embedded ledger
# (Fabric is not installed behind the caller's back: the Go module proxy refuses it on many machines). An existing
# network keeps its engine (DATA_DIR/engine).
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"
S="$NETWORK_DIR/scripts"

USAGE="usage: network.sh up [--ledger fabric|embedded] [--orderers 1|3|5] | up --ipfs-only"
ledger=""
ipfsOnly=false
fabricArgs=()
while (($#)); do
  case "$1" in
    --ledger) ledger="${2:?--ledger needs fabric or embedded}"; shift 2 ;;
    --orderers) fabricArgs+=(--orderers "${2:?--orderers needs a number}"); shift 2 ;;
    --ipfs-only) ipfsOnly=true; shift ;;
    *) usageln "unknown option $1 ($USAGE)" ;;
  esac
done
[[ -z "$ledger" || "$ledger" == fabric || "$ledger" == embedded ]] || usageln "--ledger must be fabric or embedded"

# The data folder holds every private key of the network: its owner's only, whatever the umask.
(umask 077; mkdir -p "$DATA_DIR")
chmod 700 "$DATA_DIR"
mkdir -p "$LOG_DIR" "$PID_DIR"
[[ -f "$ORGS_FILE" ]] || tr ',' '\n' <<<"$ORGS" >"$ORGS_FILE"

if $ipfsOnly; then
  [[ -z "$ledger" ]] || usageln "--ipfs-only starts no ledger: drop --ledger"
  echo "ledger engine: none (--ipfs-only: the Kubo swarm alone)"
  "$NETWORK_DIR/install-binaries.sh" --kubo-only >/dev/null
  "$S/start-swarm.sh"
  okln "Kubo swarm up (no ledger): orgs $(orgList | paste -sd' ' -)"
  exit 0
fi

existing="$(networkEngine)"
if [[ -n "$existing" ]]; then
  [[ -z "$ledger" || "$ledger" == "$existing" ]] \
    || usageln "this network runs on the $existing ledger engine; run network/network.sh clean to recreate it with --ledger $ledger"
  engine="$existing"; why="this network's engine, recorded in $ENGINE_FILE"
elif [[ -n "$ledger" ]]; then
  engine="$ledger"; why="--ledger $ledger"
elif fabricInstalled; then
  engine=fabric; why="its binaries are installed in .tools/bin; --ledger embedded for the one-JVM ledger"
else
  engine=embedded; why="Fabric binaries not installed in .tools/bin; use --ledger fabric on a host that has them"
fi

if [[ "$engine" == fabric ]]; then
  echo "ledger engine: fabric $(if fabricInstalled; then fabricVersion; else echo "$FABRIC_VERSION"; fi) ($why)"
  exec "$S/up-fabric.sh" "${fabricArgs[@]}"
fi
# The embedded ledger serves every organisation from one process on 127.0.0.1: it has no hosts of its own.
multiHost \
  && usageln "this network has hosts of its own ($NODE_HOSTS_FILE): the multi-host rehearsal needs --ledger fabric"
echo "ledger engine: embedded ($why)"
((${#fabricArgs[@]} == 0)) || usageln "--orderers is for the Fabric engine: the embedded ledger orders in its own process"
echo embedded >"$ENGINE_FILE"
exec "$S/up-embedded.sh"
