// MQTT.js (mqtt 5.16) as an enterprise consumer authenticating with an OAuth2 access token:
// user name = client_id, password = the JWT, over ws:// or wss://, MQTT 5.
// Each scenario prints a line starting with OK (or REFUSED) and exits 0, or prints FAIL and exits 1.
//   consume URL USER TOKEN FILTER DENIED_TOPIC
//       subscribe to FILTER (expects QoS 1 granted), publish QoS 1 to DENIED_TOPIC (expects
//       PUBACK 0x87), print READY, then print OK with the topic and payload of the first message
//   refused URL USER TOKEN
//       expects the CONNECT to be refused; prints REFUSED and the CONNACK reason code
'use strict';
const crypto = require('crypto');
const mqtt = require('mqtt');

const TIMEOUT = 20000;
const fail = (message) => { console.log('FAIL ' + message); process.exit(1); };
setTimeout(() => fail('timeout'), 50000).unref();

function connect(url, user, token) {
  const options = {
    protocolVersion: 5, clientId: user + '-js-' + crypto.randomBytes(3).toString('hex'),
    username: user, password: token, reconnectPeriod: 0, connectTimeout: TIMEOUT,
  };
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, options);
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

async function consume(url, user, token, filter, deniedTopic) {
  const client = await connect(url, user, token);
  const granted = await client.subscribeAsync(filter, { qos: 1 });
  if (granted[0].qos !== 1) fail('subscription not granted: ' + JSON.stringify(granted));
  try {
    await client.publishAsync(deniedTopic, 'x', { qos: 1 });
    fail('publish accepted');
  } catch (error) {
    if (error.code !== 135) fail('publish refused with ' + error.code + ': ' + error.message);
  }
  const first = new Promise((resolve) => client.once('message', (topic, payload) => resolve(topic + ' ' + payload.toString())));
  console.log('READY');
  console.log('OK ' + await first);
  await client.endAsync();
}

async function refused(url, user, token) {
  try {
    const client = await connect(url, user, token);
    await client.endAsync();
    fail('connected');
  } catch (error) {
    console.log('REFUSED ' + error.code);
  }
}

async function main() {
  const [scenario, ...args] = process.argv.slice(2);
  if (scenario === 'consume') await consume(...args);
  else if (scenario === 'refused') await refused(...args);
  else fail('unknown scenario ' + scenario);
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
