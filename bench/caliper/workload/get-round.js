'use strict';
// round:getRound as an evaluate: the state of the round the fixture's submissions are for, and who has submitted
// so far. Reads need a registered participant (or an MSP admin), so each worker reads as one of the fixture's
// identities; without a fixture, run.sh leaves these rounds out.
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const fixtures = require('../lib/fixture');

class GetRound extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const fixture = fixtures.load(roundArguments.fixture);
    if (fixture.submissions.length === 0) throw new Error(`${roundArguments.fixture} has no submissions: no round to read`);
    const { taskId, round } = fixture.submissions[0];
    this.args = [taskId, String(round)];
    this.reader = fixture.identities[workerIndex % fixture.identities.length];
  }

  async submitTransaction() {
    return this.sutAdapter.sendRequests({
      contractId: this.roundArguments.chaincode,
      contractFunction: 'round:getRound',
      contractArguments: this.args,
      invokerIdentity: this.reader.name,
      invokerMspId: this.reader.mspId,
      readOnly: true,
    });
  }
}

module.exports.createWorkloadModule = () => new GetRound();
