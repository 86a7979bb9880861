using System.Globalization;
using System.Text.Json;
using Proxus.Bench.OpcUa;

// Proxus side of the OPC UA benchmark: the same four measurements as node-client.js.
// Usage: OpcUaBench <endpointUrl> <seconds> <warmupSeconds> <settleSeconds> <loadEndpointUrls,comma-separated>
//                   <itemsPerLoadServer> <readDepth> <pkiDirectory>
//   -> prints one JSON line. The PKI directory keeps the application instance certificate from one run to
//   the next (node-opcua's client keeps its own in its default PKI folder), so no run pays for an RSA key.
static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

var endpoint = args[0];
var phases = new Phases(Warmup: Seconds(args[2]), Settle: Seconds(args[3]), Measured: Seconds(args[1]));
var loadEndpoints = args[4].Split(',', StringSplitOptions.RemoveEmptyEntries);
var itemsPerLoadServer = int.Parse(args[5], CultureInfo.InvariantCulture);
var readDepth = int.Parse(args[6], CultureInfo.InvariantCulture);
var pki = args[7];

var read = await Measurements.ReadAsync(endpoint, pki, 1000, 1, phases);
var readPipelined = await Measurements.ReadAsync(endpoint, pki, 1000, readDepth, phases);
var sub = await Measurements.SubscribeAsync([endpoint], 1000, pki, phases);
var load = await Measurements.SubscribeAsync(loadEndpoints, itemsPerLoadServer, pki, phases);
Console.WriteLine(JsonSerializer.Serialize(new { read, readPipelined, sub, load }, JsonSerializerOptions.Web));
