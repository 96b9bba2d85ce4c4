#!/usr/bin/env bash
# Crypto material with cryptogen (NodeOUs on, so admin/client/peer/orderer roles are distinguishable).
#   crypto.sh orderers N   - the orderer organisation with N Raft nodes
#   crypto.sh org NAME     - a peer organisation with one peer, an Admin and one User, then (the embedded ledger's
#                            tool) a client Revoked1 and the organisation's CRL revoking it in msp/crls/, which
#                            configtxgen puts into the channel's MSP: the network's test of revocation
# Existing material is kept: a network's identities never change under it. Everything is its owner's only.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"

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
  ownerOnly "$CRYPTO_DIR"
}

# revokeTestIdentity ORG: Revoked1 and the CRL, unless the CRL exists (a crash in between is finished next time).
revokeTestIdentity() {
  [[ -d "$(orgMspDir "$1")/crls" ]] && return 0
  ledgerTool revoke-test-identity --config "$NETWORK_DIR/network.config" --data "$DATA_DIR" --org "$1" \
    >>"$LOG_DIR/ledger-tool.log" 2>&1 || fatalln "could not revoke $1's test identity: see $LOG_DIR/ledger-tool.log"
  ownerOnly "$CRYPTO_DIR"
}

case "${1:-}" in
  orderers)
    if [[ -d "$(ordererDir 1)" ]]; then exit 0; fi
    writeOrdererSpec "$2" | generate orderers
    ;;
  org)
    if [[ ! -d "$(peerDir "$2")" ]]; then writeOrgSpec "$2" | generate "$(orgLower "$2")"; fi
    mkdir -p "$LOG_DIR"
    revokeTestIdentity "$2"
    ;;
  *) usageln "usage: crypto.sh orderers N | org NAME" ;;
esac
