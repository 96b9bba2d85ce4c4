#!/usr/bin/env bash
# Health of every process of the network, on either engine; exits 2 (unavailable) when any is down.
# Each organisation's row is named peer-<org> on both engines: its own peer on Fabric, its gateway inside the
# embedded ledger's one process (whose RSS shows on the ledger row).
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"

down=0
# Resident memory of the process we started under NAME, if it runs.
rss() {
  local pid
  isRunning "$1" || return 0
  pid="$(cat "$(pidFile "$1")")"
  awk '/^VmRSS:/ {printf "%5.0f MiB", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || true
}
report() { # NAME OK? DETAIL
  if [[ "$2" == ok ]]; then printf '  %-20s \033[0;32mUP\033[0m    %-9s  %s\n' "$1" "$(rss "$1")" "$3"
  else printf '  %-20s \033[0;31mDOWN\033[0m  %-9s  %s\n' "$1" "" "$3"; down=$((down + 1)); fi
}
check() { # NAME DETAIL CMD...
  local name="$1" detail="$2"; shift 2
  if "$@" >/dev/null 2>&1; then report "$name" ok "$detail"; else report "$name" down "$detail"; fi
}

[[ -f "$ORGS_FILE" ]] || { echo "no network here (run network/network.sh up)"; exit "$EXIT_USAGE"; }
engine="$(networkEngine)"
echo "ledger engine: ${engine:-none (Kubo swarm only)}"
if [[ "$engine" == fabric ]]; then
  n="$(ordererCount)"
  for ((k = 1; k <= n; k++)); do
    url="http://$(ordererAddress "$k"):$(ordererPort "$k" "$ORDERER_OPERATIONS_OFFSET")/healthz"
    check "orderer$k" "$url" httpOk "$url"
  done
elif [[ "$engine" == embedded ]]; then
  check ledger "orderer, peers and gateways in one JVM ($LOG_DIR/ledger.log)" isRunning ledger
fi
while read -r org; do
  lo="$(orgLower "$org")"
  if [[ -n "$engine" ]]; then
    url="$(opsUrl "$org")/healthz"
    if [[ "$engine" == fabric ]]; then check "peer-$lo" "$url" httpOk "$url"
    else check "peer-$lo" "gateway 127.0.0.1:$(peerPort "$org") $url" gatewayHealthy "$org"; fi
  fi
  url="http://$(orgAddress "$org"):$(orgPort "$org" "$IPFS_API_OFFSET")/api/v0/id"
  check "ipfs-$lo" "$url" httpOk -X POST "$url"
  if [[ -f "$DATA_DIR/chaincode/$lo/package.id" ]]; then
    port="$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")"
    check "chaincode-$lo" "$(orgAddress "$org"):$port" portOpen "$port" "$(orgAddress "$org")"
  fi
done < <(orgList)
((down == 0)) || { echo "$down process(es) down"; exit "$EXIT_UNAVAILABLE"; }
