// node-opcua reference server for the Proxus OPC UA client interop tests and benchmark.
// Usage: node opcua-server.js --port N --pki DIR [--export-cert FILE] [--max-nodes-per-read N]
//                             [--dynamic-count N] [--token-lifetime MS] [--trace-reads]
//                             [--delay-create-monitored-items-response MS]
// Prints "READY <endpointUrl>" once listening; with --trace-reads, "READ <nodeId> ..." for every
// Read request it serves (tests that prove values arrive by subscription count them). With
// --delay-create-monitored-items-response, the items are created at once but the response is sent
// MS later, so the items' first values reach the client (in a Publish response) before it.
"use strict";
const path = require("path");
const fs = require("fs");
const {
  OPCUAServer, OPCUACertificateManager, Variant, DataType, VariantArrayType, StatusCodes,
  SecurityPolicy, MessageSecurityMode, NodeId, QualifiedName, LocalizedText, coerceNodeId,
  ExpandedNodeId,
} = require("node-opcua");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = parseInt(arg("--port", "4840"), 10);
const pki = path.resolve(arg("--pki", "./pki"));
const exportCert = arg("--export-cert", "");
const maxNodesPerRead = parseInt(arg("--max-nodes-per-read", "100"), 10);
const dynamicCount = parseInt(arg("--dynamic-count", "1000"), 10);
const tokenLifetime = parseInt(arg("--token-lifetime", "600000"), 10);
const traceReads = process.argv.includes("--trace-reads");
const createResponseDelay = parseInt(arg("--delay-create-monitored-items-response", "0"), 10);

