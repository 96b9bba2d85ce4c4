'use strict';
// The submitUpdate fixture that `medfed bench round --caliper-fixture FILE` writes (format: docs/performance.md):
// identities issued by the organisations' CAs, with certificate and key paths, and one valid, distinct
// round:submitUpdate argument per (participant, task, round), in round-robin order across identities. Read here
// once for the network config, the benchmark and the workloads, and checked before Caliper starts.
const fs = require('fs');

const VERSION = 1;

function fail(file, message) {
  throw new Error(`caliper fixture ${file}: ${message}`);
}

function text(file, where, value, field) {
  if (typeof value !== 'string' || value.length === 0) fail(file, `${where} has no "${field}"`);
  return value;
}

function load(file) {
  let fixture;
  try {
    fixture = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, `cannot be read as JSON (${error.message})`);
  }
  if (fixture.version !== VERSION) fail(file, `version ${fixture.version} is not ${VERSION}`);
  text(file, 'the fixture', fixture.engine, 'engine');
  if (!Array.isArray(fixture.identities) || fixture.identities.length === 0) fail(file, 'names no identities');
  if (!Array.isArray(fixture.submissions)) fail(file, 'has no "submissions" list');
  const identities = new Map();
  fixture.identities.forEach((identity, i) => {
    const where = `identity ${i}`;
    for (const field of ['name', 'mspId', 'certPath', 'keyPath']) text(file, where, identity[field], field);
    if (identities.has(identity.name)) fail(file, `identity ${identity.name} is listed twice`);
    identities.set(identity.name, identity);
  });
  fixture.submissions.forEach((submission, i) => {
    const where = `submission ${i}`;
    text(file, where, submission.taskId, 'taskId');
    text(file, where, submission.update, 'update');
    if (!identities.has(text(file, where, submission.identity, 'identity'))) {
      fail(file, `${where} names identity ${submission.identity}, which is not in "identities"`);
    }
    if (!Number.isInteger(submission.round) || submission.round < 1) fail(file, `${where} has no round number`);
  });
  return { ...fixture, identityByName: identities };
}

module.exports = { load };
