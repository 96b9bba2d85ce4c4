#!/usr/bin/env bash
# The ledger engine of a network: Fabric (orderer + peer processes, binaries in .tools/bin) or the embedded ledger
# (one JVM playing orderer, peers and gateways of every organisation). Sourced after common.sh.
#
# A network keeps the engine it was created with: `up` records it in DATA_DIR/engine and every other command reads
# it from there, so deploy, status, add-org and the rest never have to be told.
# shellcheck disable=SC2034

ENGINE_FILE="$DATA_DIR/engine"
LEDGER_JAR_GLOB="embedded-ledger-*-all.jar"
FABRIC_TOOLS=(peer orderer configtxgen osnadmin cryptogen)

# fabricInstalled: the Fabric binaries `up` needs and Fabric's sampleconfig are in .tools/.
fabricInstalled() {
  local b
  for b in "${FABRIC_TOOLS[@]}"; do [[ -x "$TOOLS_BIN/$b" ]] || return 1; done
  [[ -f "$SAMPLE_CONFIG/core.yaml" ]]
}

# fabricVersion: what the installed peer says it is (the pinned version when it does not say).
fabricVersion() {
  local v
  v="$("$TOOLS_BIN/peer" version 2>/dev/null | sed -n 's/^ Version: //p' || true)"
  echo "${v:-$FABRIC_VERSION}"
}

# networkEngine: the engine of the network in DATA_DIR, empty when there is none yet. A network created before
# engines existed has no engine file but has the Fabric orderer organisation's crypto material.
networkEngine() {
  if [[ -f "$ENGINE_FILE" ]]; then cat "$ENGINE_FILE"
  elif [[ -d "$CRYPTO_DIR/ordererOrganizations" ]]; then echo fabric
  fi
}

# requireNetworkEngine: the engine of the existing network, or a fatal error when `up` never ran.
requireNetworkEngine() {
  local engine
  engine="$(networkEngine)"
  [[ -n "$engine" && -f "$ORGS_FILE" ]] || usageln "no network: run network/network.sh up first"
  [[ "$engine" == fabric || "$engine" == embedded ]] || usageln "$ENGINE_FILE names no known engine: \"$engine\""
  echo "$engine"
}

# How to get Fabric onto a consortium host; printed wherever Fabric is asked for and missing.
fabricHowTo() {
  cat <<TXT
Install Fabric $FABRIC_VERSION into $TOOLS_BIN on a consortium host, either
  - the official release binaries (peer orderer configtxgen configtxlator osnadmin cryptogen discover) into
    .tools/bin, Fabric's sampleconfig/ at .tools/sampleconfig and the stamps (see docs/operations.md), or
  - network/install-binaries.sh --fabric, which runs go install github.com/hyperledger/fabric/cmd/...@$FABRIC_COMMIT
    where the Go module proxy serves Fabric (the proxy this machine reaches may refuse it);
then network/network.sh up --ledger fabric. Without Fabric, network/network.sh up runs the embedded ledger.
TXT
}

# --- the embedded ledger's jar and HTTP endpoints ------------------------------------------------------------

# ledgerJar: the embedded ledger's shaded jar, built when it is missing, older than the module's sources (as
# ./medfed does for the CLI: a pulled change must not run on an old ledger) or MEDFED_REBUILD is set.
ledgerJar() {
  local jar
  jar="$(find "$ROOT_DIR/embedded-ledger/target" -maxdepth 1 -name "$LEDGER_JAR_GLOB" 2>/dev/null | head -1)"
  if [[ -z "$jar" || -n "${MEDFED_REBUILD:-}" ]] || ledgerJarStale "$jar"; then
    infoln "building the embedded ledger jar" >&2
    (cd "$ROOT_DIR" && ./mvnw -B -q -pl embedded-ledger -am package -DskipTests) >&2
    jar="$(find "$ROOT_DIR/embedded-ledger/target" -maxdepth 1 -name "$LEDGER_JAR_GLOB" | head -1)"
    # A reproducible build leaves an unchanged jar untouched, older than the pom that triggered it: mark it checked,
    # or every later `up` would build it again.
    [[ -z "$jar" ]] || touch "$jar"
  fi
  [[ -n "$jar" ]] || fatalln "no embedded-ledger/target/$LEDGER_JAR_GLOB after the build"
  echo "$jar"
}

ledgerJarStale() {
  [[ -n "$(find "$ROOT_DIR/pom.xml" "$ROOT_DIR/embedded-ledger/pom.xml" "$ROOT_DIR/embedded-ledger/src/main" \
    -newer "$1" -type f -print -quit 2>/dev/null)" ]]
}

# ledgerTool ARGS...: one short run of the ledger jar (crypto, verify-chain), in the foreground.
ledgerTool() {
  local jar
  jar="$(ledgerJar)"
  # shellcheck disable=SC2086
  java $EMBEDDED_LEDGER_JAVA_OPTS -jar "$jar" "$@"
}

opsUrl() { echo "http://$(orgAddress "$1"):$(orgPort "$1" "$PEER_OPERATIONS_OFFSET")"; }
gatewayHealthy() { httpOk "$(opsUrl "$1")/healthz" | grep -q '"OK"'; }

# reloadLedger: the running ledger re-reads orgs.list and the chaincode definition (any organisation's operations
# port serves it: there is one process behind all of them).
reloadLedger() {
  isRunning ledger || fatalln "the embedded ledger is not running: run network/network.sh up"
  curl -fsS --max-time 30 -X POST "$(opsUrl "$(orgList | head -1)")/reload" >/dev/null \
    || fatalln "the embedded ledger refused POST /reload: see $LOG_DIR/ledger.log"
}

# waitForGateway ORG SECONDS: ORG's gateway answers /healthz; fails at once when the ledger process has exited.
waitForGateway() {
  local org="$1" deadline=$((SECONDS + $2))
  until gatewayHealthy "$org" 2>/dev/null; do
    isRunning ledger || fatalln "the embedded ledger exited: see $LOG_DIR/ledger.log"
    ((SECONDS < deadline)) || fatalln "$org's gateway did not become healthy in $2 s: see $LOG_DIR/ledger.log"
    sleep 0.2
  done
}
