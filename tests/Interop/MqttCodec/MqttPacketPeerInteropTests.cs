using System.Buffers;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.MqttCodec;

/// <summary>
/// Our codec against an independent one, MQTT.js's packet library (mqtt-packet): every packet we
/// encode is parsed by the peer and written back by its generator; decoding the peer's bytes and
/// encoding them again must give our original bytes, so no field was lost or misread either way.
/// </summary>
public sealed class MqttPacketPeerInteropTests
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PeerReencode_EveryPacketTypeBothVersions_PreservesEveryField()
    {
        var cases = MqttPeerSamples.All.Select(sample => (sample.Version, Packet: sample.Packet, Bytes: Encode(sample.Packet, sample.Version))).ToList();
        var input = Path.Combine(Path.GetTempPath(), $"proxus-mqtt-packet-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(input, cases.Select(c => $"{(int)c.Version} {Convert.ToHexString(c.Bytes)}"));
        try
        {
            var lines = await RunPeerAsync(input);

            lines.Should().HaveCount(cases.Count);
            for (var i = 0; i < cases.Count; i++)
            {
                var (version, packet, bytes) = cases[i];
                var parts = lines[i].Split(' ');
                parts[0].Should().Be("ok", "mqtt-packet must accept our {0} ({1}): {2}", packet.Type, version, lines[i]);

                var peerBytes = Convert.FromHexString(parts[2]);
                var decoded = Decode(peerBytes, packet is ConnectPacket ? MqttProtocolVersion.Unknown : version);
                decoded.Type.Should().Be(packet.Type);
                Convert.ToHexString(Encode(decoded, version)).Should().Be(
                    Convert.ToHexString(bytes),
                    "the peer's {0} ({1}) must carry every field of ours; peer wrote {2}",
                    packet.Type,
                    version,
                    parts[2]);
            }
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static async Task<string[]> RunPeerAsync(string input)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Interop", "MqttCodec", "Peers", "mqtt-packet-reencode.js");
        var environment = new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules };
        await using var peer = ExternalProcess.Start("node", [script, input], environment: environment);
        await peer.WaitForExitAsync(PeerTimeout);
        peer.ExitCode.Should().Be(0, peer.StandardError);
        return peer.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var writer = new ArrayBufferWriter<byte>();
        MqttPacketEncoder.Encode(packet, version, writer);
        return writer.WrittenSpan.ToArray();
    }

    private static MqttPacket Decode(byte[] bytes, MqttProtocolVersion version)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out var packet).Should().BeTrue();
        reader.End.Should().BeTrue();
        return packet!;
    }
}
