#!/usr/bin/env bash
# A new organisation joins the running network without a restart, on either engine: its membership (crypto
# material, then a channel configuration update and its own peer on Fabric, or a reload of the embedded ledger),
# its Kubo node in the private swarm, its profiles, and the chaincode served (and approved) for it when the
# network has chaincode deployed. Safe to re-run after a failure. Usage: add-org.sh NAME
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=network/scripts/engine.sh
source "$NETWORK_DIR/scripts/engine.sh"
S="$NETWORK_DIR/scripts"

org="${1:-}"
[[ "$org" =~ ^[A-Z][A-Za-z0-9]{1,30}$ ]] || usageln "usage: network.sh add-org NAME (a capitalised name, e.g. Lab)"
engine="$(requireNetworkEngine)"
# The rehearsal's hosts are made for the organisations it started with (network/multihost/topology.sh).
multiHost && usageln "add-org is not supported in the multi-host rehearsal: add $org to ORGS in network.config" \
  "and make the rehearsal again (network/multihost/down.sh, network.sh clean, network/multihost/up.sh)"
mapfile -t existing < <(orgList | grep -vx "$org")

"$S/add-org-$engine.sh" "$org"

infoln "Kubo node of $org"
"$S/start-ipfs.sh" "$org"
# Persist the new member in the other nodes' Peering.Peers (applied by them at their next start).
for o in "${existing[@]}"; do "$S/start-ipfs.sh" --peering-only "$o"; done
"$S/ipfs-connect.sh"
"$S/profiles.sh"

# The chaincode the others run (not whatever jar the build has now, which would be an upgrade).
deployed="$DATA_DIR/chaincode/$(orgLower "${existing[0]}")/server.jar"
if [[ -s "$deployed" ]]; then
  infoln "chaincode for $org"
  "$S/deploy.sh" --jar "$(cat "$deployed")"
fi
okln "$org ($(orgMsp "$org")) joined $CHANNEL on the $engine ledger; profiles in $DATA_DIR/profiles"
