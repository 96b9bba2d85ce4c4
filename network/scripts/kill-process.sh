#!/usr/bin/env bash
# Fault injection: SIGKILL of one process this network started (by its PID file and MEDFED_PROCESS tag), as a crash
# or a pulled plug would end it: no shutdown hook runs. Waits until it is gone and forgets its PID; `network.sh
# start NAME` starts it again on the data it left. Usage: kill-process.sh NAME (e.g. peer-clinic, orderer2)
set -euo pipefail
# shellcheck source=network/scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

name="${1:?usage: network.sh kill NAME (a process of this network: see network.sh status)}"
isRunning "$name" || usageln "$name is not running as a process of this network ($PID_DIR/$name.pid)"
pid="$(cat "$(pidFile "$name")")"
kill -KILL "$pid"
waitFor "$name to die" 10 processGone "$pid" || fatalln "$name (pid $pid) is still there 10 s after SIGKILL"
rm -f "$(pidFile "$name")"
okln "killed $name (pid $pid, SIGKILL)"
