#!/usr/bin/env bash
# Starting one organisation's chaincode server; sourced by deploy.sh and restart-chaincode.sh after common.sh.
#
# Extra environment per organisation: MEDFED_CC_ENV_<ORG> (the organisation's name upper-cased, every other
# character than A-Z and 0-9 as _) holds space-separated NAME=VALUE words passed to that organisation's server,
# e.g. MEDFED_CC_ENV_WEARABLE="MEDFED_IPFS_API=http://127.0.0.1:5999".
# MEDFED_CC_CLASSPATH_<ORG> (same naming) holds jars, ':'-separated, put before the deployed server jar on that
# server's class path. Only the real-network aggregation test uses it: chaincode-*-diverging.jar (test code, never
# deployed) makes one organisation's aggregate differ, to provoke an endorsement mismatch.
# shellcheck disable=SC2034

CC_DIR="$DATA_DIR/chaincode"

# orgVariable PREFIX ORG: the name of ORG's variable PREFIX<ORG>.
orgVariable() {
  echo "$1$(tr '[:lower:]' '[:upper:]' <<<"$2" | tr -c 'A-Z0-9\n' '_')"
}

# serverExtraEnv ORG: the validated NAME=VALUE words of MEDFED_CC_ENV_<ORG>, one per line (empty when unset).
serverExtraEnv() {
  local var word
  var="$(orgVariable MEDFED_CC_ENV_ "$1")"
  for word in ${!var:-}; do
    [[ "$word" =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*$ ]] || usageln "$var: \"$word\" is not NAME=VALUE"
    echo "$word"
  done
}

# serverClasspath ORG JAR: JAR behind the existing jars of MEDFED_CC_CLASSPATH_<ORG>.
serverClasspath() {
  local var entry entries
  var="$(orgVariable MEDFED_CC_CLASSPATH_ "$1")"
  IFS=: read -ra entries <<<"${!var:-}"
  for entry in "${entries[@]}"; do
    [[ -f "$entry" ]] || usageln "$var: $entry is not a file"
  done
  echo "${!var:+${!var}:}$2"
}

# serverSettings ORG JAR: what server.env records of a server's start, so deploy.sh sees when it changed.
serverSettings() {
  local classpath
  serverExtraEnv "$1"
  classpath="$(serverClasspath "$1" "$2")"
  [[ "$classpath" == "$2" ]] || echo "classpath=$classpath"
}

# subsetKeyFile ORG: where ORG's subset member key lives (docs/non-iid.md): its chaincode server opens shared-subset
# rows with it, and `medfed subset register-key --key FILE` puts its public half on the ledger.
subsetKeyFile() { echo "$DATA_DIR/subset/$(orgLower "$1").key"; }

# ensureSubsetKey ORG: an X25519 key for ORG, made once (owner-only, base64 of 32 random bytes: any 32 bytes are an
# X25519 private scalar, the format of fl-common's MemberKeys) and kept until `network.sh clean`: rows sealed to it
# open only with it.
ensureSubsetKey() {
  local file
  file="$(subsetKeyFile "$1")"
  [[ -s "$file" ]] && return 0
  (umask 077; mkdir -p "$(dirname "$file")"; head -c 32 /dev/urandom | base64 -w0 >"$file"; echo >>"$file")
}

# runServer ORG PACKAGE_ID JAR VERSION: (re)start ORG's chaincode server now, with its extra environment and class
# path. With extra jars the main class is named (the server jar's own), since -cp ignores a jar's manifest.
runServer() {
  local org="$1" id="$2" jar="$3" version="$4" name lo port classpath launch extra=()
  lo="$(orgLower "$org")"; name="chaincode-$lo"
  classpath="$(serverClasspath "$org" "$jar")"
  launch=(-jar "$jar")
  [[ "$classpath" == "$jar" ]] || launch=(-cp "$classpath" org.hyperledger.fabric.contract.ContractRouter)
  port="$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")"
  mapfile -t extra < <(serverExtraEnv "$org")
  stopProcess "$name"
  ensureSubsetKey "$org"
  echo "$id" >"$CC_DIR/$lo/package.id"
  serverSettings "$org" "$jar" >"$CC_DIR/$lo/server.env"
  # shellcheck disable=SC2086
  startProcess "$name" env \
    CHAINCODE_SERVER_ADDRESS="$(orgAddress "$org"):$port" \
    CORE_CHAINCODE_ID_NAME="$id" \
    MEDFED_CHAINCODE_VERSION="$version" \
    MEDFED_ORG_MSP="$(orgMsp "$org")" \
    MEDFED_IPFS_API="http://$(orgAddress "$org"):$(orgPort "$org" "$IPFS_API_OFFSET")" \
    MEDFED_SUBSET_KEY="$(subsetKeyFile "$org")" \
    "${extra[@]}" \
    java $CHAINCODE_JAVA_OPTS "${launch[@]}"
}
