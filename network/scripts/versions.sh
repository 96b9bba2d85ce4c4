#!/usr/bin/env bash
# Pinned versions of the native binaries. Sourced by install-binaries.sh and the network scripts.
# shellcheck disable=SC2034
FABRIC_VERSION=3.1.5
FABRIC_COMMIT=86c1172bec37  # = v3.1.5 (86c1172bec37e6590c6b1ae6f847833df48d65fc); the proxy accepts the short form only
KUBO_VERSION=v0.43.1
GO_MIN=1.26.5
