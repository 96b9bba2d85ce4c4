#!/usr/bin/env bash
# Stops the network and deletes everything it generated: crypto, ledgers, IPFS repos, profiles, logs.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$NETWORK_DIR/scripts/down.sh" >/dev/null
rm -rf "$DATA_DIR" "$LOG_DIR"
okln "network cleaned"
