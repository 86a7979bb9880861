using System.Globalization;
using System.Text.Json;
using Proxus.Bench.OpcUa;

// Proxus side of the OPC UA benchmark: the same three measurements as node-client.js.
// Usage: OpcUaBench <endpointUrl> <seconds> <warmupSeconds> <loadEndpointUrls,comma-separated> <itemsPerLoadServer>
//   -> prints one JSON line
var endpoint = args[0];
var seconds = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
var loadEndpoints = args[3].Split(',', StringSplitOptions.RemoveEmptyEntries);
var itemsPerLoadServer = int.Parse(args[4], CultureInfo.InvariantCulture);

var pki = Directory.CreateTempSubdirectory("proxus-opcua-bench-").FullName;
try
{
    var read = await Measurements.ReadAsync(endpoint, pki, 1000, warmup, seconds);
    var sub = await Measurements.SubscribeAsync([endpoint], 1000, pki, warmup, seconds);
    var load = await Measurements.SubscribeAsync(loadEndpoints, itemsPerLoadServer, pki, warmup, seconds);
    Console.WriteLine(JsonSerializer.Serialize(new { read, sub, load }, JsonSerializerOptions.Web));
}
finally
{
    Directory.Delete(pki, recursive: true);
}
