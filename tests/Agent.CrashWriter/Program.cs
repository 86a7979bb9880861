using System.Buffers.Binary;
using System.Globalization;
using Proxus.Agent.Buffering;

// Usage: Proxus.Agent.CrashWriter DIRECTORY POLICY FIRST_NUMBER RECORD_BYTES
// Enqueues records numbered FIRST_NUMBER, FIRST_NUMBER + 1, ... and prints "SEQUENCE NUMBER ok" once
// Enqueue returned for each, until the test kills the process. Record n holds n (8 bytes, little-endian)
// and then bytes (n + i) mod 256, so a reader can check every byte.
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: DIRECTORY POLICY FIRST_NUMBER RECORD_BYTES");
    return 2;
}

var options = new DiskQueueOptions
{
    Directory = args[0],
    Fsync = Enum.Parse<FsyncPolicy>(args[1]),
    SegmentBytes = 64 * 1024,
    MaxRecordBytes = 4096,
    MaxBytes = 1L << 30,
};
var number = long.Parse(args[2], CultureInfo.InvariantCulture);
var record = new byte[int.Parse(args[3], CultureInfo.InvariantCulture)];
using var queue = DiskQueue.Open(options);
var output = Console.Out;
await output.WriteLineAsync("ready");
while (true)
{
    BinaryPrimitives.WriteInt64LittleEndian(record, number);
    for (var i = sizeof(long); i < record.Length; i++)
    {
        record[i] = (byte)(number + i);
    }

    var sequence = queue.Enqueue(record);
    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sequence} {number} ok"));
    number++;
}
