#!/usr/bin/env bash
# Installs Kubo v0.43.1 and Fabric v3.1.5 with `go install` into .tools/ (ignored by git).
#   install-binaries.sh --kubo-only   Kubo only (what `up` needs for the embedded ledger, and the ITs' build step)
#   install-binaries.sh [--fabric]    Kubo and Fabric (`up --ledger fabric` runs it when Fabric is missing)
# Idempotent: a binary already built at the pinned version is kept. Many Go module proxies refuse Fabric: then
# it exits 3 and says how to install Fabric otherwise (docs/operations.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=network/scripts/versions.sh
source "$ROOT/network/scripts/versions.sh"
# shellcheck source=network/scripts/exit-codes.sh
source "$ROOT/network/scripts/exit-codes.sh"

TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
STAMP_DIR="$TOOLS/stamps"
mkdir -p "$BIN" "$STAMP_DIR"

# A registry refusing a pinned module exits EXIT_REFUSED (3): the network tests report it as blocked.
fail() { printf 'install-binaries: %s\n' "$*" >&2; exit "$EXIT_USAGE"; }
info() { printf 'install-binaries: %s\n' "$*"; }

requireGo() {
  command -v go >/dev/null 2>&1 || fail "Go is not installed. Install Go >= $GO_MIN (https://go.dev/dl/) and re-run."
  local have
  have="$(go env GOVERSION)"; have="${have#go}"
  if ! printf '%s\n%s\n' "$GO_MIN" "$have" | sort -V -C; then
    fail "Go $have is too old: Fabric $FABRIC_VERSION and Kubo $KUBO_VERSION need Go >= $GO_MIN."
  fi
}

# installed NAME STAMP -> true when BIN/NAME exists and was built from STAMP
installed() { [[ -x "$1" && -f "$STAMP_DIR/$2" && "$(cat "$STAMP_DIR/$2")" == "$3" ]]; }

installFabric() {
  local stamp="fabric@$FABRIC_COMMIT"
  local tools=(peer orderer configtxgen configtxlator osnadmin cryptogen discover)
  local missing=()
  for t in "${tools[@]}"; do installed "$BIN/$t" "$t" "$stamp" || missing+=("$t"); done
  if ((${#missing[@]} == 0)); then info "Fabric $FABRIC_VERSION already installed"; return; fi
  info "building Fabric $FABRIC_VERSION (${missing[*]}) ..."
  local pkgs=()
  for t in "${missing[@]}"; do pkgs+=("github.com/hyperledger/fabric/cmd/$t@$FABRIC_COMMIT"); done
  if ! GOBIN="$BIN" go install \
      -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=$FABRIC_VERSION" "${pkgs[@]}" 2>"$TOOLS/fabric-install.err"; then
    cat "$TOOLS/fabric-install.err" >&2
    if grep -q '403 Forbidden' "$TOOLS/fabric-install.err"; then
      printf 'install-binaries: BLOCKED: the Go module proxy refuses github.com/hyperledger/fabric@%s (HTTP 403).\n' "$FABRIC_COMMIT" >&2
      printf 'install-binaries: Fabric cannot be installed from the registries this machine reaches. On a consortium host,\n' >&2
      printf 'install-binaries: put the official v%s release binaries into .tools/bin (see docs/operations.md,\n' "$FABRIC_VERSION" >&2
      printf 'install-binaries: "Installing Fabric"), or use network/network.sh up without --ledger: the embedded ledger.\n' >&2
      exit "$EXIT_REFUSED"
    fi
    fail "go install of Fabric failed (see above)"
  fi
  for t in "${missing[@]}"; do echo "$stamp" > "$STAMP_DIR/$t"; done
}

installKubo() {
  local stamp
  stamp="kubo@$KUBO_VERSION+$(sha256sum "$ROOT/network/kubo-build/go.sum" | cut -c1-12)"
  if installed "$BIN/ipfs" ipfs "$stamp"; then info "Kubo $KUBO_VERSION already installed"; return; fi
  info "building Kubo $KUBO_VERSION (pinned by network/kubo-build/go.sum) ..."
  (cd "$ROOT/network/kubo-build" && GOFLAGS=-mod=mod GOBIN="$BIN" go install -trimpath github.com/ipfs/kubo/cmd/ipfs)
  echo "$stamp" > "$STAMP_DIR/ipfs"
}

# Fabric's sampleconfig (core.yaml, orderer.yaml) from the downloaded module, linked into .tools/.
linkSampleConfig() {
  local dir stamp="sampleconfig@$FABRIC_COMMIT"
  if [[ -f "$TOOLS/sampleconfig/core.yaml" && "$(cat "$STAMP_DIR/sampleconfig" 2>/dev/null)" == "$stamp" ]]; then return; fi
  dir="$(go mod download -json "github.com/hyperledger/fabric@$FABRIC_COMMIT" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$dir" && -f "$dir/sampleconfig/core.yaml" ]] || fail "could not locate Fabric's sampleconfig in the Go module cache"
  ln -sfn "$dir/sampleconfig" "$TOOLS/sampleconfig"
  echo "$stamp" > "$STAMP_DIR/sampleconfig"
}

main() {
  requireGo
  local start=$SECONDS
  installKubo
  case "${1:-}" in
    --kubo-only) info "done in $((SECONDS - start)) s: $("$BIN/ipfs" version)"; return ;;
    "" | --fabric) ;;
    *) fail "unknown option $1 (usage: install-binaries.sh [--kubo-only | --fabric])" ;;
  esac
  installFabric
  linkSampleConfig
  info "done in $((SECONDS - start)) s: Fabric $("$BIN/peer" version | sed -n 's/^ Version: //p'), $("$BIN/ipfs" version)"
}

main "$@"
