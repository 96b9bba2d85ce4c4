#!/usr/bin/env bash
# Shared by every network script: configuration, names, ports, paths, logging and process helpers.
# shellcheck disable=SC2034

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT_DIR="$(cd "$NETWORK_DIR/.." && pwd)"
# shellcheck source=network/network.config
source "$NETWORK_DIR/network.config"
# shellcheck source=network/scripts/versions.sh
source "$NETWORK_DIR/scripts/versions.sh"
# shellcheck source=network/scripts/exit-codes.sh
source "$NETWORK_DIR/scripts/exit-codes.sh"

TOOLS_BIN="$ROOT_DIR/.tools/bin"
SAMPLE_CONFIG="$ROOT_DIR/.tools/sampleconfig"
DATA_DIR="${MEDFED_NETWORK_DATA:-$NETWORK_DIR/data}"
LOG_DIR="${MEDFED_NETWORK_LOGS:-$NETWORK_DIR/logs}"
CRYPTO_DIR="$DATA_DIR/crypto"
CONFIG_DIR="$DATA_DIR/config"
PID_DIR="$DATA_DIR/pids"
ORGS_FILE="$DATA_DIR/orgs.list"
ORDERERS_FILE="$DATA_DIR/orderers.count"
GENESIS_BLOCK="$DATA_DIR/channel/genesis.block"
TLS_CA_BUNDLE="$CONFIG_DIR/tls-ca-bundle.pem"
DOMAIN=medfed.local
ORDERER_DOMAIN="orderer.$DOMAIN"
ORDERER_MSP=OrdererMSP

export PATH="$TOOLS_BIN:$PATH"
export FABRIC_CFG_PATH="$SAMPLE_CONFIG"
# The peer CLI logs every gRPC state change at INFO; the servers set their own level.
export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-WARN}"

infoln() { printf '\033[0;34m%s\033[0m\n' "$*"; }
okln() { printf '\033[0;32m%s\033[0m\n' "$*"; }
warnln() { printf '\033[0;33m%s\033[0m\n' "$*" >&2; }
# A step failed: the network is not in the state asked for (exit 2, as the CLI's "network unavailable").
fatalln() { printf '\033[0;31mERROR: %s\033[0m\n' "$*" >&2; exit "$EXIT_UNAVAILABLE"; }
# The command cannot run as given: bad arguments, or something it needs is missing (exit 1, as the CLI's usage).
usageln() { printf '\033[0;31mERROR: %s\033[0m\n' "$*" >&2; exit "$EXIT_USAGE"; }

requireBinaries() {
  local b
  for b in peer orderer configtxgen osnadmin cryptogen ipfs; do
    [[ -x "$TOOLS_BIN/$b" ]] || usageln "$b is not installed in $TOOLS_BIN: run network/install-binaries.sh"
  done
  [[ -f "$SAMPLE_CONFIG/core.yaml" ]] || usageln "Fabric's sampleconfig is missing: run network/install-binaries.sh"
}

# --- organisations -------------------------------------------------------------------------------

# The organisations of this network, in join order (index = line number - 1).
orgList() {
  if [[ -f "$ORGS_FILE" ]]; then cat "$ORGS_FILE"; else tr ',' '\n' <<<"$ORGS"; fi
}
orgIndex() {
  local i=0 o
  while read -r o; do
    if [[ "$o" == "$1" ]]; then echo "$i"; return; fi
    i=$((i + 1))
  done < <(orgList)
  usageln "unknown organisation $1 (known: $(orgList | paste -sd, -))"
}
orgLower() { tr '[:upper:]' '[:lower:]' <<<"$1"; }
orgMsp() { echo "${1}MSP"; }
orgDomain() { echo "$(orgLower "$1").$DOMAIN"; }
orgPort() { echo $((ORG_PORT_BASE + $(orgIndex "$1") * ORG_PORT_STRIDE + $2)); }
peerPort() { orgPort "$1" "$PEER_OFFSET"; }
peerHost() { echo "peer0.$(orgDomain "$1")"; }
peerDir() { echo "$CRYPTO_DIR/peerOrganizations/$(orgDomain "$1")/peers/$(peerHost "$1")"; }
orgMspDir() { echo "$CRYPTO_DIR/peerOrganizations/$(orgDomain "$1")/msp"; }
userMspDir() { echo "$CRYPTO_DIR/peerOrganizations/$(orgDomain "$1")/users/$2@$(orgDomain "$1")/msp"; }
peerTlsCa() { echo "$(peerDir "$1")/tls/ca.crt"; }
# The TLS CAs of every organisation (and of the orderer organisation, which only Fabric networks have).
writeTlsBundle() {
  local org
  mkdir -p "$CONFIG_DIR"
  {
    if [[ -f "$(ordererTlsCa)" ]]; then cat "$(ordererTlsCa)"; fi
    while read -r org; do cat "$(peerTlsCa "$org")"; done < <(orgList)
  } >"$TLS_CA_BUNDLE"
}

