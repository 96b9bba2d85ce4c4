'use strict';
// The probes this worker process wrote and saw committed. Caliper loads workload modules with require() in
// long-lived worker processes, so this module, and its list, outlive a round: readProbe rounds read what the
// writeProbe rounds before them wrote. The run tag keeps ids unique across runs on one ledger (a reused id is
// refused with ALREADY_EXISTS).
const runTag = Date.now().toString(36);
const written = [];
let sent = 0;

/** A fresh probe id for this worker process: run tag, worker index, counter. */
function nextId(workerIndex) {
  sent += 1;
  return `${runTag}-w${workerIndex}-${sent}`;
}

module.exports = { nextId, written };
