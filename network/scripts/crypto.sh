#!/usr/bin/env bash
# Crypto material with cryptogen (NodeOUs on, so admin/client/peer/orderer roles are distinguishable).
#   crypto.sh orderers N   - the orderer organisation with N Raft nodes
#   crypto.sh org NAME     - a peer organisation with one peer, an Admin and one User
# Existing material is kept: a network's identities never change under it.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

writeOrdererSpec() {
  local n="$1" k
  echo "OrdererOrgs:"
  echo "  - Name: Orderer"
  echo "    Domain: $ORDERER_DOMAIN"
  echo "    EnableNodeOUs: true"
  echo "    Specs:"
  for ((k = 1; k <= n; k++)); do
    echo "      - Hostname: orderer$k"
    echo "        SANS: [localhost, 127.0.0.1]"
  done
}

writeOrgSpec() {
  cat <<YAML
PeerOrgs:
  - Name: $1
    Domain: $(orgDomain "$1")
    EnableNodeOUs: true
    Specs:
      - Hostname: peer0
        SANS: [localhost, 127.0.0.1]
    Users:
      Count: 1
YAML
}

generate() {
  local spec="$CONFIG_DIR/crypto-$1.yaml"
  mkdir -p "$CONFIG_DIR" "$CRYPTO_DIR"
  cat >"$spec"
  cryptogen generate --config="$spec" --output="$CRYPTO_DIR" >/dev/null
}

case "${1:-}" in
  orderers)
    if [[ -d "$(ordererDir 1)" ]]; then exit 0; fi
    writeOrdererSpec "$2" | generate orderers
    ;;
  org)
    if [[ -d "$(peerDir "$2")" ]]; then exit 0; fi
    writeOrgSpec "$2" | generate "$(orgLower "$2")"
    ;;
  *) usageln "usage: crypto.sh orderers N | org NAME" ;;
esac
