//go:build tools

// Package tools pins Kubo for network/install-binaries.sh. Kubo v0.43.1 cannot be installed with
// `go install …@v0.43.1` (its go.mod has a replace directive pointing at a go-libp2p fork that the module proxy
// does not serve), so this module requires it with upstream go-libp2p v0.50.0 instead.
package tools

import _ "github.com/ipfs/kubo/cmd/ipfs"
