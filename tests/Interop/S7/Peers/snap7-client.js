// Snap7's C++ S7Client (via node-snap7) reading and writing a PLC for cross-checks.
// usage: node snap7-client.js <port> <json operations>
// Operations: {"op":"read"|"write", "area":"DB"|"MK"|"PE"|"PA"|"TM"|"CT", "db":1, "start":0,
//              "amount":4, "wordLen":"Byte"|"Bit"|"Timer"|"Counter", "hex":"..." (write only)}
// Reads go through ReadMultiVars in groups of up to 20; writes through WriteArea.
// Prints one JSON line: the hex of every read, in order ("error <code>" for a failed item).
'use strict';
const snap7 = require('node-snap7');

const [port, json] = process.argv.slice(2);
const operations = JSON.parse(json);
const client = new snap7.S7Client();
const areas = { DB: client.S7AreaDB, MK: client.S7AreaMK, PE: client.S7AreaPE, PA: client.S7AreaPA, TM: client.S7AreaTM, CT: client.S7AreaCT };
const wordLengths = { Byte: client.S7WLByte, Bit: client.S7WLBit, Timer: client.S7WLTimer, Counter: client.S7WLCounter };

function fail(message) {
  console.error(message);
  process.exit(1);
}

client.SetParam(client.RemotePort, Number(port));
if (!client.ConnectTo('127.0.0.1', 0, 1)) {
  fail('connect failed: ' + client.ErrorText(client.LastError()));
}

const reads = [];
for (const op of operations) {
  const area = areas[op.area];
  const wordLen = wordLengths[op.wordLen || 'Byte'];
  if (op.op === 'write') {
    if (!client.WriteArea(area, op.db || 0, op.start, op.amount, wordLen, Buffer.from(op.hex, 'hex'))) {
      fail('write failed: ' + client.ErrorText(client.LastError()));
    }
  } else {
    reads.push({ Area: area, WordLen: wordLen, DBNumber: op.db || 0, Start: op.start, Amount: op.amount });
  }
}

const results = [];
for (let i = 0; i < reads.length; i += 20) {
  const answer = client.ReadMultiVars(reads.slice(i, i + 20));
  if (!answer) {
    fail('read failed: ' + client.ErrorText(client.LastError()));
  }
  for (const item of answer) {
    results.push(item.Result === 0 ? item.Data.toString('hex') : 'error ' + item.Result);
  }
}
client.Disconnect();
console.log(JSON.stringify(results));
