'use strict';
// system:getPing as an evaluate (one peer, nothing ordered): the read-only baseline.
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

class GetPing extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const pick = workerIndex % roundArguments.identities.length;
    this.identity = roundArguments.identities[pick];
    this.msp = roundArguments.msps[pick];
  }

  async submitTransaction() {
    return this.sutAdapter.sendRequests({
      contractId: this.roundArguments.chaincode,
      contractFunction: 'system:getPing',
      contractArguments: [this.msp],
      invokerIdentity: this.identity,
      invokerMspId: this.msp,
      readOnly: true,
    });
  }
}

module.exports.createWorkloadModule = () => new GetPing();
