using System.Globalization;
using System.Text.Json;
using Proxus.Bench.OpcUa;

// Proxus side of the OPC UA benchmark: one measurement per process, as node-client.js does it, so that
// bench/opcua/run can take the two clients' turns of one measurement back to back.
// Usage: OpcUaBench read <endpointUrl> <nodesPerRead> <depth> <seconds> <warmupSeconds> <settleSeconds> <serverPid> <pkiDirectory>
//        OpcUaBench subscribe <endpointUrls,comma-separated> <itemsPerServer> - <seconds> <warmupSeconds> <settleSeconds> <serverPids,comma-separated> <pkiDirectory>
//   -> prints one JSON line. The PKI directory keeps the application instance certificate from one run to
//   the next (node-opcua's client keeps its own in its default PKI folder), so no run pays for an RSA key.
static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
static int Integer(string text) => int.Parse(text, CultureInfo.InvariantCulture);

if (args.Length != 9 || args[0] is not ("read" or "subscribe"))
{
    Console.Error.WriteLine("usage: OpcUaBench read|subscribe <endpointUrls> <count> <depth|-> <seconds> <warmupSeconds> <settleSeconds> <serverPids> <pkiDirectory>");
    return 2;
}

var endpoints = args[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
var count = Integer(args[2]);
var phases = new Phases(Warmup: Seconds(args[5]), Settle: Seconds(args[6]), Measured: Seconds(args[4]));
var server = new ServerClock([.. args[7].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Integer)]);
var pki = args[8];
object result = args[0] == "read"
    ? await Measurements.ReadAsync(endpoints[0], pki, count, Integer(args[3]), phases, server)
    : await Measurements.SubscribeAsync(endpoints, count, pki, phases, server);
Console.WriteLine(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
return 0;
