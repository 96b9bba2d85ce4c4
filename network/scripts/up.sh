#!/usr/bin/env bash
# Brings the network up (or resumes it after `down`): crypto, channel, orderers, peers, Kubo swarm.
# Idempotent: every step checks what is already there.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
S="$NETWORK_DIR/scripts"

orderers="$ORDERERS"
ipfsOnly=false
while (($#)); do
  case "$1" in
    --orderers) orderers="${2:?--orderers needs a number}"; shift 2 ;;
    --ipfs-only) ipfsOnly=true; shift ;;
    *) fatalln "unknown option $1 (usage: network.sh up [--orderers 1|3|5] [--ipfs-only])" ;;
  esac
done
[[ "$orderers" =~ ^[135]$ ]] || fatalln "--orderers must be 1, 3 or 5 (a Raft cluster needs an odd size)"

mkdir -p "$DATA_DIR" "$LOG_DIR" "$PID_DIR"
[[ -f "$ORGS_FILE" ]] || tr ',' '\n' <<<"$ORGS" >"$ORGS_FILE"

startSwarm() {
  infoln "Kubo private swarm"
  while read -r org; do "$S/start-ipfs.sh" "$org"; done < <(orgList)
  "$S/ipfs-connect.sh"
}

if $ipfsOnly; then
  "$NETWORK_DIR/install-binaries.sh" --kubo-only >/dev/null
  [[ -x "$TOOLS_BIN/ipfs" ]] || fatalln "ipfs is not installed in $TOOLS_BIN: run network/install-binaries.sh"
  startSwarm
  okln "Kubo swarm up (no Fabric): orgs $(orgList | paste -sd' ' -)"
  exit 0
fi

"$NETWORK_DIR/install-binaries.sh" >/dev/null
requireBinaries

if [[ -f "$ORDERERS_FILE" ]]; then
  [[ "$(cat "$ORDERERS_FILE")" == "$orderers" || "$orderers" == "$ORDERERS" ]] \
    || fatalln "this network was created with $(cat "$ORDERERS_FILE") orderers; run network.sh clean to change it"
else
  echo "$orderers" >"$ORDERERS_FILE"
fi
n="$(ordererCount)"

infoln "crypto material"
"$S/crypto.sh" orderers "$n"
while read -r org; do "$S/crypto.sh" org "$org"; done < <(orgList)
{ cat "$(ordererTlsCa)"; while read -r org; do cat "$(peerTlsCa "$org")"; done < <(orgList); } >"$TLS_CA_BUNDLE"
"$S/configtx.sh" genesis

infoln "orderers ($n, Raft)"
for ((k = 1; k <= n; k++)); do "$S/start-orderer.sh" "$k"; done
"$S/channel.sh" orderers

infoln "peers"
while read -r org; do "$S/start-peer.sh" "$org"; done < <(orgList)
while read -r org; do "$S/channel.sh" peer "$org"; done < <(orgList)

startSwarm

"$S/profiles.sh"
okln "network up: channel $CHANNEL, orgs $(orgList | paste -sd' ' -), $n orderer(s); profiles in $DATA_DIR/profiles"
