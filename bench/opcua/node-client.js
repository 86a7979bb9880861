// node-opcua 2.182.2 client side of the OPC UA benchmark: one measurement per process, as OpcUaBench does it.
// Usage: node node-client.js read <endpointUrl> <nodesPerRead> <depth> <seconds> <warmupSeconds> <settleSeconds> <serverPid>
//        node node-client.js subscribe <endpointUrls,comma-separated> <itemsPerServer> - <seconds> <warmupSeconds> <settleSeconds> <serverPids,comma-separated>
//   -> prints one JSON line
"use strict";
const { OPCUAClient, AttributeIds, TimestampsToReturn, MessageSecurityMode, SecurityPolicy, ClientMonitoredItemGroup } = require("node-opcua");

const [measurement, urls, countText, depthText, secondsText, warmupText, settleText, pidsText] = process.argv.slice(2);
const endpoints = urls.split(",").filter((e) => e.length > 0);
const count = parseInt(countText, 10);
const seconds = parseFloat(secondsText);
const warmup = parseFloat(warmupText);
const settle = parseFloat(settleText);
const serverPids = pidsText.split(",").filter((p) => p.length > 0);

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

// What the peer servers' main threads did over the measured period (OpcUaBench's ServerClock reads the same
// file at the same points): CPU time on their main thread, and the share of the period they were asleep.
const schedstat = (pid) => fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ").map((x) => Number(x) / 1e6);
const serverClock = () => {
  const start = serverPids.map(schedstat);
  const t0 = Date.now();
  return () => {
    const wall = Date.now() - t0;
    let cpu = 0, idle = 0;
    serverPids.forEach((pid, i) => {
      const [run, wait] = schedstat(pid);
      cpu += run - start[i][0];
      idle += Math.max(0, wall - (run - start[i][0]) - (wait - start[i][1])) / wall;
    });
    return { cpu, idlePercent: (idle * 100) / serverPids.length };
  };
};

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
async function measureRead(endpoint, nodeCount, depth) {
  const connection = await connect(endpoint);
  const nodes = dynamicNodes(nodeCount);
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
  const server = serverClock();
  const start = process.hrtime.bigint();
  const reads = await readFor(seconds * 1000);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const served = server();
  const used = cpuMs(cpu);
  liftBudget();
  await close(connection);
  return {
    depth, readsPerSecond: reads / elapsed, cpuMsPerRead: used / reads, cpuPercent: used / (elapsed * 10),
    serverCpuMsPerRead: served.cpu / reads, serverIdlePercent: served.idlePercent,
  };
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
  const server = serverClock();
  const start = process.hrtime.bigint();
  await sleep(seconds);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const served = server();
  const used = cpuMs(cpu);
  const received = notifications - before;
  liftBudget();
  for (const connection of connections) {
    await connection.subscription.terminate();
    await close(connection);
  }
  return {
    items: endpoints.length * itemsPerServer, notificationsPerSecond: received / elapsed,
    cpuMsPer1000Notifications: used / (received / 1000), cpuPercent: used / (elapsed * 10),
    serverCpuMsPer1000Notifications: served.cpu / (received / 1000), serverIdlePercent: served.idlePercent,
  };
}

async function main() {
  const result = measurement === "read"
    ? await measureRead(endpoints[0], count, parseInt(depthText, 10))
    : await measureSubscribe(endpoints, count);
  console.log(JSON.stringify(result));
}

main().catch((err) => { console.error(err); process.exit(1); });
