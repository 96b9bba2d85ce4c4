#!/usr/bin/env bash
# Puts a partitioned host back on the LAN (its veth's LAN end up again). Usage: heal.sh NODE
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=network/multihost/topology.sh
source "$NETWORK_DIR/multihost/topology.sh"

requireRoot
read -r node address _ link _ < <(hostLine "${1:?usage: multihost/heal.sh NODE (an organisation or ordererK)}")
ip -n "$LAN_NS" link set "$link" up
okln "healed $node ($address): $LAN_NS $link up at $(date -u +%H:%M:%S.%3N)"
