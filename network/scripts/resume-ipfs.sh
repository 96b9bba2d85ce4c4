#!/usr/bin/env bash
# Starts one organisation's Kubo node again after it stopped or crashed (a running node is left alone), waits until
# its API answers and it is connected to every other organisation's node again: what an operator runs after a Kubo
# node died, without touching the rest of the network. Its repository (pinned blobs, identity, peering) is kept.
# Usage: resume-ipfs.sh ORG
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

org="${1:?usage: network.sh start-ipfs ORG}"
orgIndex "$org" >/dev/null
[[ -f "$DATA_DIR/ipfs/$(orgLower "$org")/config" ]] || usageln "$org has no Kubo repository: run network.sh up"
"$NETWORK_DIR/scripts/start-ipfs.sh" "$org"
# Peering.Peers reconnects the swarm by itself, after a back-off; connecting now makes the node usable at once.
"$NETWORK_DIR/scripts/ipfs-connect.sh"
okln "ipfs-$(orgLower "$org") running and connected to the swarm"
