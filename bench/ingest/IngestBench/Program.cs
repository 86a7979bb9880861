using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Proxus.Bench.Ingest;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.TestSupport;

// Usage: IngestBench --server-dll PATH [--tags N] [--values-per-tag N] [--publishers N] [--rounds N] [--generator raw|client] [--readme PATH] [--command TEXT] [--Telemetry:Key value] [--MqttConsumer:Key value] [--Mqtt:Broker:Key value] [--DOTNET_GCKey value]
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var serverDll = Path.GetFullPath(options["--server-dll"]);
var tags = int.Parse(options.GetValueOrDefault("--tags", "1000"), CultureInfo.InvariantCulture);
var valuesPerTag = int.Parse(options.GetValueOrDefault("--values-per-tag", "1000"), CultureInfo.InvariantCulture);
var publishers = int.Parse(options.GetValueOrDefault("--publishers", "4"), CultureInfo.InvariantCulture);
var rounds = int.Parse(options.GetValueOrDefault("--rounds", "3"), CultureInfo.InvariantCulture);
if (rounds < 1)
{
    throw new ArgumentException("--rounds is at least 1.");
}

var generator = options.GetValueOrDefault("--generator", "raw");
if (generator is not ("raw" or "client"))
{
    throw new ArgumentException("--generator is raw (pre-encoded packets) or client (our MQTT client).");
}

var useClient = generator == "client";
// The server runs with its defaults; a setting given on the command line overrides one.
var tuning = new Dictionary<string, string>();
foreach (var (key, value) in options.Where(o => o.Key.StartsWith("--Telemetry:", StringComparison.Ordinal) || o.Key.StartsWith("--MqttConsumer:", StringComparison.Ordinal) || o.Key.StartsWith("--Mqtt:Broker:", StringComparison.Ordinal)))
{
    tuning[key[2..]] = value;
}

// Runtime settings of the garbage collector, in place of those of the server's deployments (ServerUnderTest.ProductionEnvironment).
var runtime = options.Where(o => o.Key.StartsWith("--DOTNET_GC", StringComparison.Ordinal)).ToDictionary(o => o.Key[2..], o => o.Value);

var rows = (long)tags * valuesPerTag;
var bytesPerRow = IngestAllocations.PerRow(LoadGenerator.Prepare(1, tags, Math.Min(valuesPerTag, 100), LoadGenerator.Day)[0]);

// The runtime's background thread that recompiles hot methods (".NET Tiered Compilation Worker", cut to 15 characters).
const string TieredCompilerThread = ".NET Tiered Com";
const int MaxWarmupRounds = 10;
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var token = cancellation.Token;

Console.Error.WriteLine("==> starting PostgreSQL");
await using var postgres = await PostgresServer.StartAsync();
var databaseName = await postgres.CreateDatabaseAsync();
var connectionString = postgres.ConnectionString(databaseName);
await using var database = NpgsqlDataSource.Create(connectionString);

