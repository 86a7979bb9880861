using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Proxus.Bench.MqttCodec;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

// Measures our codec on the broker's hot path (PUBLISH) with the same packets and the same method
// as peer.js: warm up, then rounds of a fixed number of operations, the median round reported.
// Prints "name<TAB>ns/op<TAB>bytes allocated/op" per scenario.
const string Topic = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C";
var payload = "{\"value\":72.4,\"unit\":\"degC\",\"quality\":\"good\",\"ts\":\"2026-11-21T10:00:00.123Z\"}"u8.ToArray();
var plain = new PublishPacket { Topic = Topic, PacketId = 1, QualityOfService = MqttQualityOfService.AtLeastOnce, Payload = payload };
var withProperties = plain with
{
    ContentType = "application/json",
    MessageExpiryInterval = 3600,
    UserProperties = [new MqttUserProperty("site", "SiteA"), new MqttUserProperty("source", "DB40.DBD12")],
};

var output = new ArrayBufferWriter<byte>(4096);
var plain311 = Encode(plain, MqttProtocolVersion.V311);
var properties500 = Encode(withProperties, MqttProtocolVersion.V500);

Scenario[] scenarios =
[
    new("encode PUBLISH 3.1.1", () => { output.ResetWrittenCount(); MqttPacketEncoder.Encode(plain, MqttProtocolVersion.V311, output); }),
    new("decode PUBLISH 3.1.1", () => Decode(plain311, MqttProtocolVersion.V311)),
    new("encode PUBLISH 5.0 + properties", () => { output.ResetWrittenCount(); MqttPacketEncoder.Encode(withProperties, MqttProtocolVersion.V500, output); }),
    new("decode PUBLISH 5.0 + properties", () => Decode(properties500, MqttProtocolVersion.V500)),
];

const int OperationsPerRound = 200_000;
const int Rounds = 9;
foreach (var scenario in scenarios)
{
    for (var i = 0; i < OperationsPerRound * 3; i++)
    {
        scenario.Operation();
    }

    var roundNanoseconds = new double[Rounds];
    long allocated = 0;
    for (var round = 0; round < Rounds; round++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < OperationsPerRound; i++)
        {
            scenario.Operation();
        }

        roundNanoseconds[round] = Stopwatch.GetElapsedTime(started).TotalNanoseconds / OperationsPerRound;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    }

    Array.Sort(roundNanoseconds);
    var bytesPerOperation = (double)allocated / (OperationsPerRound * Rounds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}\t{roundNanoseconds[Rounds / 2]:F1}\t{bytesPerOperation:F0}"));
}

static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
{
    var writer = new ArrayBufferWriter<byte>();
    MqttPacketEncoder.Encode(packet, version, writer);
    return writer.WrittenSpan.ToArray();
}

static void Decode(byte[] bytes, MqttProtocolVersion version)
{
    var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
    if (!MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out _))
    {
        throw new InvalidOperationException("The benchmark packet did not decode.");
    }
}
