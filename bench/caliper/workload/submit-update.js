'use strict';
// round:submitUpdate as a submit, the full admission path (ε recomputed by every endorser), with the fixture's
// prepared submissions: each is valid once, as its own identity. run.sh gives each round its own slice of them,
// starting at `firstSubmission` (a multiple of the number of workers) and no longer than the round's txNumber;
// worker i takes the slice's indices ≡ i (mod workers), so the fixture's round-robin order spreads every worker's
// transactions over the identities.
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const fixtures = require('../lib/fixture');

class SubmitUpdate extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.fixture = fixtures.load(roundArguments.fixture);
    if (!Number.isInteger(roundArguments.firstSubmission)) {
      throw new Error('round:submitUpdate rounds need "firstSubmission" (run them with bench/caliper/run.sh round)');
    }
    this.next = roundArguments.firstSubmission + workerIndex;
  }

  async submitTransaction() {
    const submission = this.fixture.submissions[this.next];
    if (!submission) throw new Error(`the fixture has no submission ${this.next}: it is used up`);
    this.next += this.totalWorkers;
    const identity = this.fixture.identityByName.get(submission.identity);
    return this.sutAdapter.sendRequests({
      contractId: this.roundArguments.chaincode,
      contractFunction: 'round:submitUpdate',
      contractArguments: [submission.update],
      invokerIdentity: identity.name,
      invokerMspId: identity.mspId,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new SubmitUpdate();
