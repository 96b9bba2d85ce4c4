#!/usr/bin/env bash
# The multi-host rehearsal: every organisation (peer, chaincode server, Kubo node) and every orderer on a host of its
# own (topology.sh), then `network.sh up --ledger fabric` run on the operator's host, which starts each process in
# its host's namespace (DATA_DIR/node-hosts). Idempotent: an existing topology and network are resumed.
#   up.sh [--orderers 1|3|5] [--deploy | --topology-only]
# As root, from the host's mount namespace (not inside `ip netns exec`) when the topology has to be made: names of
# namespaces added in there vanish with it. --deploy also runs network.sh deploy; --topology-only makes the hosts
# and node-hosts and starts nothing (a test run on the operator's host then brings the network up itself).
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"
# shellcheck source=network/multihost/topology.sh
source "$NETWORK_DIR/multihost/topology.sh"

orderers=3
deploy=false
topologyOnly=false
while (($#)); do
  case "$1" in
    --orderers) orderers="${2:?--orderers needs a number}"; shift 2 ;;
    --deploy) deploy=true; shift ;;
    --topology-only) topologyOnly=true; shift ;;
    *) usageln "unknown option $1 (usage: multihost/up.sh [--orderers 1|3|5] [--deploy | --topology-only])" ;;
  esac
done
[[ "$orderers" =~ ^[135]$ ]] || usageln "--orderers must be 1, 3 or 5"
requireRoot
fabricInstalled \
  || usageln "the multi-host rehearsal runs Fabric: its binaries are not in $TOOLS_BIN (docs/operations.md)"
if [[ -f "$ORGS_FILE" ]] && ! multiHost; then
  usageln "$DATA_DIR holds a network on one host: network/network.sh clean first (or MEDFED_NETWORK_DATA elsewhere)"
fi
# A network that exists keeps its orderers (ordererCount reads its file); a new one gets --orderers.
ORDERERS="$orderers"

# ip netns add mounts the new namespace on /run/netns/NAME; from a mount namespace that does not share /run/netns
# with the host's (inside `ip netns exec`: a slave) that mount, and so the name, would vanish with this script.
newNamespace() {
  if [[ -d /run/netns ]] && [[ "$(findmnt -no PROPAGATION /run/netns 2>/dev/null || echo shared)" != shared* ]]; then
    usageln "cannot add namespace $1 from here (/run/netns is not shared with the host's mount namespace): run" \
      "network/multihost/up.sh from the host's shell, not inside ip netns exec"
  fi
  ip netns add "$1"
}

# A namespace for NODE, its veth pair to the bridge and its address; what exists is kept.
plugIn() { # NODE ADDRESS NAMESPACE LAN_LINK
  local ns="$3" link="$4"
  nsExists "$ns" || newNamespace "$ns"
  ip -n "$ns" link set lo up
  if ! ip -n "$LAN_NS" link show "$link" >/dev/null 2>&1; then
    ip -n "$LAN_NS" link add "$link" type veth peer name eth0 netns "$ns"
    ip -n "$LAN_NS" link set "$link" master "$BRIDGE"
    ip -n "$ns" addr add "$2/24" dev eth0
  fi
  ip -n "$ns" link set eth0 up
  ip -n "$LAN_NS" link set "$link" up
}

infoln "hosts: one network namespace each, on bridge $BRIDGE in $LAN_NS ($MULTIHOST_SUBNET.0/24)"
nsExists "$LAN_NS" || newNamespace "$LAN_NS"
ip -n "$LAN_NS" link show "$BRIDGE" >/dev/null 2>&1 || ip -n "$LAN_NS" link add "$BRIDGE" type bridge
ip -n "$LAN_NS" link set "$BRIDGE" up
hosts="$(mktemp)"
trap 'rm -f "$hosts"' EXIT
{
  echo "127.0.0.1 localhost"
  echo "::1 localhost ip6-localhost ip6-loopback"
  hostLines | awk '{ print $2, $5 }'
} >"$hosts"
while read -r node address ns link name; do
  plugIn "$node" "$address" "$ns" "$link"
  mkdir -p "/etc/netns/$ns"
  cp "$hosts" "/etc/netns/$ns/hosts"
  printf '  %-12s %-15s %-18s %s\n' "$node" "$address" "$ns" "$name"
done < <(hostLines)
if $topologyOnly; then
  okln "multi-host topology up ($(ordererCount) orderer(s)); the operator's host: network/multihost/exec.sh CMD..."
  exit 0
fi
mkdir -p "$DATA_DIR" "$LOG_DIR"
[[ -f "$ORGS_FILE" ]] || tr ',' '\n' <<<"$ORGS" >"$ORGS_FILE"
[[ -f "$ORDERERS_FILE" ]] || echo "$orderers" >"$ORDERERS_FILE"
# The operator's host runs no node process: node-hosts lists the nodes only.
hostLines | awk '$1 != "admin" { print $1, $2, $3 }' >"$NODE_HOSTS_FILE"

inAdmin "$NETWORK_DIR/network.sh" up --ledger fabric --orderers "$(ordererCount)"
if $deploy; then inAdmin "$NETWORK_DIR/network.sh" deploy; fi
okln "multi-host rehearsal up: run commands on the operator's host with network/multihost/exec.sh CMD..."
