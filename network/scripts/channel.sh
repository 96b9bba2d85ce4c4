#!/usr/bin/env bash
# Creates the channel through the channel participation API and joins peers. Idempotent.
#   channel.sh orderers   - join every orderer (osnadmin) and wait for a Raft leader
#   channel.sh peer ORG   - join ORG's peer to the channel (from the genesis block, or the latest config
#                           block when the organisation was added later)
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

osnadminArgs() {
  local admin
  admin="$(ordererAdminTlsDir)"
  echo "-o $(ordererDialHost "$1"):$(ordererPort "$1" "$ORDERER_ADMIN_OFFSET") --ca-file $(ordererTlsCa)" \
    "--client-cert $admin/client.crt --client-key $admin/client.key"
}

ordererJoined() {
  # shellcheck disable=SC2046
  osnadmin channel list --channelID "$CHANNEL" $(osnadminArgs "$1") 2>/dev/null | grep -q '"status": "active"'
}

joinOrderers() {
  local k n
  n="$(ordererCount)"
  for ((k = 1; k <= n; k++)); do
    # shellcheck disable=SC2046
    if ! osnadmin channel list --channelID "$CHANNEL" $(osnadminArgs "$k") 2>/dev/null | grep -q "\"name\": \"$CHANNEL\""; then
      # shellcheck disable=SC2046
      osnadmin channel join --channelID "$CHANNEL" --config-block "$GENESIS_BLOCK" $(osnadminArgs "$k") >/dev/null \
        || fatalln "orderer$k could not join channel $CHANNEL"
    fi
  done
  waitFor "raft leader" 60 raftLeaderElected || fatalln "no Raft leader on $CHANNEL after 60 s: see $LOG_DIR/orderer*.log"
}

# A leader is elected when some orderer's metrics say it leads the channel's Raft cluster (a restarted single
# node waits a full election timeout first).
raftLeaderElected() {
  local k n
  n="$(ordererCount)"
  for ((k = 1; k <= n; k++)); do ordererJoined "$k" || return 1; done
  for ((k = 1; k <= n; k++)); do
    httpOk "http://$(ordererAddress "$k"):$(ordererPort "$k" "$ORDERER_OPERATIONS_OFFSET")/metrics" \
      | grep -q "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1" && return 0
  done
  return 1
}

joinPeer() {
  local org="$1" block="$GENESIS_BLOCK"
  useOrgAdmin "$org"
  if peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then return 0; fi
  if [[ -f "$DATA_DIR/channel/$(orgLower "$org").join.block" ]]; then block="$DATA_DIR/channel/$(orgLower "$org").join.block"; fi
  local i
  for ((i = 0; i < 10; i++)); do
    if peer channel join -b "$block" >>"$LOG_DIR/peer-cli.log" 2>&1; then return 0; fi
    sleep 1
  done
  fatalln "peer of $org could not join $CHANNEL: see $LOG_DIR/peer-cli.log"
}

case "${1:-}" in
  orderers) joinOrderers ;;
  peer) joinPeer "${2:?usage: channel.sh peer ORG}" ;;
  *) usageln "usage: channel.sh orderers | peer ORG" ;;
esac
