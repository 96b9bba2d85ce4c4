#!/usr/bin/env bash
# Starts the peer of organisation ORG unless it is already running, and waits for its /healthz.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

org="${1:?usage: start-peer.sh ORG}"
name="peer-$(orgLower "$org")"
dir="$(peerDir "$org")"
port="$(peerPort "$org")"
address="$(orgAddress "$org")"
endpoint="$(peerEndpoint "$org")"
data="$DATA_DIR/peers/$(orgLower "$org")"
mkdir -p "$data"

if ! isRunning "$name"; then
  startProcess "$name" env \
    FABRIC_CFG_PATH="$SAMPLE_CONFIG" \
    FABRIC_LOGGING_SPEC="INFO:gossip=WARN" \
    CORE_PEER_ID="$(peerHost "$org")" \
    CORE_PEER_LISTENADDRESS="$address:$port" \
    CORE_PEER_ADDRESS="$endpoint" \
    CORE_PEER_CHAINCODELISTENADDRESS="$address:$(orgPort "$org" "$PEER_CHAINCODE_OFFSET")" \
    CORE_PEER_CHAINCODEADDRESS="$address:$(orgPort "$org" "$PEER_CHAINCODE_OFFSET")" \
    CORE_PEER_GOSSIP_BOOTSTRAP="$endpoint" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="$endpoint" \
    CORE_PEER_GOSSIP_RECONNECTINTERVAL=3s \
    CORE_PEER_DELIVERYCLIENT_RECONNECTBACKOFFTHRESHOLD=10s \
    CORE_PEER_LOCALMSPID="$(orgMsp "$org")" \
    CORE_PEER_MSPCONFIGPATH="$dir/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$TLS_CA_BUNDLE" \
    CORE_PEER_FILESYSTEMPATH="$data" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$data/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="$address:$(orgPort "$org" "$PEER_OPERATIONS_OFFSET")" \
    CORE_METRICS_PROVIDER=prometheus \
    CORE_VM_ENDPOINT="" \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas, path: $NETWORK_DIR/ccaas, propagateEnvironment: []}]" \
    peer node start
fi

waitFor "$name" 30 httpOk "http://$address:$(orgPort "$org" "$PEER_OPERATIONS_OFFSET")/healthz" \
  || fatalln "$name did not become healthy in 30 s: see $LOG_DIR/$name.log"
