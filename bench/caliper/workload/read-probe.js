'use strict';
// system:readProbe as an evaluate (one peer, nothing ordered): reads, in turn, the probes that this worker's
// writeProbe rounds committed earlier in the run. A worker that wrote none (the round run on its own) first writes
// `seedProbes` of its own before the round starts; Caliper counts only what the round sends, so those writes are
// not in its figures.
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const probes = require('../lib/probes');

class ReadProbe extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const pick = workerIndex % roundArguments.identities.length;
    this.identity = roundArguments.identities[pick];
    this.msp = roundArguments.msps[pick];
    this.next = 0;
    if (probes.written.length === 0) await this.seed(roundArguments.seedProbes || 10);
  }

  async seed(count) {
    for (let i = 0; i < count; i += 1) {
      const probeId = probes.nextId(this.workerIndex);
      const status = await this.sutAdapter.sendRequests({
        contractId: this.roundArguments.chaincode,
        contractFunction: 'system:writeProbe',
        contractArguments: [probeId, `caliper seed w${this.workerIndex}`],
        invokerIdentity: this.identity,
        invokerMspId: this.msp,
        readOnly: false,
      });
      if (status.GetStatus() !== 'success') {
        throw new Error(`worker ${this.workerIndex} could not write seed probe ${probeId}: is the chaincode deployed?`);
      }
      probes.written.push({ mspId: this.msp, probeId });
    }
  }

  async submitTransaction() {
    const probe = probes.written[this.next % probes.written.length];
    this.next += 1;
    return this.sutAdapter.sendRequests({
      contractId: this.roundArguments.chaincode,
      contractFunction: 'system:readProbe',
      contractArguments: [probe.mspId, probe.probeId],
      invokerIdentity: this.identity,
      invokerMspId: this.msp,
      readOnly: true,
    });
  }
}

module.exports.createWorkloadModule = () => new ReadProbe();
