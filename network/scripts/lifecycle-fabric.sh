#!/usr/bin/env bash
# The chaincode lifecycle on Fabric, for deploy.sh (sourced after common.sh and chaincode-server.sh): packages
# installed on every peer, the definition approved by every organisation and committed with the channel's
# MAJORITY endorsement policy, all through the peer CLI as each organisation's admin.

lifecycleReady() { requireBinaries; }
lifecycleRefresh() { :; }

# lifecycleInstall ORG PACKAGE_FILE PACKAGE_ID
lifecycleInstall() {
  local org="$1" file="$2" id="$3"
  useOrgAdmin "$org"
  if peer lifecycle chaincode queryinstalled 2>/dev/null | grep -qF "Package ID: $id,"; then return 0; fi
  local out i
  for ((i = 0; i < 5; i++)); do
    # A peer that just restarted may miss the query above and then report the package as already there.
    if out="$(peer lifecycle chaincode install "$file" 2>&1)" || grep -q "already successfully installed" <<<"$out"; then
      echo "$out" >>"$LOG_DIR/peer-cli.log"
      return 0
    fi
    echo "$out" >>"$LOG_DIR/peer-cli.log"
    sleep 1
  done
  fatalln "installing $file on $org's peer failed: see $LOG_DIR/peer-cli.log"
}

# lifecycleCommitted FIELD -> version or sequence of the committed definition, empty when nothing is committed
lifecycleCommitted() {
  useOrgAdmin "$(orgList | head -1)"
  peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE_NAME" -O json 2>/dev/null \
    | sed -n "s/.*\"$1\": *\"\{0,1\}\([^,\"]*\)\"\{0,1\},*$/\1/p" | head -1 || true
}

# lifecycleApprove ORG VERSION SEQUENCE PACKAGE_ID
lifecycleApprove() {
  useOrgAdmin "$1"
  # Approving the same definition twice is refused ("attempted to redefine"): skip what this org approved.
  if peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CHAINCODE_NAME" --sequence "$3" -O json 2>/dev/null \
      | grep -q "\"version\": \"$2\""; then return 0; fi
  local i
  for ((i = 0; i < 5; i++)); do
    # shellcheck disable=SC2046
    if peer lifecycle chaincode approveformyorg $(ordererArgs) -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$2" \
        --sequence "$3" --package-id "$4" >>"$LOG_DIR/peer-cli.log" 2>&1; then return 0; fi
    sleep 1
  done
  fatalln "$1 could not approve $CHAINCODE_NAME $2 (sequence $3): see $LOG_DIR/peer-cli.log"
}

# lifecycleCommit VERSION SEQUENCE
lifecycleCommit() {
  local args=() org
  while read -r org; do
    args+=(--peerAddresses "$(peerEndpoint "$org")" --tlsRootCertFiles "$(peerTlsCa "$org")")
  done < <(orgList)
  useOrgAdmin "$(orgList | head -1)"
  # shellcheck disable=SC2046
  peer lifecycle chaincode commit $(ordererArgs) -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$1" --sequence "$2" \
    "${args[@]}" >>"$LOG_DIR/peer-cli.log" 2>&1 || fatalln "commit of $CHAINCODE_NAME $1 failed: see $LOG_DIR/peer-cli.log"
}
