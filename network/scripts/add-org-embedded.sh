#!/usr/bin/env bash
# add-org on the embedded ledger (run by add-org.sh): the organisation is appended to orgs.list, gets its crypto
# material, and the running ledger reloads, which opens the new organisation's gateway port and grows the MAJORITY
# endorsement policy to include it. Usage: add-org-embedded.sh NAME
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"

org="${1:?usage: add-org-embedded.sh NAME}"
isRunning ledger || fatalln "the embedded ledger is not running: run network/network.sh up first"
grep -qx "$org" "$ORGS_FILE" || echo "$org" >>"$ORGS_FILE"

infoln "crypto material for $org"
ledgerTool crypto --config "$NETWORK_DIR/network.config" --data "$DATA_DIR" >>"$LOG_DIR/ledger-tool.log" 2>&1 \
  || fatalln "the embedded ledger could not write $org's crypto material: see $LOG_DIR/ledger-tool.log"
writeTlsBundle

infoln "$(orgMsp "$org") joins the embedded ledger"
reloadLedger
waitForGateway "$org" 60
