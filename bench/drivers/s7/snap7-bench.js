// Snap7's C++ S7Client (node-snap7) reading scattered DB tags in its best form: blocking
// ReadMultiVars calls of 20 items (Snap7's MaxVars), no callback hop per request.
// usage: node snap7-bench.js <port> <tags> <seconds>   prints "tags_per_second <n> cycles <n>"
'use strict';
const snap7 = require('node-snap7');

const [port, tagCount, seconds] = process.argv.slice(2).map(Number);
const client = new snap7.S7Client();
client.SetParam(client.RemotePort, port);
client.SetParam(client.PDURequest, 960);
if (!client.ConnectTo('127.0.0.1', 0, 1)) {
  console.error('connect failed: ' + client.ErrorText(client.LastError()));
  process.exit(1);
}

const batches = [];
for (let first = 0; first < tagCount; first += 20) {
  const batch = [];
  for (let i = first; i < Math.min(first + 20, tagCount); i++) {
    batch.push({ Area: client.S7AreaDB, WordLen: client.S7WLByte, DBNumber: 1, Start: i * 8, Amount: 4 });
  }
  batches.push(batch);
}

function cycle() {
  for (const batch of batches) {
    const results = client.ReadMultiVars(batch);
    if (!results || results.some((r) => r.Result !== 0)) {
      console.error('read failed: ' + client.ErrorText(client.LastError()));
      process.exit(1);
    }
  }
}

for (let i = 0; i < 20; i++) {
  cycle();
}
let cycles = 0;
const start = process.hrtime.bigint();
const limit = BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() - start < limit) {
  cycle();
  cycles++;
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`tags_per_second ${Math.round((cycles * tagCount) / elapsed)} cycles ${cycles} pdu ${client.PDULength()}`);
client.Disconnect();
