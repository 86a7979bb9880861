// nodes7 (pure JavaScript S7 client) reading, and optionally first writing, a PLC for cross-checks.
// usage: node nodes7-client.js <port> <json {"reads": [address...], "writes": {address: value}}>
// Addresses use nodes7 syntax (DB1,REAL12  DB1,X0.3  DB1,S30.20  MW10  I0.1 ...).
// Prints one JSON line mapping each address to its value; dates as local "YYYY-MM-DDTHH:mm:ss.SSS".
'use strict';
const NodeS7 = require('nodes7');

const [port, json] = process.argv.slice(2);
const request = JSON.parse(json);
const connection = new NodeS7({ silent: true });
const timer = setTimeout(() => { console.error('nodes7 timed out'); process.exit(2); }, 20000);

function pad(value, width) {
  return String(value).padStart(width, '0');
}

function plain(value) {
  if (value instanceof Date) {
    return `${value.getFullYear()}-${pad(value.getMonth() + 1, 2)}-${pad(value.getDate(), 2)}T${pad(value.getHours(), 2)}:${pad(value.getMinutes(), 2)}:${pad(value.getSeconds(), 2)}.${pad(value.getMilliseconds(), 3)}`;
  }
  return value;
}

function readAll() {
  connection.addItems(request.reads);
  connection.readAllItems((bad, values) => {
    if (bad) {
      console.error('nodes7 read reported bad quality: ' + JSON.stringify(values));
      process.exit(1);
    }
    const output = {};
    for (const key of Object.keys(values)) {
      output[key] = plain(values[key]);
    }
    console.log(JSON.stringify(output));
    clearTimeout(timer);
    connection.dropConnection(() => process.exit(0));
  });
}

connection.initiateConnection({ port: Number(port), host: '127.0.0.1', rack: 0, slot: 1, timeout: 5000 }, (err) => {
  if (err !== undefined) {
    console.error('nodes7 connect failed: ' + err);
    process.exit(1);
  }
  const writes = request.writes || {};
  const names = Object.keys(writes);
  if (names.length === 0) {
    readAll();
    return;
  }
  connection.writeItems(names, names.map((name) => writes[name]), (bad) => {
    if (bad) {
      console.error('nodes7 write failed');
      process.exit(1);
    }
    readAll();
  });
});
