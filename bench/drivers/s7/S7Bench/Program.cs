using System.Diagnostics;
using System.Globalization;
using Proxus.Drivers.S7;

// usage: Proxus.Bench.S7 <port> <tags> <seconds>
// Reads <tags> scattered REALs (DB1.DBD0, DB1.DBD8, ...) in one ReadManyAsync per cycle for
// <seconds> after a warm-up and prints "tags_per_second <n> cycles <n>".
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var tagCount = int.Parse(args[1], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
var tags = Enumerable.Range(0, tagCount).Select(i => S7Address.Parse(string.Create(CultureInfo.InvariantCulture, $"DB1.DBD{i * 8}:REAL"))).ToArray();

await using var client = new S7Client(new S7ClientOptions { Host = "127.0.0.1", Port = port, Slot = 1, PduSize = 960 });
for (var i = 0; i < 20; i++)
{
    await client.ReadManyAsync(tags);
}

var cycles = 0;
var clock = Stopwatch.StartNew();
while (clock.Elapsed < duration)
{
    var results = await client.ReadManyAsync(tags);
    if (results.Any(r => !r.IsSuccess))
    {
        throw new InvalidOperationException("A tag failed: " + results.First(r => !r.IsSuccess).Error!.Message);
    }

    cycles++;
}

var rate = cycles * tagCount / clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tags_per_second {rate:F0} cycles {cycles} pdu {client.PduSize}"));
