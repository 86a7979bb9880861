using System.Buffers;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>
/// Seeded random and mutated input: the decoder may only return packets, ask for more bytes or throw
/// <see cref="MqttProtocolException"/>; every packet it returns must encode back to an equal packet.
/// </summary>
public sealed class MqttPacketDecoderFuzzTests
{
    private static readonly MqttProtocolVersion[] Versions = [MqttProtocolVersion.Unknown, MqttProtocolVersion.V311, MqttProtocolVersion.V500];

    [Fact]
    public void TryDecode_RandomBuffers_OnlyProtocolErrorsOrPackets()
    {
        var random = new Random(20261121);
        var outcomes = new Outcomes();
        for (var i = 0; i < 5_000; i++)
        {
            var buffer = new byte[random.Next(0, 48)];
            random.NextBytes(buffer);
            if (buffer.Length > 1)
            {
                // Keep remaining lengths plausible most of the time so bodies get parsed.
                buffer[1] = (byte)random.Next(0, buffer.Length);
            }

            Feed(buffer, Versions[i % Versions.Length], random.Next(1, 8), outcomes);
        }

        outcomes.Errors.Should().BeGreaterThan(0);
    }

    [Fact]
    public void TryDecode_MutatedValidPackets_OnlyProtocolErrorsOrPackets()
    {
        var random = new Random(4711);
        var seeds = MqttVectors.All.Select(v => (v.Bytes, v.Version))
            .Concat(MqttSamplePackets.V500.Select(p => (Codec.Encode(p, MqttProtocolVersion.V500), MqttProtocolVersion.V500)))
            .Concat(MqttSamplePackets.V311.Where(p => p is not PublishPacket).Select(p => (Codec.Encode(p, MqttProtocolVersion.V311), MqttProtocolVersion.V311)))
            .ToArray();
        var outcomes = new Outcomes();
        for (var i = 0; i < 20_000; i++)
        {
            var (bytes, version) = seeds[random.Next(seeds.Length)];
            Feed(Mutate(bytes, random), version, random.Next(1, 16), outcomes);
        }

        outcomes.Packets.Should().BeGreaterThan(1_000, "many mutations leave a valid packet");
        outcomes.Errors.Should().BeGreaterThan(1_000, "many mutations break the packet");
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var mutated = bytes.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(5))
            {
                case 0 when mutated.Count > 0:
                    mutated[random.Next(mutated.Count)] = (byte)random.Next(256);
                    break;
                case 1 when mutated.Count > 0:
                    mutated[random.Next(mutated.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    mutated.Insert(random.Next(mutated.Count + 1), (byte)random.Next(256));
                    break;
                case 3 when mutated.Count > 0:
                    mutated.RemoveAt(random.Next(mutated.Count));
                    break;
                default:
                    mutated.AddRange(bytes.Take(random.Next(bytes.Length + 1)));
                    break;
            }
        }

        return [.. mutated];
    }

    /// <summary>Decodes until the bytes run out or an error; checks each packet round-trips.</summary>
    private static void Feed(byte[] buffer, MqttProtocolVersion version, int segmentSize, Outcomes outcomes)
    {
        var reader = new SequenceReader<byte>(Codec.Segmented(buffer, segmentSize));
        try
        {
            while (MqttPacketDecoder.TryDecode(ref reader, version, 1_000_000, out var packet))
            {
                outcomes.Packets++;
                var packetVersion = packet is ConnectPacket connect ? connect.ProtocolVersion : version;
                var again = Codec.DecodeSingle(Codec.Encode(packet, packetVersion), packet is ConnectPacket ? MqttProtocolVersion.Unknown : packetVersion);
                Codec.Dump(again).Should().Be(Codec.Dump(packet), "input {0}", Convert.ToHexString(buffer));
                version = packetVersion;
            }
        }
        catch (MqttProtocolException)
        {
            outcomes.Errors++;
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{exception.GetType().Name} for input {Convert.ToHexString(buffer)} ({version}): {exception}");
        }
    }

    private sealed class Outcomes
    {
        public int Packets { get; set; }

        public int Errors { get; set; }
    }
}
