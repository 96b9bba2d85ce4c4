'use strict';
// Writes Caliper's network configuration (peer-gateway connector) from the profiles `network/network.sh up`
// wrote: one organisation per `<org>-user1.properties`, its peer, TLS root, and user1's certificate and key.
// Usage: node networks/make-network.js PROFILES_DIR OUT_DIR; prints the ledger engine the profiles name.
const fs = require('fs');
const path = require('path');

function properties(file) {
  const values = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  return values;
}

const [profilesDir, outDir] = process.argv.slice(2);
if (!profilesDir || !outDir) {
  console.error('usage: node networks/make-network.js PROFILES_DIR OUT_DIR');
  process.exit(2);
}
const profiles = fs.readdirSync(profilesDir).filter((f) => f.endsWith('-user1.properties')).sort();
if (profiles.length === 0) {
  console.error(`no <org>-user1.properties in ${profilesDir}: is the network up (network/network.sh up)?`);
  process.exit(1);
}
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
    identities: {
      certificates: [{
        name: `${org}-user1`,
        clientPrivateKey: { path: p.privateKey },
        clientSignedCert: { path: p.certificate },
      }],
    },
    connectionProfile: { path: ccp, discover: false },
  });
  engines.add(p.ledgerEngine || 'fabric');
  channel = p.channel;
  chaincode = p.chaincode;
}
const network = {
  name: 'medfed',
  version: '2.0.0',
  caliper: { blockchain: 'fabric' },
  channels: [{ channelName: channel, contracts: [{ id: chaincode }] }],
  organizations,
};
fs.writeFileSync(path.join(outDir, 'medfed.json'), JSON.stringify(network, null, 2));
console.log([...engines].join(','));
