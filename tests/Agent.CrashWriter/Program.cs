using System.Buffers.Binary;
using System.Globalization;
using Proxus.Agent.Buffering;

// Usage: Proxus.Agent.CrashWriter DIRECTORY POLICY FIRST_NUMBER RECORD_BYTES [acknowledge-even | acknowledge-first]
// Enqueues records numbered FIRST_NUMBER, FIRST_NUMBER + 1, ... and prints "enqueued SEQUENCE NUMBER ok"
// once Enqueue returned for each, until the test kills the process. Record n holds n (8 bytes,
// little-endian) and then bytes (n + i) mod 256, so a reader can check every byte. With
// "acknowledge-even", a consumer reads alongside and acknowledges the even-numbered records, printing
// "acknowledging SEQUENCE NUMBER ok" before each Acknowledge call and "acknowledged SEQUENCE NUMBER ok"
// after it: a record is no longer owed from the first line on (a kill between the two lines may find
// its acknowledgement already checkpointed). With "acknowledge-first", the consumer acknowledges the
// first even-numbered record only, flushes the checkpoint, prints "checkpointed SEQUENCE NUMBER ok"
// and stops: a kill then always falls between the acknowledgement and its confirmation.
string[] modes = ["acknowledge-even", "acknowledge-first"];
if (args.Length is < 4 or > 5 || (args.Length == 5 && !modes.Contains(args[4])))
{
    await Console.Error.WriteLineAsync("usage: DIRECTORY POLICY FIRST_NUMBER RECORD_BYTES [acknowledge-even | acknowledge-first]");
    return 2;
}

var options = new DiskQueueOptions
{
    Directory = args[0],
    Fsync = Enum.Parse<FsyncPolicy>(args[1]),
    SegmentBytes = 16 * 1024,
    MaxRecordBytes = 4096,
    FsyncInterval = TimeSpan.FromMilliseconds(50),
};
var number = long.Parse(args[2], CultureInfo.InvariantCulture);
var record = new byte[int.Parse(args[3], CultureInfo.InvariantCulture)];
using var queue = DiskQueue.Open(options);
var output = TextWriter.Synchronized(Console.Out);
if (args.Length == 5)
{
    _ = Task.Run(async () =>
    {
        while (true)
        {
            await queue.WaitForRecordsAsync(CancellationToken.None);
            while (queue.TryReadNext(out var next))
            {
                var value = BinaryPrimitives.ReadInt64LittleEndian(next.Payload.Span);
                if (value % 2 == 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acknowledging {next.Sequence} {value} ok"));
                    queue.Acknowledge(next.Sequence);
                    if (args[4] == "acknowledge-first")
                    {
                        queue.Flush();
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpointed {next.Sequence} {value} ok"));
                        return;
                    }

                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acknowledged {next.Sequence} {value} ok"));
                }
            }
        }
    });
}

output.WriteLine("ready");
while (true)
{
    BinaryPrimitives.WriteInt64LittleEndian(record, number);
    for (var i = sizeof(long); i < record.Length; i++)
    {
        record[i] = (byte)(number + i);
    }

    var sequence = queue.Enqueue(record);
    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enqueued {sequence} {number} ok"));
    number++;
}
