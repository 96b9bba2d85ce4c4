#!/usr/bin/env bash
# Starting one organisation's chaincode server; sourced by deploy.sh and restart-chaincode.sh after common.sh.
#
# Extra environment per organisation: MEDFED_CC_ENV_<ORG> (the organisation's name upper-cased, every other
# character than A-Z and 0-9 as _) holds space-separated NAME=VALUE words passed to that organisation's server,
# e.g. MEDFED_CC_ENV_WEARABLE="MEDFED_TEST_DIVERGE=true". Only the real-network aggregation test uses it, to make
# one organisation's aggregator diverge (MEDFED_TEST_DIVERGE exists for that endorsement-mismatch test only).
# shellcheck disable=SC2034

CC_DIR="$DATA_DIR/chaincode"

# serverExtraEnv ORG: the validated NAME=VALUE words of MEDFED_CC_ENV_<ORG>, one per line (empty when unset).
serverExtraEnv() {
  local var word
  var="MEDFED_CC_ENV_$(tr '[:lower:]' '[:upper:]' <<<"$1" | tr -c 'A-Z0-9\n' '_')"
  for word in ${!var:-}; do
    [[ "$word" =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*$ ]] || fatalln "$var: \"$word\" is not NAME=VALUE"
    echo "$word"
  done
}

# runServer ORG PACKAGE_ID JAR VERSION: (re)start ORG's chaincode server now, with its extra environment.
runServer() {
  local org="$1" id="$2" jar="$3" version="$4" name lo port extra=()
  lo="$(orgLower "$org")"; name="chaincode-$lo"
  port="$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")"
  mapfile -t extra < <(serverExtraEnv "$org")
  stopProcess "$name"
  echo "$id" >"$CC_DIR/$lo/package.id"
  printf '%s\n' "${extra[@]}" | sed '/^$/d' >"$CC_DIR/$lo/server.env"
  # shellcheck disable=SC2086
  startProcess "$name" env \
    CHAINCODE_SERVER_ADDRESS="127.0.0.1:$port" \
    CORE_CHAINCODE_ID_NAME="$id" \
    MEDFED_CHAINCODE_VERSION="$version" \
    MEDFED_ORG_MSP="$(orgMsp "$org")" \
    MEDFED_IPFS_API="http://127.0.0.1:$(orgPort "$org" "$IPFS_API_OFFSET")" \
    "${extra[@]}" \
    java $CHAINCODE_JAVA_OPTS -jar "$jar"
}
