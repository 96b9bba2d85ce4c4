#!/usr/bin/env bash
# Starts (or resumes) every organisation's Kubo node and connects them into the private swarm.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -x "$TOOLS_BIN/ipfs" ]] || usageln "ipfs is not installed in $TOOLS_BIN: run network/install-binaries.sh --kubo-only"
infoln "Kubo private swarm"
while read -r org; do "$NETWORK_DIR/scripts/start-ipfs.sh" "$org"; done < <(orgList)
"$NETWORK_DIR/scripts/ipfs-connect.sh"
