#!/usr/bin/env bash
# Initialises (once) and starts the Kubo node of organisation ORG as a member of the private swarm:
# shared swarm key, no bootstrap peers, no DHT, no AutoConf, API and swarm on the organisation's address (127.0.0.1
# on one host), peered with every other organisation's node. With --peering-only it just rewrites Peering.Peers
# (works while the daemon runs).
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

peeringOnly=false
if [[ "${1:-}" == --peering-only ]]; then peeringOnly=true; shift; fi
org="${1:?usage: start-ipfs.sh [--peering-only] ORG}"
name="ipfs-$(orgLower "$org")"
IPFS_PATH="$DATA_DIR/ipfs/$(orgLower "$org")"
export IPFS_PATH
export IPFS_TELEMETRY=off
export LIBP2P_FORCE_PNET=1
swarmKey="$DATA_DIR/ipfs/swarm.key"

ipfsRepo() { echo "$DATA_DIR/ipfs/$(orgLower "$1")"; }
apiPort() { orgPort "$1" "$IPFS_API_OFFSET"; }
swarmPort() { orgPort "$1" "$IPFS_SWARM_OFFSET"; }

# The swarm key admits a node to the private swarm and the repository holds the node's own private key: both are
# their owner's only (Kubo writes its config 0600 but its folders 0755).
initRepo() {
  [[ -f "$IPFS_PATH/config" ]] && return 0
  (umask 077; mkdir -p "$(dirname "$IPFS_PATH")")
  if [[ ! -f "$swarmKey" ]]; then
    (umask 077; { echo /key/swarm/psk/1.0.0/; echo /base16/; od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; echo; } >"$swarmKey")
  fi
  ipfs init --profile=test >/dev/null
  cp "$swarmKey" "$IPFS_PATH/swarm.key"
  ipfs config Addresses.API "/ip4/$(orgAddress "$org")/tcp/$(apiPort "$org")"
  ipfs config --json Addresses.Gateway '[]'
  ipfs config --json Addresses.Swarm "[\"/ip4/$(orgAddress "$org")/tcp/$(swarmPort "$org")\"]"
  ipfs config --json Addresses.Announce "[\"/ip4/$(orgAddress "$org")/tcp/$(swarmPort "$org")\"]"
  ipfs config Routing.Type none
  ipfs config --json Provide.Enabled false
  ipfs config --json Swarm.Transports.Network.Websocket false
  ipfs config --json HTTPRetrieval.Enabled false
  ipfs config --json AutoConf.Enabled false
  ipfs config --json Bootstrap '[]'
  ipfs config Internal.ShutdownTimeout 30s
  ownerOnly "$(dirname "$IPFS_PATH")"
}

# Peering.Peers = every other organisation that has a repo: reconnects after restarts, protected connections.
writePeering() {
  local other peers=() id
  while read -r other; do
    [[ "$other" == "$org" ]] && continue
    [[ -f "$(ipfsRepo "$other")/config" ]] || continue
    id="$(IPFS_PATH="$(ipfsRepo "$other")" ipfs config Identity.PeerID)"
    peers+=("{\"ID\":\"$id\",\"Addrs\":[\"/ip4/$(orgAddress "$other")/tcp/$(swarmPort "$other")\"]}")
  done < <(orgList)
  ipfs config --json Peering.Peers "[$(IFS=,; echo "${peers[*]}")]"
}

apiUp() { httpOk -X POST "http://$(orgAddress "$org"):$(apiPort "$org")/api/v0/id"; }

if $peeringOnly; then writePeering; exit 0; fi
initRepo
if ! isRunning "$name"; then
  writePeering
  startProcess "$name" env IPFS_PATH="$IPFS_PATH" IPFS_TELEMETRY=off LIBP2P_FORCE_PNET=1 ipfs daemon --migrate=false
fi
waitFor "$name" 30 apiUp || fatalln "$name did not answer on its API in 30 s: see $LOG_DIR/$name.log"
