'use strict';
// Turns benchmarks/<name>.yaml into the benchmark Caliper runs (JSON, which Caliper reads as YAML):
// - every round gets `chaincode`, the contract id of the network config (the deployed chaincode's name);
// - `fixture: required` becomes the fixture's absolute path, or, without a fixture, the round is left out;
// - rounds with `submissions: slice` get consecutive slices of the fixture's submissions (`firstSubmission`, a
//   multiple of the worker count, and a txNumber that is one too), since each submission is valid once. When the
//   fixture holds fewer submissions than those rounds ask for, every one of them is shortened in proportion.
// Usage: node lib/prepare-benchmark.js BENCHMARK_YAML NETWORK_JSON OUT_JSON [FIXTURE]. Says on stderr what it
// left out or shortened.
const fs = require('fs');
const path = require('path');
const { CaliperUtils } = require('@hyperledger/caliper-core');
const fixtures = require('./fixture');

function say(message) {
  console.error(`caliper: ${message}`);
}

function sliceSubmissions(rounds, fixture, workers) {
  const sliced = rounds.filter((round) => round.workload.arguments.submissions === 'slice');
  if (sliced.length === 0) return rounds;
  if (sliced.some((round) => !Number.isInteger(round.txNumber))) {
    throw new Error('a round with "submissions: slice" must give txNumber, not txDuration');
  }
  const asked = sliced.reduce((sum, round) => sum + round.txNumber, 0);
  const available = fixture.submissions.length;
  const scale = Math.min(1, available / asked);
  if (scale < 1) {
    say(`the fixture holds ${available} submissions, the rounds ask for ${asked}: each submitUpdate round is `
      + `shortened to ${(100 * scale).toFixed(1)} % of its transactions`);
  }
  let first = 0;
  const dropped = new Set();
  for (const round of sliced) {
    const count = Math.floor((round.txNumber * scale) / workers) * workers;
    if (count === 0) {
      say(`leaving out round ${round.label}: too few submissions left for ${workers} workers`);
      dropped.add(round);
      continue;
    }
    round.txNumber = count;
    delete round.workload.arguments.submissions;
    round.workload.arguments.firstSubmission = first;
    first += count;
  }
  return rounds.filter((round) => !dropped.has(round));
}

function prepare(benchmarkFile, networkFile, fixtureFile) {
  const benchmark = CaliperUtils.parseYaml(benchmarkFile);
  const network = JSON.parse(fs.readFileSync(networkFile, 'utf8'));
  const chaincode = network.channels[0].contracts[0].id;
  const fixture = fixtureFile ? fixtures.load(fixtureFile) : null;
  const workers = benchmark.test.workers.number;
  let rounds = [];
  // YAML aliases share one object between rounds: copy each round before changing it.
  for (const round of benchmark.test.rounds.map((r) => JSON.parse(JSON.stringify(r)))) {
    const args = round.workload.arguments || {};
    round.workload.arguments = args;
    if (args.fixture === 'required') {
      if (!fixture) {
        say(`leaving out round ${round.label}: it needs the fixture of \`medfed bench round --caliper-fixture FILE\` `
          + '(MEDFED_CALIPER_FIXTURE=FILE)');
        continue;
      }
      args.fixture = path.resolve(fixtureFile);
    }
    args.chaincode = chaincode;
    rounds.push(round);
  }
  if (fixture) rounds = sliceSubmissions(rounds, fixture, workers);
  if (rounds.length === 0) throw new Error(`no round of ${benchmarkFile} can run`);
  benchmark.test.rounds = rounds;
  return benchmark;
}

const [benchmarkFile, networkFile, outFile, fixtureFile] = process.argv.slice(2);
if (!benchmarkFile || !networkFile || !outFile) {
  console.error('usage: node lib/prepare-benchmark.js BENCHMARK_YAML NETWORK_JSON OUT_JSON [FIXTURE]');
  process.exit(2);
}
try {
  fs.writeFileSync(outFile, JSON.stringify(prepare(benchmarkFile, networkFile, fixtureFile), null, 2));
} catch (error) {
  say(error.message);
  process.exit(1);
}
