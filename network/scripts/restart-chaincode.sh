#!/usr/bin/env bash
# Restarts one organisation's chaincode server with the deployed package and jar, taking its extra environment and
# class path from MEDFED_CC_ENV_<ORG> and MEDFED_CC_CLASSPATH_<ORG> now (see chaincode-server.sh); waits until it
# listens. Usage: restart-chaincode.sh ORG
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/chaincode-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/chaincode-server.sh"

org="${1:?usage: network.sh restart-chaincode ORG}"
orgIndex "$org" >/dev/null
serverExtraEnv "$org" >/dev/null
lo="$(orgLower "$org")"
for f in package.id server.jar server.version; do
  [[ -s "$CC_DIR/$lo/$f" ]] || usageln "$org has no deployed chaincode server ($CC_DIR/$lo/$f): run network.sh deploy"
done
runServer "$org" "$(cat "$CC_DIR/$lo/package.id")" "$(cat "$CC_DIR/$lo/server.jar")" "$(cat "$CC_DIR/$lo/server.version")"
port="$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")"
waitFor "chaincode-$lo" 90 portOpen "$port" "$(orgAddress "$org")" || fatalln "chaincode-$lo did not listen on $port in 90 s: see $LOG_DIR/chaincode-$lo.log"
okln "chaincode-$lo restarted$(sed 's/^/ /' "$CC_DIR/$lo/server.env" | paste -sd, -)"
