#!/usr/bin/env bash
# The exit codes of the network scripts: the medfed CLI's numbers for the same meanings
# (org.medfed.client.ExitCodes). The one table of them: docs/cli.md, "Exit codes". Never renumber: callers
# (the demo, the tests, people's scripts) depend on them.
# shellcheck disable=SC2034

EXIT_USAGE=1               # bad arguments, or what the command needs is missing (no network, a tool not installed)
EXIT_UNAVAILABLE=2         # a process is down, or did not start, answer or become healthy in time
EXIT_REFUSED=3             # refused: a registry will not serve Fabric (the CLI: the ledger refused the call)
EXIT_VERIFICATION_FAILED=4 # data did not match what it must (verify-chain: a tampered block)
