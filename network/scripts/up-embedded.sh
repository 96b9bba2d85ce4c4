#!/usr/bin/env bash
# `up` on the embedded ledger (run by up.sh, which chose the engine): one JVM that is the orderer and every
# organisation's peer and gateway, plus the Kubo swarm and the profiles. Needs a JDK and Go (for Kubo), no Fabric.
# Idempotent: crypto material is kept, a running ledger is left alone, and after `down` it resumes from
# DATA_DIR/ledger.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"
S="$NETWORK_DIR/scripts"

"$NETWORK_DIR/install-binaries.sh" --kubo-only >/dev/null
jar="$(ledgerJar)"

infoln "crypto material (cryptogen's layout, made by the embedded ledger)"
ledgerTool crypto --config "$NETWORK_DIR/network.config" --data "$DATA_DIR" >>"$LOG_DIR/ledger-tool.log" 2>&1 \
  || fatalln "the embedded ledger could not write the crypto material: see $LOG_DIR/ledger-tool.log"
writeTlsBundle

# The ledger JVM starts while the Kubo nodes start; its health is checked once they are up.
infoln "embedded ledger (orderer, peers and gateways of $(orgList | paste -sd' ' -))"
# shellcheck disable=SC2086
startProcess ledger java $EMBEDDED_LEDGER_JAVA_OPTS -jar "$jar" serve --config "$NETWORK_DIR/network.config" \
  --data "$DATA_DIR"

"$S/start-swarm.sh"

while read -r org; do waitForGateway "$org" 90; done < <(orgList)

"$S/profiles.sh"
okln "network up (embedded ledger): channel $CHANNEL, orgs $(orgList | paste -sd' ' -); profiles in $DATA_DIR/profiles"