var measured = new List<IngestRound>();
await using (var server = await ServerUnderTest.StartAsync(serverDll, connectionString, tuning, runtime))
{
    Console.Error.WriteLine("==> waiting for the server's UNS consumer");
    await using (var probe = new MqttClient(new MqttClientOptions { Server = server.Broker, ClientId = "bench-probe" }))
    {
        await probe.ConnectAsync(token);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await Measurements.CountAsync(database, token) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The server stored nothing: " + server.Output);
            }

            await probe.PublishAsync("Acme/Bench/Probe/Line1/Probe/Alive", LoadGenerator.Payload(DateTimeOffset.UtcNow, 1, 0), MqttQualityOfService.AtLeastOnce, cancellationToken: token);
            await Task.Delay(500, token);
        }
    }

    // Sustained ingest, not a cold start: rounds of the same traffic on earlier days until the tiered
    // JIT has recompiled the server's hot paths (its background compiler used under 3 % of the
    // server's CPU during a round and the second after it), then those rows go. Each round waits on
    // the server's counter at /metrics, as the measured run does, so that path is warm too.
    var warmupValues = Math.Max(1, valuesPerTag / 5);
    for (var round = 1; round <= MaxWarmupRounds; round++)
    {
        var warmupStored = await server.StoredAsync(token) + ((long)tags * warmupValues);
        var (serverBefore, jitBefore) = (CpuTime.Of(server.ProcessId), CpuTime.OfThreads(server.ProcessId, TieredCompilerThread));
        await using (var warmup = await LoadGenerator.ConnectAsync(server.Broker, publishers, $"warmup{round}", useClient, token))
        {
            await warmup.Arm(LoadGenerator.Prepare(publishers, tags, warmupValues, LoadGenerator.Day.AddDays(-round)))(token);
        }

        await server.WaitForStoredAsync(warmupStored, TimeSpan.FromMinutes(5), token);
        await Task.Delay(TimeSpan.FromSeconds(1), token);
        var jitShare = (CpuTime.OfThreads(server.ProcessId, TieredCompilerThread) - jitBefore) / Math.Max(0.01, CpuTime.Of(server.ProcessId) - serverBefore);
        Console.Error.WriteLine($"==> warm-up round {round}: {(long)tags * warmupValues:N0} values; the tiered JIT used {jitShare:P0} of the server's CPU");
        if (jitShare < 0.03)
        {
            break;
        }
    }

    // Each round: the end-to-end run, then psql's COPY of the rows it stored, back to back, so that
    // both sides of a round's ratio see the machine in the same state; the server stays up, idle,
    // during the COPY. Both start on an empty table after a checkpoint.
    for (var number = 1; number <= rounds; number++)
    {
        var loadAtStart = Report.LoadAverage();
        await Measurements.ExecuteAsync(database, "TRUNCATE telemetry", token);
        await Measurements.ExecuteAsync(database, "CHECKPOINT", token);

        Console.Error.WriteLine($"==> round {number} of {rounds}: {rows:N0} QoS 1 values ({tags:N0} tags) from {publishers} publishers ({generator}) through our broker into PostgreSQL");
        await using var load = await LoadGenerator.ConnectAsync(server.Broker, publishers, $"agent{number}", useClient, token);
        var publish = load.Arm(LoadGenerator.Prepare(publishers, tags, valuesPerTag, LoadGenerator.Day));
        var storedBefore = await server.StoredAsync(token);
        var jitAtStart = CpuTime.OfThreads(server.ProcessId, TieredCompilerThread);
        var start = new SeriesPoint(0, 0, CpuUse.Measure(server.ProcessId, postgres.ProcessId), server.Gc);
        var stopwatch = Stopwatch.StartNew();
        var publishing = TimeAsync(publish(token), stopwatch);
        var series = await IngestProgress.FollowAsync(server, postgres.ProcessId, storedBefore, rows, stopwatch, start, TimeSpan.FromMinutes(5), token);
        var publishSeconds = await publishing;
        var cpu = series[^1].Cpu - series[0].Cpu;
        // The compiler thread ends when it has been idle a while, and its time goes with it: at least this much.
        Console.Error.WriteLine($"==> the tiered JIT used at least {Math.Max(0, CpuTime.OfThreads(server.ProcessId, TieredCompilerThread) - jitAtStart):F2} s of the server's {cpu.Server:F2} s of CPU during the run");
        var counted = await Measurements.CountAsync(database, token);
        if (counted != rows)
        {
            throw new InvalidOperationException($"The server reported {rows:N0} values committed but the table holds {counted:N0} rows.");
        }

        Console.Error.WriteLine($"==> round {number} of {rounds}: raw COPY of the same rows by psql into the same table");
        var (copied, copySeconds, copyPostgresCpu, copyPsqlCpu) = await RawCopy.RunAsync(database, postgres, databaseName, token);
        if (copied != rows)
        {
            throw new InvalidOperationException($"The raw COPY loaded {copied:N0} rows, expected {rows:N0}.");
        }

        var measuredRound = new IngestRound
        {
            Number = number,
            Rows = rows,
            IngestSeconds = series[^1].Seconds,
            PublishSeconds = publishSeconds,
            Series = series,
            CopySeconds = copySeconds,
            CopyPostgresCpu = copyPostgresCpu,
            CopyPsqlCpu = copyPsqlCpu,
            Load = $"{loadAtStart} at the start, {Report.LoadAverage()} at the end",
        };
        measured.Add(measuredRound);
        Console.Error.WriteLine($"==> round {number}: {measuredRound.IngestRate:N0} rows/s end to end, {measuredRound.CopyRate:N0} rows/s raw COPY: {measuredRound.Ratio:P0}");
    }
}

await Measurements.ExecuteAsync(database, "TRUNCATE telemetry", token);
Console.Error.WriteLine("==> one tag-day at 1 Hz aggregated to 1,000 buckets");
var (medianMs, p95Ms, buckets) = await AggregateQuery.RunAsync(database, connectionString, token);

var result = new IngestResult
{
    Rows = rows,
    Publishers = publishers,
    Generator = generator,
    Rounds = measured,
    MedianMs = medianMs,
    P95Ms = p95Ms,
    Buckets = buckets,
    IngestCodeBytesPerRow = bytesPerRow,
};
var table = Report.Table(result);
Console.WriteLine(table);
if (options.TryGetValue("--readme", out var readme))
{
    var previous = File.Exists(readme) ? await File.ReadAllTextAsync(readme, token) : string.Empty;
    await File.WriteAllTextAsync(readme, Report.Readme(table, options.GetValueOrDefault("--command", "./proxus bench ingest"), tuning.Concat(runtime).ToDictionary(), previous), token);
}

static async Task<double> TimeAsync(Task task, Stopwatch clock)
{
    await task;
    return clock.Elapsed.TotalSeconds;
}
