#!/usr/bin/env bash
# medfed's local network: a ledger engine (Fabric 3.1 orderer(s) + one peer per organisation, or the embedded
# ledger: one JVM playing all of them) with one chaincode server per organisation and a private Kubo swarm, all
# native processes on 127.0.0.1. One small script per job under scripts/.
set -euo pipefail
S="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scripts"

usage() {
  cat <<'TXT'
Usage: network/network.sh COMMAND [OPTIONS]
  up [--ledger fabric|embedded] [--orderers N]
                      start (or resume) the network: crypto, ledger, Kubo swarm, profiles. Its first line names
                      the engine: Fabric when its binaries are in .tools/bin, else the embedded ledger (one JVM);
                      a network keeps the engine it was created with (--orderers: Fabric's Raft cluster size)
     [--ipfs-only]    only the Kubo private swarm (no ledger)
  deploy [--jar JAR]  package the chaincode (CCaaS), start each org's chaincode server and commit the definition;
                      after a code change it upgrades (new sequence), keeping the ledger
  restart-chaincode ORG
                      restart ORG's chaincode server, passing MEDFED_CC_ENV_<ORG> (NAME=VALUE words) and
                      MEDFED_CC_CLASSPATH_<ORG> (jars before the server jar); deploy honours the same variables
  start-ipfs ORG      start ORG's Kubo node again after it stopped or crashed (a running one is left alone) and
                      reconnect it to the swarm
  status              health of every process; exits non-zero when one is down
  kill NAME           fault injection: SIGKILL the process NAME this network started (peer-<org>, ordererK,
                      ipfs-<org>, chaincode-<org>; see status), as a crash would end it
  start NAME          start that process again on the data it left and wait until it is healthy
  add-org NAME        a new organisation joins the running network (Fabric: a config update signed by the others)
  verify-chain        embedded ledger only: check the hash chain of its blocks
  down                stop the processes this network started (ledgers and IPFS repos are kept)
  clean               down, then delete all generated material, ledgers, blobs and logs
TXT
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  up) "$S/up.sh" "$@" ;;
  deploy) "$S/deploy.sh" "$@" ;;
  restart-chaincode) "$S/restart-chaincode.sh" "$@" ;;
  start-ipfs) "$S/resume-ipfs.sh" "$@" ;;
  status) "$S/status.sh" "$@" ;;
  kill) "$S/kill-process.sh" "$@" ;;
  start) "$S/start-process.sh" "$@" ;;
  add-org) "$S/add-org.sh" "$@" ;;
  verify-chain) "$S/verify-chain.sh" "$@" ;;
  down) "$S/down.sh" "$@" ;;
  clean) "$S/clean.sh" "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 1 ;; # as every usage error: network/scripts/exit-codes.sh
esac
