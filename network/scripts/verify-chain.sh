#!/usr/bin/env bash
# Checks the embedded ledger's hash chain from the genesis block: "chain OK: N blocks", or exit 4 naming the first
# tampered block. Fabric has no such command here: its peers validate every block they receive themselves.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"

engine="$(requireNetworkEngine)"
[[ "$engine" == embedded ]] \
  || usageln "verify-chain is not available on the Fabric engine (it reads the embedded ledger's store in $DATA_DIR/ledger)"
status=0
answer="$(ledgerTool verify-chain --config "$NETWORK_DIR/network.config" --data "$DATA_DIR")" || status=$?
printf '%s\n' "$answer"
# The jar exits 1 for a tampered chain as for any other failure; only the former is a failed verification.
if ((status != 0)) && [[ "$answer" == "chain TAMPERED"* ]]; then exit "$EXIT_VERIFICATION_FAILED"; fi
exit "$status"
