// Snap7's C++ S7Server (via node-snap7) as a reference PLC for the Proxus S7 client tests.
// usage: node snap7-server.js <s7-port> <db-list like 1:256,2:4096> <M/I/Q bytes> <timers/counters>
// Prints "ready <s7-port> <control-port>". The control port takes one command per line:
//   get <area> <index>                 -> hex of the whole area
//   set <area> <index> <offset> <hex>  -> ok
// Areas: db, mk (M), pe (I), pa (Q), tm (T), ct (C).
'use strict';
const net = require('net');
const snap7 = require('node-snap7');

const [port, dbList, byteAreaSize, timerCount] = process.argv.slice(2);
const server = new snap7.S7Server();
const areaCodes = { db: server.srvAreaDB, mk: server.srvAreaMK, pe: server.srvAreaPE, pa: server.srvAreaPA, tm: server.srvAreaTM, ct: server.srvAreaCT };

for (const entry of dbList.split(',')) {
  const [number, size] = entry.split(':').map(Number);
  server.RegisterArea(server.srvAreaDB, number, Buffer.alloc(size));
}
for (const area of ['mk', 'pe', 'pa']) {
  server.RegisterArea(areaCodes[area], Buffer.alloc(Number(byteAreaSize)));
}
for (const area of ['tm', 'ct']) {
  server.RegisterArea(areaCodes[area], Buffer.alloc(Number(timerCount) * 2));
}

if (!server.SetParam(server.LocalPort, Number(port)) || !server.StartTo('127.0.0.1')) {
  console.error('snap7 server failed to start: ' + server.ErrorText(server.LastError()));
  process.exit(1);
}

function handle(line) {
  const [command, area, index, offset, hex] = line.trim().split(/\s+/);
  const code = areaCodes[area];
  if (code === undefined) {
    return 'error unknown area';
  }
  const get = () => (area === 'db' ? server.GetArea(code, Number(index)) : server.GetArea(code));
  if (command === 'get') {
    return get().toString('hex');
  }
  if (command === 'set') {
    const buffer = Buffer.from(get());
    Buffer.from(hex, 'hex').copy(buffer, Number(offset));
    if (area === 'db') {
      server.SetArea(code, Number(index), buffer);
    } else {
      server.SetArea(code, buffer);
    }
    return 'ok';
  }
  return 'error unknown command';
}

const control = net.createServer((socket) => {
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString();
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      socket.write(handle(line) + '\n');
    }
  });
  socket.on('error', () => {});
});
control.listen(0, '127.0.0.1', () => {
  console.log(`ready ${port} ${control.address().port}`);
});

process.on('SIGTERM', () => { server.Stop(); process.exit(0); });
