// node-opcua 2.182.2 client side of the OPC UA benchmark: the same four measurements as OpcUaBench.
// Usage: node node-client.js <endpointUrl> <seconds> <warmupSeconds> <settleSeconds> <loadEndpointUrls,comma-separated>
//                            <itemsPerLoadServer> <readDepth>
//   -> prints one JSON line
"use strict";
const { OPCUAClient, AttributeIds, TimestampsToReturn, MessageSecurityMode, SecurityPolicy, ClientMonitoredItemGroup } = require("node-opcua");

const endpoint = process.argv[2];
const seconds = parseFloat(process.argv[3]);
const warmup = parseFloat(process.argv[4]);
const settle = parseFloat(process.argv[5]);
const loadEndpoints = process.argv[6].split(",").filter((e) => e.length > 0);
const itemsPerLoadServer = parseInt(process.argv[7], 10);
const readDepth = parseInt(process.argv[8], 10);

// The CPU budget of the budgeted rows: bench/opcua/run starts this process inside a cgroup and names its quota
// file with the budgeted and the unlimited value; each measurement applies the budget after its warm-up, for
// its settling and measured periods, and lifts it afterwards (as OpcUaBench's CpuBudget does).
const fs = require("fs");
const setBudget = (value) => {
  const file = process.env.PROXUS_BENCH_BUDGET_FILE;
  if (file && value) { fs.writeFileSync(file, value); }
};
const applyBudget = () => setBudget(process.env.PROXUS_BENCH_BUDGET_ON);
const liftBudget = () => setBudget(process.env.PROXUS_BENCH_BUDGET_OFF);

const sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));
const cpuMs = (since) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
const dynamicNodes = (count) => Array.from({ length: count }, (_, i) => ({ nodeId: `ns=1;s=Dynamic.${i}`, attributeId: AttributeIds.Value }));

async function connect(url) {
  const client = OPCUAClient.create({
    endpointMustExist: false, securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None,
    connectionStrategy: { maxRetry: 1 }, requestedSessionTimeout: 60000,
    // Generous, as for our client: under a CPU budget of a few per cent of a core, start-up takes seconds.
    defaultTransactionTimeout: 60000, transportTimeout: 60000,
  });
  await client.connect(url);
  const session = await client.createSession();
  return { client, session };
}

async function close({ client, session }) {
  await session.close();
  await client.disconnect();
}

// Reads of 1,000 nodes in one request each, back to back from `depth` workers on one session, so that
// `depth` Read requests are in flight at any time (session.read returns a promise; the secure channel
// matches each response to its request by request id).
async function measureRead(depth) {
  const connection = await connect(endpoint);
  const nodes = dynamicNodes(1000);
  const readFor = async (ms) => {
    let reads = 0;
    const until = Date.now() + ms;
    const worker = async () => {
      while (Date.now() < until) {
        const values = await connection.session.read(nodes);
        if (values.length !== nodes.length || !values[0].statusCode.isGood()) { throw new Error("bad read"); }
        reads++;
      }
    };
    await Promise.all(Array.from({ length: depth }, worker));
    return reads;
  };
  await readFor(warmup * 1000);
  applyBudget();
  await readFor(settle * 1000);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const reads = await readFor(seconds * 1000);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = cpuMs(cpu);
  liftBudget();
  await close(connection);
  return { depth, readsPerSecond: reads / elapsed, cpuMsPerRead: used / reads, cpuPercent: used / (elapsed * 10) };
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
  applyBudget();
  await sleep(settle);
  const before = notifications;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await sleep(seconds);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = cpuMs(cpu);
  const count = notifications - before;
  liftBudget();
  for (const connection of connections) {
    await connection.subscription.terminate();
    await close(connection);
  }
  return {
    items: endpoints.length * itemsPerServer, notificationsPerSecond: count / elapsed,
    cpuMsPer1000Notifications: used / (count / 1000), cpuPercent: used / (elapsed * 10),
  };
}

async function main() {
  const read = await measureRead(1);
  const readPipelined = await measureRead(readDepth);
  const sub = await measureSubscribe([endpoint], 1000);
  const load = await measureSubscribe(loadEndpoints, itemsPerLoadServer);
  console.log(JSON.stringify({ read, readPipelined, sub, load }));
}

main().catch((err) => { console.error(err); process.exit(1); });
