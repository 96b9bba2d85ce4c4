#!/usr/bin/env bash
# Cuts one host off the LAN (its veth's LAN end goes down: packets to and from it are dropped, no connection is
# reset), as a failed uplink would. Its processes keep running. Usage: partition.sh NODE (an organisation or ordererK)
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=network/multihost/topology.sh
source "$NETWORK_DIR/multihost/topology.sh"

requireRoot
read -r node address _ link _ < <(hostLine "${1:?usage: multihost/partition.sh NODE (an organisation or ordererK)}")
[[ "$node" != admin ]] || usageln "the operator's host is not partitioned: its commands would all fail"
ip -n "$LAN_NS" link set "$link" down
okln "partitioned $node ($address): $LAN_NS $link down at $(date -u +%H:%M:%S.%3N)"
