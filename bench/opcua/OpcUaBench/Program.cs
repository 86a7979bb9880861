using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Proxus.Drivers.OpcUa;

// Proxus side of the OPC UA benchmark: the same two measurements as node-client.js.
// Usage: OpcUaBench <endpointUrl> <seconds>   -> prints one JSON line
var endpoint = args[0];
var seconds = double.Parse(args.Length > 1 ? args[1] : "10", CultureInfo.InvariantCulture);
var nodes = Enumerable.Range(0, 1000).Select(i => new NodeId($"Dynamic.{i}", 1)).ToArray();
var pki = Directory.CreateTempSubdirectory("proxus-opcua-bench-").FullName;
var process = Process.GetCurrentProcess();

await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { EndpointUrl = endpoint, PkiDirectory = pki });
for (var i = 0; i < 20; i++)
{
    await client.ReadAsync(nodes);
}

var reads = 0;
var cpu = process.TotalProcessorTime;
var watch = Stopwatch.StartNew();
while (watch.Elapsed.TotalSeconds < seconds)
{
    var values = await client.ReadAsync(nodes);
    if (values.Count != 1000 || !values[0].Status.IsGood)
    {
        throw new InvalidOperationException("bad read");
    }

    reads++;
}

var readSeconds = watch.Elapsed.TotalSeconds;
process.Refresh();
var readCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;

await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
await subscription.AddItemsAsync(nodes.Select(n => new MonitoredItemOptions(n) { SamplingInterval = TimeSpan.Zero, QueueSize = 10 }).ToArray());
long notifications = 0;
using var stop = new CancellationTokenSource();
var drain = Task.Run(async () =>
{
    try
    {
        await foreach (var change in subscription.Changes.ReadAllAsync(stop.Token))
        {
            Interlocked.Increment(ref notifications);
        }
    }
    catch (OperationCanceledException)
    {
        // Measurement over.
    }
});
await Task.Delay(TimeSpan.FromSeconds(2));
Interlocked.Exchange(ref notifications, 0);
process.Refresh();
cpu = process.TotalProcessorTime;
watch.Restart();
await Task.Delay(TimeSpan.FromSeconds(seconds));
var count = Interlocked.Read(ref notifications);
var subSeconds = watch.Elapsed.TotalSeconds;
process.Refresh();
var subCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
await stop.CancelAsync();
await drain;
Directory.Delete(pki, recursive: true);

Console.WriteLine(JsonSerializer.Serialize(new
{
    read = new { readsPerSecond = reads / readSeconds, cpuMsPerRead = readCpuMs / reads },
    sub = new { notificationsPerSecond = count / subSeconds, cpuMsPer1000Notifications = subCpuMs / (count / 1000.0) },
}));
