#!/usr/bin/env bash
# Stops the multi-host rehearsal: the network's processes (network.sh down: only those it started; data kept), then
# the topology up.sh made (its namespaces, veth pairs, bridge and /etc/netns entries). `network.sh clean` afterwards
# deletes the data too; up.sh after down resumes.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=network/multihost/topology.sh
source "$NETWORK_DIR/multihost/topology.sh"

requireRoot
"$NETWORK_DIR/network.sh" down
# Every namespace named PREFIX-* is the topology's (also hosts of a network whose data is gone); deleting one
# deletes the veth ends in it, and so their LAN ends.
while read -r ns; do
  ip netns delete "$ns"
  rm -rf "/etc/netns/$ns"
done < <(ip netns list | awk -v p="$MULTIHOST_PREFIX-" 'index($1, p) == 1 { print $1 }')
okln "multi-host topology removed ($MULTIHOST_PREFIX-*)"
