#!/usr/bin/env bash
# The chaincode lifecycle on the embedded ledger, for deploy.sh (sourced after common.sh, chaincode-server.sh and
# engine.sh). The ledger needs no installed package and no approvals: the definition it runs is
# DATA_DIR/chaincode/definition.properties (name, version, sequence), which it re-reads on POST /reload; each
# organisation's chaincode server is found at its CHAINCODE_SERVER port, as the package's connection.json says.

DEFINITION="$DATA_DIR/chaincode/definition.properties"

lifecycleReady() {
  isRunning ledger || fatalln "the embedded ledger is not running: run network/network.sh up first"
}

lifecycleInstall() { :; }
lifecycleApprove() { :; }

# lifecycleCommitted FIELD -> version or sequence of the current definition, empty when there is none
lifecycleCommitted() {
  if [[ -f "$DEFINITION" ]]; then sed -n "s/^$1=//p" "$DEFINITION" | head -1; fi
}

# lifecycleCommit VERSION SEQUENCE: the new definition, written atomically (a reader never sees half a file).
lifecycleCommit() {
  local tmp="$DEFINITION.tmp.$$"
  printf 'name=%s\nversion=%s\nsequence=%s\n' "$CHAINCODE_NAME" "$1" "$2" >"$tmp"
  mv -f "$tmp" "$DEFINITION"
  reloadLedger
}

# The ledger may have been restarted since the definition was written, or an earlier reload failed: re-reading the
# same definition is harmless.
lifecycleRefresh() { reloadLedger; }
