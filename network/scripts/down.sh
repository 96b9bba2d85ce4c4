#!/usr/bin/env bash
# Stops only the processes this network started (by PID file and process tag), on either engine; keeps ledgers
# and IPFS repos.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -d "$PID_DIR" ]] || { infoln "nothing to stop"; exit 0; }
# Clients first, orderers last, so nothing logs spurious errors about a vanished orderer; the embedded ledger (one
# process for orderer and peers) after the chaincode servers it calls.
for prefix in chaincode ipfs peer ledger orderer; do
  for f in "$PID_DIR/$prefix"*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    stopProcess "$name"
    echo "stopped $name"
  done
done
okln "network down (data kept in $DATA_DIR)"
