using System.Globalization;
using Proxus.Bench.Mqtt;
using Proxus.TestSupport;

// Usage: LoadGen [--server-dll PATH] [--duration SECONDS] [--warm-up SECONDS] [--scenarios a,b]
//                [--brokers mosquitto,proxus,proxus-metrics-off,...] [--timeline MILLISECONDS] [--readme PATH] [--command TEXT]
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var serverDll = options.GetValueOrDefault("--server-dll");
var withOurBroker = serverDll is not null && File.Exists(serverDll);
var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--duration", "10"), CultureInfo.InvariantCulture));
var warmUp = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--warm-up", "3"), CultureInfo.InvariantCulture));
TimeSpan? timeline = options.TryGetValue("--timeline", out var slice) ? TimeSpan.FromMilliseconds(double.Parse(slice, CultureInfo.InvariantCulture)) : null;
var selected = options.TryGetValue("--scenarios", out var names) ? names.Split(',') : null;
var scenarios = Scenarios.All.Where(s => selected is null || selected.Contains(s.Name)).ToList();
var brokers = options.GetValueOrDefault("--brokers", $"mosquitto,{ProxusVariant.Deployed}").Split(',')
    .Where(name => name == "mosquitto" || withOurBroker)
    .ToList();
var unknown = brokers.Where(name => name != "mosquitto" && ProxusVariant.Find(name) is null).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown broker(s): {string.Join(", ", unknown)}; known: mosquitto, {string.Join(", ", ProxusVariant.All.Select(v => v.Name))}");
    return 2;
}

using var pki = TestCertificates.Create("Proxus Bench CA");
using var clientCertificate = pki.IssueClient("bench-client");
var pkiDirectory = Directory.CreateTempSubdirectory("proxus-bench-pki-").FullName;
File.WriteAllText(Path.Combine(pkiDirectory, "ca.pem"), pki.Ca.ExportCertificatePem());
TestCertificates.WritePem(pki.Server, Path.Combine(pkiDirectory, "server.pem"), Path.Combine(pkiDirectory, "server.key"));
BrokerProcess.MakeReadable(pkiDirectory);

var results = new List<ScenarioResult>();
try
{
    foreach (var scenario in scenarios)
    {
        foreach (var name in brokers)
        {
            Console.Error.WriteLine($"==> {scenario.Name} on {name}");
            await using var broker = name == "mosquitto"
                ? await BrokerProcess.StartMosquittoAsync(pkiDirectory)
                : await BrokerProcess.StartProxusAsync(ProxusVariant.Find(name)!, probe: timeline is not null);
            ScenarioResult result;
            try
            {
                // The scenario once unmeasured (JIT and tiered recompilation of a .NET broker), then the broker
                // is let go idle again; mosquitto goes through the same.
                var identities = scenario.MutualTls && broker.Server is { } server
                    ? await ClientIdentities.EnrollAsync(server, scenario)
                    : ClientIdentities.Bench(scenario, pki.Ca, clientCertificate);
                await new ScenarioRunner(scenario, broker, identities, warmUp).RunAsync();
                await broker.WaitUntilIdleAsync();
                result = await new ScenarioRunner(scenario, broker, identities, duration) { TimelineSlice = timeline }.RunAsync();
            }
            catch (Exception)
            {
                Console.Error.WriteLine($"{name} failed the scenario; its log:{Environment.NewLine}{broker.Log}");
                throw;
            }

            Console.Error.WriteLine($"    {result.DeliveredPerSecond:N0} msg/s, {result.BrokerCpuMicrosPerMessage:N1} µs CPU/msg, p99 {result.P99Millis:N2} ms, lost {result.Lost}, dup {result.Duplicated}");
            results.Add(result);
        }
    }
}
finally
{
    Directory.Delete(pkiDirectory, recursive: true);
}

var table = ReportWriter.Table(results);
Console.WriteLine(table);
if (options.TryGetValue("--readme", out var readme))
{
    var existing = File.Exists(readme) ? File.ReadAllText(readme) : null;
    File.WriteAllText(readme, ReportWriter.Readme(existing, table, options.GetValueOrDefault("--command", "./proxus bench mqtt"), duration, warmUp, withOurBroker));
}

return 0;
