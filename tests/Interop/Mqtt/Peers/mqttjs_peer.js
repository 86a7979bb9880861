// MQTT.js (mqtt 5.16) as an independent peer of the Proxus broker.
// Each scenario prints a line starting with OK and exits 0, or prints FAIL and exits 1.
//   roundtrip URL VERSION QOS COUNT [CA CERT KEY]   publish COUNT messages, expect them in order
//   retained URL VERSION                            a retained message reaches a later subscriber
//   will URL VERSION                                a dropped connection's will reaches a watcher
//   agent URL VERSION CA CERT KEY CLIENTID STATUS COMMAND UNS
//       over TLS as an agent: subscribe to COMMAND, publish STATUS and UNS (QoS 1, accepted),
//       print READY, then print OK with the payload of the first command received
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const mqtt = require('mqtt');

const TIMEOUT = 20000;
const fail = (message) => { console.log('FAIL ' + message); process.exit(1); };
setTimeout(() => fail('timeout'), 50000).unref();

function connect(url, version, extra = {}) {
  const options = { protocolVersion: Number(version), clientId: 'js-' + crypto.randomBytes(4).toString('hex'), reconnectPeriod: 0, connectTimeout: TIMEOUT, ...extra };
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, options);
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

function tlsOptions(args) {
  if (args.length < 3) return {};
  return { ca: fs.readFileSync(args[0]), cert: fs.readFileSync(args[1]), key: fs.readFileSync(args[2]), rejectUnauthorized: true };
}

async function roundtrip(url, version, qos, count, tlsArgs) {
  const topic = 'js/' + crypto.randomBytes(6).toString('hex');
  const tls = tlsOptions(tlsArgs);
  const subscriber = await connect(url, version, tls);
  const publisher = await connect(url, version, tls);
  const received = [];
  const done = new Promise((resolve) => subscriber.on('message', (t, payload, packet) => {
    if (t !== topic || packet.qos !== qos) fail(`unexpected ${t} qos ${packet.qos}`);
    received.push(payload.toString());
    if (received.length === count) resolve();
  }));
  await subscriber.subscribeAsync(topic, { qos });
  for (let i = 0; i < count; i++) await publisher.publishAsync(topic, String(i), { qos });
  await done;
  for (let i = 0; i < count; i++) if (received[i] !== String(i)) fail(`order ${received}`);
  await subscriber.endAsync();
  await publisher.endAsync();
  console.log('OK ' + count);
}

async function retained(url, version) {
  const topic = 'js/retained/' + crypto.randomBytes(6).toString('hex');
  const publisher = await connect(url, version);
  await publisher.publishAsync(topic, 'last-value', { qos: 1, retain: true });
  const subscriber = await connect(url, version);
  const got = new Promise((resolve) => subscriber.on('message', (t, payload, packet) => resolve([payload.toString(), packet.retain])));
  await subscriber.subscribeAsync(topic, { qos: 1 });
  const [payload, retain] = await got;
  if (payload !== 'last-value' || !retain) fail(`got ${payload} retain ${retain}`);
  await subscriber.endAsync();
  await publisher.endAsync();
  console.log('OK retained');
}

async function will(url, version) {
  const topic = 'js/will/' + crypto.randomBytes(6).toString('hex');
  const watcher = await connect(url, version);
  const got = new Promise((resolve) => watcher.on('message', (t, payload) => resolve(payload.toString())));
  await watcher.subscribeAsync(topic, { qos: 1 });
  const agent = await connect(url, version, { will: { topic, payload: Buffer.from('offline'), qos: 1, retain: false } });
  agent.stream.destroy();
  const payload = await got;
  if (payload !== 'offline') fail('will ' + payload);
  await watcher.endAsync();
  agent.end(true);
  console.log('OK will');
}

async function agent(url, version, [ca, cert, key, clientId, status, command, uns]) {
  const client = await connect(url, version, { ...tlsOptions([ca, cert, key]), clientId });
  const got = new Promise((resolve) => client.on('message', (t, payload) => resolve([t, payload.toString()])));
  const granted = await client.subscribeAsync(command, { qos: 1 });
  if (granted[0].qos >= 0x80) fail('command subscription refused: ' + granted[0].qos);
  for (const [topic, payload] of [[status, 'online'], [uns, '72.4']]) {
    const ack = await client.publishAsync(topic, payload, { qos: 1 });
    if (ack && ack.reasonCode >= 0x80) fail(`publish to ${topic} refused: ${ack.reasonCode}`);
  }
  console.log('READY');
  const [topic, payload] = await got;
  if (topic !== command) fail('message on ' + topic);
  await client.endAsync();
  console.log('OK ' + payload);
}

async function main() {
  const [scenario, url, version, ...rest] = process.argv.slice(2);
  if (scenario === 'roundtrip') await roundtrip(url, version, Number(rest[0]), Number(rest[1]), rest.slice(2));
  else if (scenario === 'retained') await retained(url, version);
  else if (scenario === 'will') await will(url, version);
  else if (scenario === 'agent') await agent(url, version, rest);
  else fail('unknown scenario ' + scenario);
  process.exit(0);
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
