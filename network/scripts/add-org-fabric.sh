#!/usr/bin/env bash
# add-org on Fabric (run by add-org.sh): crypto material, a channel configuration update adding NAMEMSP (signed by
# the admins of every existing organisation), and the organisation's peer joined. Usage: add-org-fabric.sh NAME
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
S="$NETWORK_DIR/scripts"

org="${1:?usage: add-org-fabric.sh NAME}"
requireBinaries
command -v jq >/dev/null || usageln "jq is needed to edit the channel configuration: apt-get install jq"
msp="$(orgMsp "$org")"
work="$DATA_DIR/channel/add-$(orgLower "$org")"
mkdir -p "$work"

mapfile -t existing < <(orgList | grep -vx "$org")
grep -qx "$org" "$ORGS_FILE" || echo "$org" >>"$ORGS_FILE"

infoln "crypto material for $org"
"$S/crypto.sh" org "$org"
writeTlsBundle
"$S/configtx.sh" yaml
FABRIC_CFG_PATH="$CONFIG_DIR" configtxgen -printOrg "$msp" >"$work/org.json" 2>>"$LOG_DIR/configtxgen.log" \
  || fatalln "configtxgen could not print $msp: see $LOG_DIR/configtxgen.log"

fetchConfig() { # OUT_JSON
  useOrgAdmin "${existing[0]}"
  # shellcheck disable=SC2046
  peer channel fetch config "$work/config_block.pb" $(ordererArgs) -c "$CHANNEL" >>"$LOG_DIR/peer-cli.log" 2>&1 \
    || fatalln "could not fetch the configuration of $CHANNEL: see $LOG_DIR/peer-cli.log"
  configtxlator proto_decode --input "$work/config_block.pb" --type common.Block \
    | jq '.data.data[0].payload.data.config' >"$1"
}

fetchConfig "$work/config.json"
if jq -e --arg m "$msp" '.channel_group.groups.Application.groups[$m]' "$work/config.json" >/dev/null; then
  infoln "$msp is already a member of $CHANNEL"
else
  infoln "channel configuration update: add $msp, signed by $(printf '%sMSP ' "${existing[@]}")"
  jq --arg m "$msp" --slurpfile o "$work/org.json" '.channel_group.groups.Application.groups[$m] = $o[0]' \
    "$work/config.json" >"$work/modified.json"
  configtxlator proto_encode --input "$work/config.json" --type common.Config --output "$work/config.pb"
  configtxlator proto_encode --input "$work/modified.json" --type common.Config --output "$work/modified.pb"
  configtxlator compute_update --channel_id "$CHANNEL" --original "$work/config.pb" --updated "$work/modified.pb" \
    --output "$work/update.pb"
  configtxlator proto_decode --input "$work/update.pb" --type common.ConfigUpdate \
    | jq --arg c "$CHANNEL" '{payload: {header: {channel_header: {channel_id: $c, type: 2}}, data: {config_update: .}}}' \
      >"$work/envelope.json"
  configtxlator proto_encode --input "$work/envelope.json" --type common.Envelope --output "$work/envelope.pb"
  last=$((${#existing[@]} - 1))
  for ((i = 0; i < last; i++)); do
    useOrgAdmin "${existing[$i]}"
    peer channel signconfigtx -f "$work/envelope.pb" >>"$LOG_DIR/peer-cli.log" 2>&1 \
      || fatalln "${existing[$i]} could not sign the update: see $LOG_DIR/peer-cli.log"
  done
  useOrgAdmin "${existing[$last]}"
  # shellcheck disable=SC2046
  peer channel update -f "$work/envelope.pb" -c "$CHANNEL" $(ordererArgs) >>"$LOG_DIR/peer-cli.log" 2>&1 \
    || fatalln "the channel update adding $msp was refused: see $LOG_DIR/peer-cli.log"
  memberNow() { fetchConfig "$work/config.json" && jq -e --arg m "$msp" '.channel_group.groups.Application.groups[$m]' "$work/config.json"; }
  waitFor "config update" 30 memberNow || fatalln "$msp does not appear in the channel configuration after 30 s"
fi

infoln "peer of $org"
"$S/start-peer.sh" "$org"
"$S/channel.sh" peer "$org"
