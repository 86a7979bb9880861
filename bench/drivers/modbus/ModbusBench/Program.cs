using System.Diagnostics;
using System.Globalization;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;

// usage: Proxus.Bench.Modbus PORT TAGS_FILE SECONDS planned|per-tag
// Reads the tags (one holding-register address per line) for SECONDS against a Modbus TCP server and
// prints "requests_per_poll polls tags_per_second requests_per_second".
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var addresses = File.ReadAllLines(args[1]).Where(l => l.Length > 0).Select(l => ushort.Parse(l, CultureInfo.InvariantCulture)).ToArray();
var duration = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
var planned = args[3] == "planned";
var tags = addresses.Select(a => new ModbusTag($"HR{a}", new ModbusAddress(ModbusArea.HoldingRegister, a), ModbusDataType.UInt16)).ToArray();

await using var client = new ModbusClient(new ModbusClientOptions { Port = port, RequestTimeout = TimeSpan.FromSeconds(5), Retries = 0 });
await client.ConnectAsync();
var requestsPerPoll = planned ? client.Planner.Plan(tags, client.Options.UnitId).Blocks.Count : tags.Length;

// Warm-up poll, then as many polls as fit in the duration.
await PollAsync();
var polls = 0;
var watch = Stopwatch.StartNew();
while (watch.Elapsed < duration)
{
    await PollAsync();
    polls++;
}

var seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{requestsPerPoll} {polls} {polls * tags.Length / seconds:F0} {polls * requestsPerPoll / seconds:F0}"));

async Task PollAsync()
{
    if (planned)
    {
        var values = await client.ReadTagsAsync(tags);
        if (values.Any(v => !v.IsGood))
        {
            throw new InvalidOperationException("A tag read failed: " + values.First(v => !v.IsGood).Error!.Message);
        }

        return;
    }

    foreach (var tag in tags)
    {
        await client.ReadHoldingRegistersAsync(tag.Address.Offset, 1);
    }
}
