// node-opcua 2.182.2 client side of the OPC UA benchmark: the same two measurements as OpcUaBench.
// Usage: node node-client.js <endpointUrl> <seconds>   -> prints one JSON line
"use strict";
const { OPCUAClient, AttributeIds, TimestampsToReturn, MessageSecurityMode, SecurityPolicy, ClientMonitoredItemGroup } = require("node-opcua");

const endpoint = process.argv[2];
const seconds = parseFloat(process.argv[3] || "10");
const nodes = Array.from({ length: 1000 }, (_, i) => ({ nodeId: `ns=1;s=Dynamic.${i}`, attributeId: AttributeIds.Value }));

async function main() {
  const client = OPCUAClient.create({
    endpointMustExist: false, securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None,
    connectionStrategy: { maxRetry: 1 }, requestedSessionTimeout: 60000,
  });
  await client.connect(endpoint);
  const session = await client.createSession();

  for (let i = 0; i < 20; i++) { await session.read(nodes); }
  let reads = 0;
  let cpu = process.cpuUsage();
  let start = process.hrtime.bigint();
  const readUntil = Date.now() + seconds * 1000;
  while (Date.now() < readUntil) {
    const values = await session.read(nodes);
    if (values.length !== 1000 || !values[0].statusCode.isGood()) { throw new Error("bad read"); }
    reads++;
  }
  let elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  let used = process.cpuUsage(cpu);
  const read = { readsPerSecond: reads / elapsed, cpuMsPerRead: (used.user + used.system) / 1000 / reads };

  const subscription = await session.createSubscription2({
    requestedPublishingInterval: 100, requestedMaxKeepAliveCount: 10, requestedLifetimeCount: 600,
    maxNotificationsPerPublish: 0, publishingEnabled: true, priority: 0,
  });
  let notifications = 0;
  const group = await ClientMonitoredItemGroup.create(subscription, nodes,
    { samplingInterval: 0, queueSize: 10, discardOldest: true }, TimestampsToReturn.Both);
  group.on("changed", () => { notifications++; });
  await new Promise((r) => setTimeout(r, 2000));
  notifications = 0;
  cpu = process.cpuUsage();
  start = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  used = process.cpuUsage(cpu);
  const count = notifications;
  const sub = { notificationsPerSecond: count / elapsed, cpuMsPer1000Notifications: (used.user + used.system) / 1000 / (count / 1000) };
  await subscription.terminate();
  await session.close();
  await client.disconnect();
  console.log(JSON.stringify({ read, sub }));
}

main().catch((err) => { console.error(err); process.exit(1); });
