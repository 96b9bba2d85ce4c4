#!/usr/bin/env bash
# Starts one process of the network again (after `network.sh kill NAME`, a crash or a stop), on the data it left,
# and waits until it is healthy; one that runs is left alone. Usage: start-process.sh NAME where NAME is
# peer-<org> or ordererK (Fabric), ipfs-<org>, or chaincode-<org> (as restart-chaincode, which restarts it).
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"
S="$NETWORK_DIR/scripts"

name="${1:?usage: network.sh start NAME (peer-<org>, ordererK, ipfs-<org> or chaincode-<org>)}"
engine="$(requireNetworkEngine)"

# orgNamed LOWER: the organisation whose lower-case name is LOWER.
orgNamed() {
  local org
  while read -r org; do [[ "$(orgLower "$org")" == "$1" ]] && { echo "$org"; return; }; done < <(orgList)
  usageln "no organisation $1 in this network (known: $(orgList | paste -sd, -))"
}

case "$name" in
  peer-*)
    [[ "$engine" == fabric ]] || usageln "$name is a gateway inside the embedded ledger's one process, not a process"
    "$S/start-peer.sh" "$(orgNamed "${name#peer-}")"
    ;;
  orderer*)
    [[ "$engine" == fabric && "${name#orderer}" =~ ^[0-9]+$ ]] || usageln "no orderer process $name here"
    (("${name#orderer}" >= 1 && "${name#orderer}" <= $(ordererCount))) \
      || usageln "this network has $(ordererCount) orderer(s)"
    "$S/start-orderer.sh" "${name#orderer}"
    ;;
  ipfs-*) "$S/resume-ipfs.sh" "$(orgNamed "${name#ipfs-}")" ;;
  chaincode-*) "$S/restart-chaincode.sh" "$(orgNamed "${name#chaincode-}")" ;;
  *) usageln "cannot start $name: peer-<org>, ordererK, ipfs-<org> or chaincode-<org>" ;;
esac
okln "$name running"
