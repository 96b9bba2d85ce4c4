#!/usr/bin/env bash
# Deploys the medfed chaincode as a service (CCaaS): one chaincode server process per organisation (each
# wired to its own Kubo node), packages installed on every peer, the definition approved by every organisation
# and committed with the channel's MAJORITY endorsement policy. A changed jar is a new version and sequence:
# an upgrade that keeps the ledger. Running it again with the same jar only makes sure everything runs.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/chaincode-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/chaincode-server.sh"

findJar() {
  local jar="${JAR_OVERRIDE:-}"
  if [[ -n "$jar" ]]; then [[ -f "$jar" ]] || fatalln "no such jar: $jar"; echo "$jar"; return; fi
  jar="$(find "$ROOT_DIR/chaincode/target" -maxdepth 1 -name 'chaincode-*-server.jar' 2>/dev/null | head -1)"
  if [[ -z "$jar" || -n "${MEDFED_REBUILD:-}" ]]; then
    infoln "building the chaincode jar" >&2
    (cd "$ROOT_DIR" && ./mvnw -B -q -pl chaincode -am package -DskipTests) >&2
    jar="$(find "$ROOT_DIR/chaincode/target" -maxdepth 1 -name 'chaincode-*-server.jar' | head -1)"
  fi
  echo "$jar"
}

# package ORG LABEL: a CCaaS package pointing at ORG's chaincode server; prints the package id.
package() {
  local org="$1" label="$2" dir work
  dir="$CC_DIR/$(orgLower "$org")"
  work="$dir/pkg"
  rm -rf "$work"; mkdir -p "$work/src"
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":false}\n' \
    "$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")" >"$work/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/metadata.json"
  # Reproducible tarballs: the same label and address always give the same package id.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/src" -cf - connection.json \
    | gzip -n >"$work/code.tar.gz"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf - metadata.json code.tar.gz \
    | gzip -n >"$dir/$label.tar.gz"
  peer lifecycle chaincode calculatepackageid "$dir/$label.tar.gz"
}

installPackage() {
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

# startServer ORG PACKAGE_ID JAR VERSION: (re)start ORG's chaincode server when its package id or its extra
# environment (MEDFED_CC_ENV_<ORG>, see chaincode-server.sh) changed.
startServer() {
  local org="$1" id="$2" jar="$3" version="$4" lo extra
  lo="$(orgLower "$org")"
  extra="$(serverExtraEnv "$org")"
  # What restart-chaincode.sh needs to start the same server again.
  echo "$jar" >"$CC_DIR/$lo/server.jar"
  echo "$version" >"$CC_DIR/$lo/server.version"
  if isRunning "chaincode-$lo" && [[ "$(cat "$CC_DIR/$lo/package.id" 2>/dev/null)" == "$id" ]] \
      && [[ "$(cat "$CC_DIR/$lo/server.env" 2>/dev/null)" == "$extra" ]]; then return 0; fi
  runServer "$org" "$id" "$jar" "$version"
}

# The servers start in parallel (each JVM spends seconds scanning its classpath); then wait for every one.
waitForServers() {
  local org name port
  while read -r org; do
    name="chaincode-$(orgLower "$org")"; port="$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")"
    waitFor "$name" 90 portOpen "$port" || fatalln "$name did not listen on $port in 90 s: see $LOG_DIR/$name.log"
  done < <(orgList)
}

committedField() { # FIELD -> value from querycommitted, empty when nothing is committed
  useOrgAdmin "$(orgList | head -1)"
  peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE_NAME" -O json 2>/dev/null \
    | sed -n "s/.*\"$1\": *\"\{0,1\}\([^,\"]*\)\"\{0,1\},*$/\1/p" | head -1 || true
}

approve() { # ORG VERSION SEQUENCE PACKAGE_ID
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

commit() { # VERSION SEQUENCE
  local args=() org
  while read -r org; do
    args+=(--peerAddresses "127.0.0.1:$(peerPort "$org")" --tlsRootCertFiles "$(peerTlsCa "$org")")
  done < <(orgList)
  useOrgAdmin "$(orgList | head -1)"
  # shellcheck disable=SC2046
  peer lifecycle chaincode commit $(ordererArgs) -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$1" --sequence "$2" \
    "${args[@]}" >>"$LOG_DIR/peer-cli.log" 2>&1 || fatalln "commit of $CHAINCODE_NAME $1 failed: see $LOG_DIR/peer-cli.log"
}

JAR_OVERRIDE=""
while (($#)); do
  case "$1" in
    --jar) JAR_OVERRIDE="${2:?--jar needs a path}"; shift 2 ;;
    *) fatalln "unknown option $1 (usage: network.sh deploy [--jar CHAINCODE_SERVER_JAR])" ;;
  esac
done

main() {
  requireBinaries
  [[ -f "$ORGS_FILE" ]] || fatalln "no network: run network/network.sh up first"
  local jar version label org lo id seq committed
  jar="$(findJar)"
  version="$(sha256sum "$jar" | cut -c1-12)"
  label="${CHAINCODE_NAME}_$version"
  mkdir -p "$CC_DIR"
  cp -n "$jar" "$CC_DIR/$label.jar" 2>/dev/null || true

  infoln "chaincode $CHAINCODE_NAME version $version: install and start one server per organisation"
  while read -r org; do
    lo="$(orgLower "$org")"; mkdir -p "$CC_DIR/$lo"
    id="$(package "$org" "$label")"
    installPackage "$org" "$CC_DIR/$lo/$label.tar.gz" "$id"
    startServer "$org" "$id" "$CC_DIR/$label.jar" "$version"
    echo "$id" >"$CC_DIR/$lo/$label.id"
  done < <(orgList)
  waitForServers

  committed="$(committedField version)"
  seq="$(committedField sequence)"
  if [[ "$committed" == "$version" ]]; then
    # Organisations that joined after the commit still approve the committed definition.
    while read -r org; do approve "$org" "$version" "$seq" "$(cat "$CC_DIR/$(orgLower "$org")/$label.id")"; done < <(orgList)
    okln "chaincode $CHAINCODE_NAME $version already committed (sequence $seq); servers running"
    return
  fi
  seq=$(( ${seq:-0} + 1 ))
  infoln "approve and commit $CHAINCODE_NAME $version as sequence $seq"
  while read -r org; do approve "$org" "$version" "$seq" "$(cat "$CC_DIR/$(orgLower "$org")/$label.id")"; done < <(orgList)
  commit "$version" "$seq"
  okln "chaincode $CHAINCODE_NAME $version committed (sequence $seq)"
}

main