# --- hosts ---------------------------------------------------------------------------------------
# On one host (the default) every node listens on 127.0.0.1 and is dialled there. The multi-host rehearsal
# (network/multihost/up.sh) writes DATA_DIR/node-hosts first, lines "NODE ADDRESS NETNS" where NODE is an
# organisation in lower case or ordererK: that node's processes (peer, chaincode server and Kubo node; or the
# orderer) then run in network namespace NETNS and listen on ADDRESS, and the others dial a peer or orderer by its
# TLS name (peerHost, ordererHost), which each namespace resolves through /etc/netns/NETNS/hosts.
NODE_HOSTS_FILE="$DATA_DIR/node-hosts"
multiHost() { [[ -s "$NODE_HOSTS_FILE" ]]; }
# nodeField NODE N: field N of NODE's line in node-hosts (2 address, 3 namespace), empty when it has none.
nodeField() {
  [[ -f "$NODE_HOSTS_FILE" ]] || return 0
  awk -v node="$1" -v n="$2" '$1 == node { print $n; exit }' "$NODE_HOSTS_FILE"
}
nodeAddress() {
  local address
  address="$(nodeField "$1" 2)"
  echo "${address:-127.0.0.1}"
}
# Where ORG's processes (orderer K) listen: peer, operations, chaincode server, Kubo API and swarm.
orgAddress() { nodeAddress "$(orgLower "$1")"; }
ordererAddress() { nodeAddress "orderer$1"; }
# How the others reach ORG's peer (orderer K) over TLS: a name its certificate carries.
orgDialHost() { if multiHost; then peerHost "$1"; else echo 127.0.0.1; fi; }
ordererDialHost() { if multiHost; then ordererHost "$1"; else echo 127.0.0.1; fi; }
peerEndpoint() { echo "$(orgDialHost "$1"):$(peerPort "$1")"; }
# processNamespace NAME: the network namespace the process NAME runs in; empty: the caller's.
processNamespace() {
  local node="$1"
  case "$node" in peer-* | chaincode-* | ipfs-*) node="${node#*-}" ;; esac
  nodeField "$node" 3
}

# --- orderers ------------------------------------------------------------------------------------

ordererCount() { if [[ -f "$ORDERERS_FILE" ]]; then cat "$ORDERERS_FILE"; else echo "$ORDERERS"; fi; }
ordererPort() { echo $((ORDERER_PORT_BASE + ($1 - 1) * ORDERER_PORT_STRIDE + $2)); }
ordererHost() { echo "orderer$1.$ORDERER_DOMAIN"; }
ordererDir() { echo "$CRYPTO_DIR/ordererOrganizations/$ORDERER_DOMAIN/orderers/$(ordererHost "$1")"; }
ordererTlsCa() { echo "$(ordererDir 1)/tls/ca.crt"; }
ordererAdminTlsDir() { echo "$CRYPTO_DIR/ordererOrganizations/$ORDERER_DOMAIN/users/Admin@$ORDERER_DOMAIN/tls"; }
ordererEndpoint() { echo "$(ordererDialHost 1):$(ordererPort 1 "$ORDERER_OFFSET")"; }

# --- peer CLI as an organisation's admin ---------------------------------------------------------

useOrgAdmin() {
  export CORE_PEER_LOCALMSPID
  CORE_PEER_LOCALMSPID="$(orgMsp "$1")"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(userMspDir "$1" Admin)"
  export CORE_PEER_ADDRESS
  CORE_PEER_ADDRESS="$(peerEndpoint "$1")"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE
  CORE_PEER_TLS_ROOTCERT_FILE="$(peerTlsCa "$1")"
}
ordererArgs() { echo "-o $(ordererEndpoint) --tls --cafile $(ordererTlsCa)"; }

# --- processes -----------------------------------------------------------------------------------

pidFile() { echo "$PID_DIR/$1.pid"; }
# isRunning NAME: the process we started under NAME is alive (a recycled PID does not count).
isRunning() {
  local f pid
  f="$(pidFile "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  [[ "$(tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -c "^MEDFED_PROCESS=$1$")" -ge 1 ]]
}
# startProcess NAME CMD...: start detached (own session: survives the caller, ignores its SIGHUP), with a clean
# environment (the caller's CORE_PEER_* admin settings must not leak into a server; pass what it needs with
# `env VAR=...` as CMD), tagged with MEDFED_PROCESS=NAME so `down` never stops a process it did not start; in the
# network namespace of its node when node-hosts names one.
startProcess() {
  local name="$1"; shift
  mkdir -p "$PID_DIR" "$LOG_DIR"
  if isRunning "$name"; then return 0; fi
  local ns netns=()
  ns="$(processNamespace "$name")"
  # ip netns exec execs the command (no fork): $! stays the process's PID.
  [[ -z "$ns" ]] || netns=(ip netns exec "$ns")
  "${netns[@]}" setsid env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    MEDFED_PROCESS="$name" "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$(pidFile "$name")"
}
stopProcess() {
  local name="$1" pid i
  if ! isRunning "$name"; then rm -f "$(pidFile "$name")"; return 0; fi
  pid="$(cat "$(pidFile "$name")")"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    processGone "$pid" && break
    sleep 0.1
  done
  if ! processGone "$pid"; then warnln "$name did not stop in 10 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$(pidFile "$name")"
}
# processGone PID: the process has exited. A zombie counts: it has exited and only waits for its parent to reap
# it, and an orphan's parent is init, which may reap only every few seconds (2 s in our sandboxes; waiting for the
# reap made every stop take 2 s).
processGone() { [[ ! -d "/proc/$1" ]] || [[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" == Z ]]; }
# waitFor DESCRIPTION SECONDS CMD...: retry CMD every 0.2 s until it succeeds or time runs out.
waitFor() {
  local what="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
  return 0
}
httpOk() { curl -fsS --max-time 2 "$@"; }
# ownerOnly PATH...: PATH and everything below it readable and writable by its owner only (files 0600, folders 0700).
# For what holds private keys or names them (crypto material, profiles, the swarm key, Kubo repositories): every
# network process runs as that owner. docs/security.md lists what each script protects.
ownerOnly() { chmod -R go-rwx "$@"; }
# portOpen PORT [HOST]: something listens there (HOST defaults to 127.0.0.1).
portOpen() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }
