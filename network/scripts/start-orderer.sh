#!/usr/bin/env bash
# Starts Raft orderer number K (1-based) unless it is already running, and waits for its /healthz.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

k="${1:?usage: start-orderer.sh K}"
name="orderer$k"
dir="$(ordererDir "$k")"
admin="$(ordererAdminTlsDir)"
data="$DATA_DIR/orderers/$name"
address="$(ordererAddress "$k")"
mkdir -p "$data"

if ! isRunning "$name"; then
  startProcess "$name" env \
    FABRIC_CFG_PATH="$SAMPLE_CONFIG" \
    FABRIC_LOGGING_SPEC=INFO \
    ORDERER_GENERAL_LISTENADDRESS="$address" \
    ORDERER_GENERAL_LISTENPORT="$(ordererPort "$k" "$ORDERER_OFFSET")" \
    ORDERER_GENERAL_LOCALMSPID="$ORDERER_MSP" \
    ORDERER_GENERAL_LOCALMSPDIR="$dir/msp" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$dir/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$dir/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$dir/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$dir/tls/ca.crt]" \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="$address:$(ordererPort "$k" "$ORDERER_ADMIN_OFFSET")" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key" \
    ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$dir/tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$admin/ca.crt]" \
    ORDERER_OPERATIONS_LISTENADDRESS="$address:$(ordererPort "$k" "$ORDERER_OPERATIONS_OFFSET")" \
    ORDERER_METRICS_PROVIDER=prometheus \
    ORDERER_FILELEDGER_LOCATION="$data/ledger" \
    ORDERER_CONSENSUS_WALDIR="$data/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$data/etcdraft/snapshot" \
    orderer
fi

waitFor "$name" 30 httpOk "http://$address:$(ordererPort "$k" "$ORDERER_OPERATIONS_OFFSET")/healthz" \
  || fatalln "$name did not become healthy in 30 s: see $LOG_DIR/$name.log"
