using System.Globalization;
using Proxus.Agent.Buffering;
using Proxus.Bench.AgentBuffer;

// Usage: Proxus.Bench.AgentBuffer [RECORDS] [RECORD_BYTES] [SCRATCH_DIRECTORY]
// Prints one markdown table row per scenario, each in a fresh directory on the same disk.
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
var recordBytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var scratch = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "proxus-bench-agent-buffer");
var payload = new byte[recordBytes];
Random.Shared.NextBytes(payload);
var table = new ResultTable(records, recordBytes);

using (var area = new ScratchArea(scratch))
{
    table.Add("plain append, fsync every second (baseline)", records, Scenarios.PlainAppend(area.Fresh(), payload, records));
    table.Add("Enqueue, Interval (1 s)", records, Scenarios.Enqueue(area.Fresh(), FsyncPolicy.Interval, payload, records, producers: 1));
    table.Add("Enqueue, Interval, 4 producers", records, Scenarios.Enqueue(area.Fresh(), FsyncPolicy.Interval, payload, records, producers: 4));
    table.Add("Enqueue, Never", records, Scenarios.Enqueue(area.Fresh(), FsyncPolicy.Never, payload, records, producers: 1));
    var everyRecord = Math.Min(records, 1_000);
    table.Add("Enqueue, EveryRecord", everyRecord, Scenarios.Enqueue(area.Fresh(), FsyncPolicy.EveryRecord, payload, everyRecord, producers: 1));

    var filled = area.Fresh();
    Scenarios.Enqueue(filled, FsyncPolicy.Interval, payload, records, producers: 1);
    table.Add("Open (recovery scan of the full queue)", records, Scenarios.Open(filled), appends: false);
    table.Add("TryReadNext + Acknowledge (drain from disk)", records, Scenarios.Drain(filled, records), appends: false);
}

table.Print(Console.Out);
return 0;
