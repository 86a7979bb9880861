// node-opcua 2.182.2 client side of the OPC UA benchmark: the same three measurements as OpcUaBench.
// Usage: node node-client.js <endpointUrl> <seconds> <warmupSeconds> <loadEndpointUrls,comma-separated> <itemsPerLoadServer>
//   -> prints one JSON line
"use strict";
const { OPCUAClient, AttributeIds, TimestampsToReturn, MessageSecurityMode, SecurityPolicy, ClientMonitoredItemGroup } = require("node-opcua");

const endpoint = process.argv[2];
const seconds = parseFloat(process.argv[3]);
const warmup = parseFloat(process.argv[4]);
const loadEndpoints = process.argv[5].split(",").filter((e) => e.length > 0);
const itemsPerLoadServer = parseInt(process.argv[6], 10);

const sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));
const cpuMs = (since) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
const dynamicNodes = (count) => Array.from({ length: count }, (_, i) => ({ nodeId: `ns=1;s=Dynamic.${i}`, attributeId: AttributeIds.Value }));

async function connect(url) {
  const client = OPCUAClient.create({
    endpointMustExist: false, securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None,
    connectionStrategy: { maxRetry: 1 }, requestedSessionTimeout: 60000,
  });
  await client.connect(url);
  const session = await client.createSession();
  return { client, session };
}

async function close({ client, session }) {
  await session.close();
  await client.disconnect();
}

// Read of 1,000 nodes in one request, back to back.
async function measureRead() {
  const connection = await connect(endpoint);
  const nodes = dynamicNodes(1000);
  const readChecked = async () => {
    const values = await connection.session.read(nodes);
    if (values.length !== nodes.length || !values[0].statusCode.isGood()) { throw new Error("bad read"); }
  };
  const warmUntil = Date.now() + warmup * 1000;
  while (Date.now() < warmUntil) { await readChecked(); }
  let reads = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const readUntil = Date.now() + seconds * 1000;
  while (Date.now() < readUntil) { await readChecked(); reads++; }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = cpuMs(cpu);
  await close(connection);
  return { readsPerSecond: reads / elapsed, cpuMsPerRead: used / reads };
}

// One session per endpoint, each with one subscription of itemsPerServer monitored items (sampling
// interval 0, publishing every 100 ms); the application looks at every value.
async function measureSubscribe(endpoints, itemsPerServer) {
  const connections = [];
  let notifications = 0;
  for (const url of endpoints) {
    const connection = await connect(url);
    connections.push(connection);
    connection.subscription = await connection.session.createSubscription2({
      requestedPublishingInterval: 100, requestedMaxKeepAliveCount: 10, requestedLifetimeCount: 600,
      maxNotificationsPerPublish: 0, publishingEnabled: true, priority: 0,
    });
    // In groups of at most 1,000 items: the server's MaxMonitoredItemsPerCall (our client batches by it too).
    const nodes = dynamicNodes(itemsPerServer);
    for (let start = 0; start < nodes.length; start += 1000) {
      const group = await ClientMonitoredItemGroup.create(connection.subscription, nodes.slice(start, start + 1000),
        { samplingInterval: 0, queueSize: 10, discardOldest: true }, TimestampsToReturn.Both);
      group.on("changed", (item, dataValue) => { if (typeof dataValue.value.value === "number") { notifications++; } });
    }
  }
  await sleep(warmup);
  const before = notifications;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await sleep(seconds);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = cpuMs(cpu);
  const count = notifications - before;
  for (const connection of connections) {
    await connection.subscription.terminate();
    await close(connection);
  }
  return { items: endpoints.length * itemsPerServer, notificationsPerSecond: count / elapsed, cpuMsPer1000Notifications: used / (count / 1000) };
}

async function main() {
  const read = await measureRead();
  const sub = await measureSubscribe([endpoint], 1000);
  const load = await measureSubscribe(loadEndpoints, itemsPerLoadServer);
  console.log(JSON.stringify({ read, sub, load }));
}

main().catch((err) => { console.error(err); process.exit(1); });
