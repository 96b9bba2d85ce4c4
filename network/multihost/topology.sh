#!/usr/bin/env bash
# The multi-host rehearsal's topology (docs/operations.md, "Rehearsing a multi-host consortium"), sourced by the
# scripts beside it after network/scripts/common.sh. Every host is a network namespace with one address on a
# private /24, joined by a veth pair to one bridge, which lives in a namespace of its own (the LAN):
#   PREFIX-lan        the switch: bridge br0 and the LAN end of every host's veth (v-admin, v-oK, v-pI)
#   PREFIX-admin      the operator's host, SUBNET.1: runs network.sh, the medfed CLI and the tests
#   PREFIX-ordererK   Raft orderer K, SUBNET.(10+K)
#   PREFIX-<org>      organisation number I's peer, chaincode server and Kubo node, SUBNET.(101+I)
# Each namespace resolves every node's TLS name (peer0.<org>.medfed.local, ordererK.orderer.medfed.local) through
# /etc/netns/NAMESPACE/hosts, which `ip netns exec` puts in place of /etc/hosts.
# MEDFED_MULTIHOST_PREFIX (default mfh) and MEDFED_MULTIHOST_SUBNET (default 10.77.0) move it.
# shellcheck disable=SC2034

MULTIHOST_PREFIX="${MEDFED_MULTIHOST_PREFIX:-mfh}"
MULTIHOST_SUBNET="${MEDFED_MULTIHOST_SUBNET:-10.77.0}"
[[ "$MULTIHOST_PREFIX" =~ ^[a-z][a-z0-9]{0,7}$ ]] \
  || usageln "MEDFED_MULTIHOST_PREFIX: 1 to 8 lower-case letters or digits"
[[ "$MULTIHOST_SUBNET" =~ ^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] \
  || usageln "MEDFED_MULTIHOST_SUBNET: three octets, e.g. 10.77.0"
LAN_NS="$MULTIHOST_PREFIX-lan"
ADMIN_NS="$MULTIHOST_PREFIX-admin"
BRIDGE=br0

# hostLines: one line per host, "NODE ADDRESS NAMESPACE LAN_LINK NAME", the admin's first. NODE is what
# DATA_DIR/node-hosts keys (an organisation in lower case, or ordererK); NAME the host name the others dial.
hostLines() {
  local k n i=0 org lo
  echo "admin $MULTIHOST_SUBNET.1 $ADMIN_NS v-admin admin.$DOMAIN"
  n="$(ordererCount)"
  for ((k = 1; k <= n; k++)); do
    echo "orderer$k $MULTIHOST_SUBNET.$((10 + k)) $MULTIHOST_PREFIX-orderer$k v-o$k $(ordererHost "$k")"
  done
  while read -r org; do
    lo="$(orgLower "$org")"
    echo "$lo $MULTIHOST_SUBNET.$((101 + i)) $MULTIHOST_PREFIX-$lo v-p$i $(peerHost "$org")"
    i=$((i + 1))
  done < <(orgList)
}

# hostLine NODE: NODE's line (an organisation by any case, ordererK or admin); a usage error when there is none.
hostLine() {
  local node line
  node="$(orgLower "$1")"
  line="$(hostLines | awk -v n="$node" '$1 == n')"
  [[ -n "$line" ]] || usageln "no host $1 in this topology: $(hostLines | awk '{ print $1 }' | paste -sd' ' -)"
  echo "$line"
}

requireRoot() {
  [[ "$(id -u)" == 0 ]] || usageln "the multi-host rehearsal creates network namespaces and veth pairs: run it as root"
  command -v ip >/dev/null || usageln "ip (iproute2) is needed: apt-get install iproute2"
}

# inAdmin CMD...: CMD on the operator's host, with the network's environment (MEDFED_NETWORK_DATA, ...).
inAdmin() { ip netns exec "$ADMIN_NS" "$@"; }

nsExists() { ip netns list | awk '{ print $1 }' | grep -qx "$1"; }
