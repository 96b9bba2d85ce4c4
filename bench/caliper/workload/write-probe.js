'use strict';
// system:writeProbe as a submit: each transaction writes a fresh key (probe~MSP~id, the id made of a run tag, the
// worker index and a counter), so concurrent probes never fail Fabric's MVCC check, unlike system:ping. The bare
// put baseline that round:submitUpdate is compared with (goal P3, docs/performance.md).
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const probes = require('../lib/probes');

class WriteProbe extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const pick = workerIndex % roundArguments.identities.length;
    this.identity = roundArguments.identities[pick];
    this.msp = roundArguments.msps[pick];
  }

  async submitTransaction() {
    const probeId = probes.nextId(this.workerIndex);
    const status = await this.sutAdapter.sendRequests({
      contractId: this.roundArguments.chaincode,
      contractFunction: 'system:writeProbe',
      contractArguments: [probeId, `caliper w${this.workerIndex}`],
      invokerIdentity: this.identity,
      invokerMspId: this.msp,
      readOnly: false,
    });
    if (status.GetStatus() === 'success') probes.written.push({ mspId: this.msp, probeId });
    return status;
  }
}

module.exports.createWorkloadModule = () => new WriteProbe();
