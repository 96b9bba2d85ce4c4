#!/usr/bin/env bash
# `up` on the Fabric engine (run by up.sh, which chose the engine): crypto, channel, Raft orderer(s), one peer per
# organisation, Kubo swarm, profiles. Idempotent: every step checks what is already there.
#   up-fabric.sh [--orderers 1|3|5]
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"
S="$NETWORK_DIR/scripts"

orderers="$ORDERERS"
while (($#)); do
  case "$1" in
    --orderers) orderers="${2:?--orderers needs a number}"; shift 2 ;;
    *) usageln "unknown option $1 (usage: network.sh up --ledger fabric [--orderers 1|3|5])" ;;
  esac
done
[[ "$orderers" =~ ^[135]$ ]] || usageln "--orderers must be 1, 3 or 5 (a Raft cluster needs an odd size)"

# Fabric is only built with `go install` when it was asked for and is missing; Kubo is always needed.
if fabricInstalled; then
  "$NETWORK_DIR/install-binaries.sh" --kubo-only >/dev/null
else
  infoln "Fabric $FABRIC_VERSION is not installed in $TOOLS_BIN: trying network/install-binaries.sh --fabric"
  status=0
  "$NETWORK_DIR/install-binaries.sh" --fabric >/dev/null || status=$?
  if ((status != 0)); then
    warnln "Fabric could not be installed on this machine (install-binaries.sh exit $status)."
    fabricHowTo >&2
    # A registry's refusal passes through (the demo and the tests tell it apart); anything else: Fabric is missing.
    exit $((status == EXIT_REFUSED ? EXIT_REFUSED : EXIT_USAGE))
  fi
fi
requireBinaries
echo fabric >"$ENGINE_FILE"

if [[ -f "$ORDERERS_FILE" ]]; then
  [[ "$(cat "$ORDERERS_FILE")" == "$orderers" || "$orderers" == "$ORDERERS" ]] \
    || usageln "this network was created with $(cat "$ORDERERS_FILE") orderers; run network.sh clean to change it"
else
  echo "$orderers" >"$ORDERERS_FILE"
fi
n="$(ordererCount)"

infoln "crypto material"
"$S/crypto.sh" orderers "$n"
while read -r org; do "$S/crypto.sh" org "$org"; done < <(orgList)
writeTlsBundle
"$S/configtx.sh" genesis

infoln "orderers ($n, Raft)"
for ((k = 1; k <= n; k++)); do "$S/start-orderer.sh" "$k"; done
"$S/channel.sh" orderers

infoln "peers"
while read -r org; do "$S/start-peer.sh" "$org"; done < <(orgList)
while read -r org; do "$S/channel.sh" peer "$org"; done < <(orgList)

"$S/start-swarm.sh"

"$S/profiles.sh"
okln "network up (Fabric): channel $CHANNEL, orgs $(orgList | paste -sd' ' -), $n orderer(s); profiles in $DATA_DIR/profiles"