async function main() {
  const serverCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pki, "server"),
    automaticallyAcceptUnknownCertificate: true,
  });
  const userCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pki, "user"),
    automaticallyAcceptUnknownCertificate: true,
  });
  await serverCertificateManager.initialize();
  await userCertificateManager.initialize();

  const server = new OPCUAServer({
    port,
    hostname: "127.0.0.1",
    serverCertificateManager,
    userCertificateManager,
    defaultSecureTokenLifetime: tokenLifetime,
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: true,
    userManager: { isValidUser: (user, password) => user === "operator" && password === "secret" },
    maxConnectionsPerEndpoint: 100,
    serverCapabilities: {
      maxSessions: 100,
      operationLimits: { maxNodesPerRead, maxNodesPerWrite: maxNodesPerRead, maxNodesPerBrowse: 50,
        maxMonitoredItemsPerCall: 1000 },
    },
    buildInfo: { productName: "proxus-interop-node-opcua" },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  const namespace = addressSpace.getOwnNamespace();
  const folder = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: "Proxus", nodeId: "s=Proxus" });

  const scalars = namespace.addFolder(folder, { browseName: "Scalars", nodeId: "s=Scalars" });
  const add = (parent, name, dataType, value, extra) => namespace.addVariable({
    organizedBy: parent, browseName: name, nodeId: "s=" + name, dataType,
    accessLevel: "CurrentRead", userAccessLevel: "CurrentRead",
    valueRank: extra && extra.arrayType === VariantArrayType.Matrix ? 2 : (extra && extra.arrayType === VariantArrayType.Array ? 1 : -1),
    value: new Variant(Object.assign({ dataType, value }, extra || {})),
  });
  add(scalars, "Boolean", DataType.Boolean, true);
  add(scalars, "SByte", DataType.SByte, -100);
  add(scalars, "Byte", DataType.Byte, 200);
  add(scalars, "Int16", DataType.Int16, -30000);
  add(scalars, "UInt16", DataType.UInt16, 60000);
  add(scalars, "Int32", DataType.Int32, -2000000000);
  add(scalars, "UInt32", DataType.UInt32, 4000000000);
  add(scalars, "Int64", DataType.Int64, [0xffffffff, 0xfffffffe], { arrayType: VariantArrayType.Scalar }); // -2 as [high, low]
  add(scalars, "UInt64", DataType.UInt64, [0x12345678, 0x9abcdef0], { arrayType: VariantArrayType.Scalar });
  add(scalars, "Float", DataType.Float, 3.5);
  add(scalars, "Double", DataType.Double, 3.14159);
  add(scalars, "String", DataType.String, "Grüße from node-opcua");
  add(scalars, "DateTime", DataType.DateTime, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
  add(scalars, "Guid", DataType.Guid, "72962B91-FA75-4AE6-8D28-B404DC7DAF63");
  add(scalars, "ByteString", DataType.ByteString, Buffer.from([1, 2, 3, 254, 255]));
  add(scalars, "XmlElement", DataType.XmlElement, "<a>1</a>");
  add(scalars, "NodeId", DataType.NodeId, coerceNodeId("ns=1;s=Boolean"));
  add(scalars, "ExpandedNodeId", DataType.ExpandedNodeId, new ExpandedNodeId(1 /* NUMERIC */, 2258, 0, "urn:x", 3));
  add(scalars, "StatusCode", DataType.StatusCode, StatusCodes.BadNodeIdUnknown);
  add(scalars, "QualifiedName", DataType.QualifiedName, new QualifiedName({ namespaceIndex: 1, name: "Qn" }));
  add(scalars, "LocalizedText", DataType.LocalizedText, new LocalizedText({ locale: "en-US", text: "Hello" }));
  // A value the server still serves but no longer vouches for (the CLI prints its status code).
  add(scalars, "UncertainDouble", DataType.Double, 1.25).setValueFromSource(
    new Variant({ dataType: DataType.Double, value: 1.25 }), StatusCodes.UncertainLastUsableValue);
  const arrays = namespace.addFolder(folder, { browseName: "Arrays", nodeId: "s=Arrays" });
  add(arrays, "Int32Array", DataType.Int32, [1, -2, 3], { arrayType: VariantArrayType.Array });
  add(arrays, "DoubleArray", DataType.Double, [1.5, 2.5], { arrayType: VariantArrayType.Array });
  add(arrays, "StringArray", DataType.String, ["a", "", "c"], { arrayType: VariantArrayType.Array });
  add(arrays, "BooleanArray", DataType.Boolean, [true, false, true], { arrayType: VariantArrayType.Array });
  add(arrays, "DoubleMatrix", DataType.Double, [1, 2, 3, 4, 5, 6], { arrayType: VariantArrayType.Matrix, dimensions: [2, 3] });

  const writable = namespace.addFolder(folder, { browseName: "Writable", nodeId: "s=Writable" });
  for (const [name, dataType, value] of [["WritableDouble", DataType.Double, 0], ["WritableInt32", DataType.Int32, 0],
    ["WritableString", DataType.String, ""], ["WritableBoolean", DataType.Boolean, false]]) {
    namespace.addVariable({
      organizedBy: writable, browseName: name, nodeId: "s=" + name, dataType,
      accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
      value: new Variant({ dataType, value }),
    });
  }

  // Nodes that change every 100 ms: Dynamic.0 .. Dynamic.N-1 count ticks; Dynamic.Sine is analog.
  const dynamicFolder = namespace.addFolder(folder, { browseName: "Dynamic", nodeId: "s=Dynamic" });
  const dynamics = [];
  for (let i = 0; i < dynamicCount; i++) {
    dynamics.push(namespace.addVariable({
      organizedBy: dynamicFolder, browseName: "Dynamic." + i, nodeId: "s=Dynamic." + i,
      dataType: DataType.UInt32, minimumSamplingInterval: 0,
      value: new Variant({ dataType: DataType.UInt32, value: 0 }),
    }));
  }
  const sine = namespace.addVariable({
    organizedBy: dynamicFolder, browseName: "Sine", nodeId: "s=Sine", dataType: DataType.Double,
    minimumSamplingInterval: 0, value: new Variant({ dataType: DataType.Double, value: 0 }),
  });
  // An AnalogItem with an EURange of 0..100 (needed for percent deadbands) ramping by 1 every tick.
  const ramp = namespace.addAnalogDataItem({
    organizedBy: dynamicFolder, browseName: "Ramp", nodeId: "s=Ramp", dataType: "Double",
    minimumSamplingInterval: 0, engineeringUnitsRange: { low: 0, high: 100 },
    value: new Variant({ dataType: DataType.Double, value: 0 }),
  });
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    const now = new Date();
    for (const v of dynamics) {
      v.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: tick }), StatusCodes.Good, now);
    }
    ramp.setValueFromSource(new Variant({ dataType: DataType.Double, value: tick % 100 }), StatusCodes.Good, now);
    sine.setValueFromSource(new Variant({ dataType: DataType.Double, value: 100 * Math.sin(tick / 10) }), StatusCodes.Good, now);
  }, 100);

  if (traceReads) {
    server.on("request", (request) => {
      if (request.constructor.name === "ReadRequest") {
        console.log("READ " + (request.nodesToRead || []).map((item) => item.nodeId.toString()).join(" "));
      }
    });
  }

  if (createResponseDelay > 0) {
    const createMonitoredItems = server._on_CreateMonitoredItemsRequest;
    server._on_CreateMonitoredItemsRequest = function (message, channel) {
      const late = new Proxy(channel, {
        get(target, property) {
          if (property === "send_response") {
            return (...args) => setTimeout(() => target.send_response(...args), createResponseDelay);
          }
          const value = Reflect.get(target, property);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return createMonitoredItems.call(this, message, late);
    };
  }

  await server.start();
  if (exportCert) {
    fs.writeFileSync(exportCert, server.getCertificate());
  }
  console.log("READY " + server.getEndpointUrl());
  const stop = async () => { clearInterval(timer); await server.shutdown(0); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => { console.error("FAILED " + (err && err.stack || err)); process.exit(1); });
