#!/usr/bin/env bash
# Deploys the medfed chaincode as a service (CCaaS) on the network's engine: one chaincode server process per
# organisation (each wired to its own Kubo node), a package per organisation naming its server, and the definition
# committed: through Fabric's lifecycle (lifecycle-fabric.sh) or as the embedded ledger's definition file
# (lifecycle-embedded.sh). A changed jar is a new version and sequence: an upgrade that keeps the ledger. Running it
# again with the same jar only makes sure everything runs.
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine.sh"
# shellcheck source=network/scripts/chaincode-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/chaincode-server.sh"

findJar() {
  local jar="${JAR_OVERRIDE:-}"
  if [[ -n "$jar" ]]; then [[ -f "$jar" ]] || usageln "no such jar: $jar"; echo "$jar"; return; fi
  jar="$(find "$ROOT_DIR/chaincode/target" -maxdepth 1 -name 'chaincode-*-server.jar' 2>/dev/null | head -1)"
  if [[ -z "$jar" || -n "${MEDFED_REBUILD:-}" ]]; then
    infoln "building the chaincode jar" >&2
    (cd "$ROOT_DIR" && ./mvnw -B -q -pl chaincode -am package -DskipTests) >&2
    jar="$(find "$ROOT_DIR/chaincode/target" -maxdepth 1 -name 'chaincode-*-server.jar' | head -1)"
  fi
  echo "$jar"
}

# packageId FILE LABEL: Fabric's package id, <label>:<hex SHA-256 of the package file> (core/chaincode/persistence
# PackageID; equal to `peer lifecycle chaincode calculatepackageid`), computed without the peer CLI.
packageId() { echo "$2:$(sha256sum "$1" | cut -d' ' -f1)"; }

# package ORG LABEL: a CCaaS package pointing at ORG's chaincode server; prints the package id.
package() {
  local org="$1" label="$2" dir work
  dir="$CC_DIR/$(orgLower "$org")"
  work="$dir/pkg"
  rm -rf "$work"; mkdir -p "$work/src"
  printf '{"address":"%s:%s","dial_timeout":"10s","tls_required":false}\n' \
    "$(orgAddress "$org")" "$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")" >"$work/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/metadata.json"
  # Reproducible tarballs: the same label and address always give the same package id.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/src" -cf - connection.json \
    | gzip -n >"$work/code.tar.gz"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf - metadata.json code.tar.gz \
    | gzip -n >"$dir/$label.tar.gz"
  packageId "$dir/$label.tar.gz" "$label"
}

# startServer ORG PACKAGE_ID JAR VERSION: (re)start ORG's chaincode server when its package id or its extra
# environment or class path (MEDFED_CC_ENV_<ORG>, MEDFED_CC_CLASSPATH_<ORG>, see chaincode-server.sh) changed.
startServer() {
  local org="$1" id="$2" jar="$3" version="$4" lo settings
  lo="$(orgLower "$org")"
  settings="$(serverSettings "$org" "$jar")"
  # What restart-chaincode.sh needs to start the same server again.
  echo "$jar" >"$CC_DIR/$lo/server.jar"
  echo "$version" >"$CC_DIR/$lo/server.version"
  if isRunning "chaincode-$lo" && [[ "$(cat "$CC_DIR/$lo/package.id" 2>/dev/null)" == "$id" ]] \
      && [[ "$(cat "$CC_DIR/$lo/server.env" 2>/dev/null)" == "$settings" ]]; then return 0; fi
  runServer "$org" "$id" "$jar" "$version"
}

# The servers start in parallel (each JVM spends seconds scanning its classpath); then wait for every one.
waitForServers() {
  local org name port
  while read -r org; do
    name="chaincode-$(orgLower "$org")"; port="$(orgPort "$org" "$CHAINCODE_SERVER_OFFSET")"
    waitFor "$name" 90 portOpen "$port" "$(orgAddress "$org")" || fatalln "$name did not listen on $port in 90 s: see $LOG_DIR/$name.log"
  done < <(orgList)
}

JAR_OVERRIDE=""
while (($#)); do
  case "$1" in
    --jar) JAR_OVERRIDE="${2:?--jar needs a path}"; shift 2 ;;
    *) usageln "unknown option $1 (usage: network.sh deploy [--jar CHAINCODE_SERVER_JAR])" ;;
  esac
done

engine="$(requireNetworkEngine)"
# shellcheck source=network/scripts/lifecycle-fabric.sh
source "$NETWORK_DIR/scripts/lifecycle-$engine.sh"

approveAll() { # VERSION SEQUENCE LABEL
  local org
  while read -r org; do lifecycleApprove "$org" "$1" "$2" "$(cat "$CC_DIR/$(orgLower "$org")/$3.id")"; done < <(orgList)
}

main() {
  lifecycleReady
  local jar version label org lo id seq committed
  jar="$(findJar)"
  version="$(sha256sum "$jar" | cut -c1-12)"
  label="${CHAINCODE_NAME}_$version"
  mkdir -p "$CC_DIR"
  cp -n "$jar" "$CC_DIR/$label.jar" 2>/dev/null || true

  infoln "chaincode $CHAINCODE_NAME version $version on the $engine ledger: one server per organisation"
  while read -r org; do
    lo="$(orgLower "$org")"; mkdir -p "$CC_DIR/$lo"
    id="$(package "$org" "$label")"
    lifecycleInstall "$org" "$CC_DIR/$lo/$label.tar.gz" "$id"
    startServer "$org" "$id" "$CC_DIR/$label.jar" "$version"
    echo "$id" >"$CC_DIR/$lo/$label.id"
  done < <(orgList)
  waitForServers

  committed="$(lifecycleCommitted version)"
  seq="$(lifecycleCommitted sequence)"
  if [[ "$committed" == "$version" ]]; then
    # Organisations that joined after the commit still approve the committed definition (Fabric).
    approveAll "$version" "$seq" "$label"
    lifecycleRefresh
    okln "chaincode $CHAINCODE_NAME $version already committed (sequence $seq); servers running"
    return
  fi
  seq=$(( ${seq:-0} + 1 ))
  infoln "$CHAINCODE_NAME $version becomes the definition, sequence $seq ($engine lifecycle)"
  approveAll "$version" "$seq" "$label"
  lifecycleCommit "$version" "$seq"
  okln "chaincode $CHAINCODE_NAME $version committed (sequence $seq)"
}

main
