#!/usr/bin/env bash
# Connects every pair of Kubo nodes now (Peering.Peers also reconnects them later) and checks the mesh.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

api() { echo "http://$(orgAddress "$1"):$(orgPort "$1" "$IPFS_API_OFFSET")/api/v0"; }
peerId() { httpOk -X POST "$(api "$1")/id" | sed -n 's/.*"ID":"\([^"]*\)".*/\1/p'; }
peerCount() { httpOk -X POST "$(api "$1")/swarm/peers" | grep -o '"Peer":' | wc -l; }

mapfile -t orgs < <(orgList)
for a in "${orgs[@]}"; do
  for b in "${orgs[@]}"; do
    [[ "$a" < "$b" ]] || continue
    addr="/ip4/$(orgAddress "$b")/tcp/$(orgPort "$b" "$IPFS_SWARM_OFFSET")/p2p/$(peerId "$b")"
    httpOk -X POST "$(api "$a")/swarm/connect?arg=$addr" >/dev/null \
      || fatalln "Kubo of $a could not connect to $b's: is the swarm key the same? see $LOG_DIR/ipfs-*.log"
  done
done
want=$((${#orgs[@]} - 1))
for o in "${orgs[@]}"; do
  hasPeers() { [[ "$(peerCount "$o")" -ge "$want" ]]; }
  waitFor "swarm of $o" 20 hasPeers || fatalln "Kubo of $o sees $(peerCount "$o") of $want peers"
done
