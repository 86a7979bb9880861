using System.Buffers;
using Proxus.Server.Telemetry;

namespace Proxus.Bench.Ingest;

/// <summary>
/// Bytes the server's own ingest code allocates per row, measured in this process on the
/// benchmark's payloads: the consumer's hand-over (<see cref="IngestMessage"/>), the parser
/// (<see cref="TelemetryPoint"/>, shared units) and the binary COPY encoding. The broker's and the
/// MQTT client's allocations are not in it (they are the same for any consumer).
/// </summary>
public static class IngestAllocations
{
    public static double PerRow((string Topic, byte[] Payload)[] messages)
    {
        var options = new TelemetryOptions();
        var buffer = new ArrayBufferWriter<byte>(1024 * 1024);

        // Once to compile the code and fill the shared strings, once measured.
        Run(messages, options, buffer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(messages, options, buffer);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)messages.Length;
    }

    private static void Run((string Topic, byte[] Payload)[] messages, TelemetryOptions options, ArrayBufferWriter<byte> buffer)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (topic, payload) in messages)
        {
            var message = new IngestMessage(topic, payload);
            if (!TelemetryPayloadParser.TryParse(message, now, options, out var point, out var error))
            {
                throw new InvalidOperationException("The benchmark's payload is malformed: " + error);
            }

            TelemetryCopyEncoder.WriteRow(buffer, 1, point!);
            if (buffer.WrittenCount > 512 * 1024)
            {
                buffer.ResetWrittenCount();
            }
        }
    }
}
