'use strict';
// Writes Caliper's network configuration (peer-gateway connector) from the profiles `network/network.sh up`
// wrote: one organisation per `<org>-user1.properties`, its peer, TLS root, and user1's certificate and key. Given
// the submitUpdate fixture (lib/fixture.js), it adds the fixture's identities to their organisations, so that a
// workload can act as any of them (a request's invokerIdentity and invokerMspId pick the identity).
// Usage: node networks/make-network.js PROFILES_DIR OUT_DIR [FIXTURE]; prints the ledger engine the profiles name.
const fs = require('fs');
const path = require('path');
const fixtures = require('../lib/fixture');

function die(message) {
  console.error(message);
  process.exit(1);
}

function properties(file) {
  const values = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  return values;
}

function certificate(name, certPath, keyPath) {
  return { name, clientPrivateKey: { path: keyPath }, clientSignedCert: { path: certPath } };
}

/** The fixture's identities, each in its organisation; the fixture must come from the network that is up. */
function addFixtureIdentities(file, organizations, engine) {
  let fixture;
  try {
    fixture = fixtures.load(file);
  } catch (error) {
    die(error.message);
  }
  if (fixture.engine !== engine) {
    die(`caliper fixture ${file} was made on the ${fixture.engine} ledger but the ${engine} ledger is up; make a `
      + 'fresh one on this network (medfed bench round --caliper-fixture FILE)');
  }
  for (const identity of fixture.identities) {
    const organization = organizations.find((o) => o.mspid === identity.mspId);
    if (!organization) {
      die(`caliper fixture ${file}: identity ${identity.name} is of ${identity.mspId}, no organisation of this network`);
    }
    const certificates = organization.identities.certificates;
    if (certificates.some((c) => c.name === identity.name)) {
      die(`caliper fixture ${file}: identity ${identity.name} has the name of a profile's identity`);
    }
    certificates.push(certificate(identity.name, identity.certPath, identity.keyPath));
  }
}

const [profilesDir, outDir, fixtureFile] = process.argv.slice(2);
if (!profilesDir || !outDir) {
  console.error('usage: node networks/make-network.js PROFILES_DIR OUT_DIR [FIXTURE]');
  process.exit(2);
}
const profiles = fs.readdirSync(profilesDir).filter((f) => f.endsWith('-user1.properties')).sort();
if (profiles.length === 0) die(`no <org>-user1.properties in ${profilesDir}: is the network up (network/network.sh up)?`);
fs.mkdirSync(outDir, { recursive: true });
const organizations = [];
const engines = new Set();
let channel;
let chaincode;
for (const file of profiles) {
  const p = properties(path.join(profilesDir, file));
  const org = file.replace('-user1.properties', '');
  const [host, port] = p.peerEndpoint.split(':');
  const peer = `peer0.${org}.medfed.local`;
  const ccp = path.join(outDir, `${org}-ccp.json`);
  fs.writeFileSync(ccp, JSON.stringify({
    name: org,
    version: '1.0.0',
    client: { organization: p.mspId },
    organizations: { [p.mspId]: { mspid: p.mspId, peers: [peer] } },
    peers: {
      [peer]: {
        url: `grpcs://${host}:${port}`,
        tlsCACerts: { path: p.tlsCaCert },
        grpcOptions: { 'ssl-target-name-override': peer },
      },
    },
  }, null, 2));
  organizations.push({
    mspid: p.mspId,
    identities: { certificates: [certificate(`${org}-user1`, p.certificate, p.privateKey)] },
    connectionProfile: { path: ccp, discover: false },
  });
  engines.add(p.ledgerEngine || 'fabric');
  channel = p.channel;
  chaincode = p.chaincode;
}
const engine = [...engines].join(',');
if (fixtureFile) addFixtureIdentities(fixtureFile, organizations, engine);
const network = {
  name: 'medfed',
  version: '2.0.0',
  caliper: { blockchain: 'fabric' },
  channels: [{ channelName: channel, contracts: [{ id: chaincode }] }],
  organizations,
};
fs.writeFileSync(path.join(outDir, 'medfed.json'), JSON.stringify(network, null, 2));
console.log(engine);
