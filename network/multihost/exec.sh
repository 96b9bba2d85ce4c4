#!/usr/bin/env bash
# Runs a command on the multi-host rehearsal's operator host (its namespace, its /etc/hosts), where every node's
# name resolves: network/network.sh status, ./medfed ..., a test run. Usage: exec.sh CMD [ARGS...]
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=network/multihost/topology.sh
source "$NETWORK_DIR/multihost/topology.sh"

(($#)) || usageln "usage: multihost/exec.sh CMD [ARGS...]"
requireRoot
nsExists "$ADMIN_NS" || usageln "no multi-host topology ($ADMIN_NS): run network/multihost/up.sh first"
exec ip netns exec "$ADMIN_NS" "$@"
