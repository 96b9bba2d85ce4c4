'use strict';
// system:ping as a submit: the chaincode reads and rewrites the caller organisation's ping record and emits
// Pinged. Every worker acts as one organisation's user1, so concurrent pings of one organisation touch one key:
// Fabric's MVCC check fails all but one of those in a block (status 11, MVCC_READ_CONFLICT), which Caliper counts
// as failures. See docs/performance.md.
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

class Ping extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const pick = workerIndex % roundArguments.identities.length;
    this.identity = roundArguments.identities[pick];
    this.msp = roundArguments.msps[pick];
    this.sent = 0;
  }

  async submitTransaction() {
    this.sent += 1;
    return this.sutAdapter.sendRequests({
      contractId: this.roundArguments.chaincode,
      contractFunction: 'system:ping',
      contractArguments: [`caliper w${this.workerIndex} #${this.sent}`],
      invokerIdentity: this.identity,
      invokerMspId: this.msp,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new Ping();
