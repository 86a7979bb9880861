using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.MqttCodec;

/// <summary>
/// Our encoder and decoder alone (no client) against the reference broker: mosquitto must accept
/// every packet we write and we must read every packet it writes, in both protocol versions.
/// </summary>
public sealed class MosquittoCodecInteropTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"proxus-codec-mosquitto-{Guid.NewGuid():N}");
    private ExternalProcess? _mosquitto;
    private int _port;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _port = LoopbackPort.GetFree();
        var config = Path.Combine(_directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {_port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        _mosquitto = ExternalProcess.Start("mosquitto", ["-c", config]);
        await LoopbackPort.WaitUntilListeningAsync(_port, Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task RawSession_ConnectSubscribePublishUnsubscribe_BrokerAndCodecAgree(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        using var cancellation = new CancellationTokenSource(Timeout);
        await using var connection = await RawConnection.OpenAsync(_port, cancellation.Token);

        await connection.SendAsync(new ConnectPacket { ProtocolVersion = version, ClientId = $"codec-{version}", KeepAliveSeconds = 30 }, version);
        var connAck = await connection.ReceiveAsync<ConnAckPacket>(version);
        connAck.ReasonCode.Should().Be(MqttReasonCode.Success);
        connAck.SessionPresent.Should().BeFalse();

        await connection.SendAsync(
            new SubscribePacket
            {
                PacketId = 1,
                SubscriptionIdentifier = v5 ? 42u : null,
                Subscriptions = [new MqttSubscription { TopicFilter = "codec/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }],
            },
            version);
        var subAck = await connection.ReceiveAsync<SubAckPacket>(version);
        subAck.PacketId.Should().Be(1);
        subAck.ReasonCodes.Should().Equal(MqttReasonCode.GrantedQoS1);

        var sent = new PublishPacket
        {
            Topic = "codec/é/temperature",
            PacketId = 2,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Payload = "{\"value\": 72.4}"u8.ToArray(),
            ContentType = "application/json",
            ResponseTopic = "codec/reply",
            CorrelationData = new byte[] { 1, 2, 3 },
            PayloadFormat = MqttPayloadFormat.Utf8,
            UserProperties = [new MqttUserProperty("site", "Lyon"), new MqttUserProperty("site", "Zürich")],
        };
        await connection.SendAsync(sent, version);

        // The broker may deliver our message to us before or after acknowledging it.
        var answers = new[] { await connection.ReceiveAsync<MqttPacket>(version), await connection.ReceiveAsync<MqttPacket>(version) };
        answers.OfType<PubAckPacket>().Should().ContainSingle().Which.PacketId.Should().Be(2);
        var delivered = answers.OfType<PublishPacket>().Should().ContainSingle().Subject;
        delivered.Topic.Should().Be(sent.Topic);
        delivered.Payload.ToArray().Should().Equal(sent.Payload.ToArray());
        delivered.QualityOfService.Should().Be(MqttQualityOfService.AtLeastOnce);
        if (v5)
        {
            delivered.ContentType.Should().Be(sent.ContentType);
            delivered.ResponseTopic.Should().Be(sent.ResponseTopic);
            delivered.CorrelationData!.Value.ToArray().Should().Equal(1, 2, 3);
            delivered.PayloadFormat.Should().Be(MqttPayloadFormat.Utf8);
            delivered.UserProperties.Should().Equal(sent.UserProperties);
            delivered.SubscriptionIdentifiers.Should().Equal(42u);
        }

        await connection.SendAsync(new PubAckPacket { PacketId = delivered.PacketId }, version);
        await connection.SendAsync(new UnsubscribePacket { PacketId = 3, TopicFilters = ["codec/#"] }, version);
        var unsubAck = await connection.ReceiveAsync<UnsubAckPacket>(version);
        unsubAck.PacketId.Should().Be(3);
        if (v5)
        {
            unsubAck.ReasonCodes.Should().Equal(MqttReasonCode.Success);
        }

        await connection.SendAsync(PingReqPacket.Instance, version);
        await connection.ReceiveAsync<PingRespPacket>(version);
        await connection.SendAsync(new DisconnectPacket(), version);
        (await connection.ReadToEndAsync()).Should().BeTrue("the broker closes after DISCONNECT");
    }

    [Fact]
    public async Task RawSession_QoS2ExchangeIn500_BrokerAndCodecAgree()
    {
        var version = MqttProtocolVersion.V500;
        using var cancellation = new CancellationTokenSource(Timeout);
        await using var connection = await RawConnection.OpenAsync(_port, cancellation.Token);
        await connection.SendAsync(new ConnectPacket { ClientId = "codec-qos2", SessionExpiryInterval = 0 }, version);
        (await connection.ReceiveAsync<ConnAckPacket>(version)).ReasonCode.Should().Be(MqttReasonCode.Success);

        await connection.SendAsync(new PublishPacket { Topic = "codec/nobody", PacketId = 9, QualityOfService = MqttQualityOfService.ExactlyOnce }, version);
        var pubRec = await connection.ReceiveAsync<PubRecPacket>(version);
        pubRec.PacketId.Should().Be(9);
        pubRec.ReasonCode.Should().BeOneOf(MqttReasonCode.Success, MqttReasonCode.NoMatchingSubscribers);
        await connection.SendAsync(new PubRelPacket { PacketId = 9 }, version);
        (await connection.ReceiveAsync<PubCompPacket>(version)).PacketId.Should().Be(9);

        await connection.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage }, version);
        (await connection.ReadToEndAsync()).Should().BeTrue();
    }

    /// <summary>A TCP connection that speaks only through <see cref="MqttPacketEncoder"/> and <see cref="MqttPacketDecoder"/>.</summary>
    private sealed class RawConnection : IAsyncDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly CancellationToken _cancellationToken;
        private readonly ArrayBufferWriter<byte> _received = new();

        private RawConnection(TcpClient client, CancellationToken cancellationToken)
        {
            _client = client;
            _stream = client.GetStream();
            _cancellationToken = cancellationToken;
        }

        public static async Task<RawConnection> OpenAsync(int port, CancellationToken cancellationToken)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return new RawConnection(client, cancellationToken);
        }

        public async Task SendAsync(MqttPacket packet, MqttProtocolVersion version)
        {
            var writer = new ArrayBufferWriter<byte>();
            MqttPacketEncoder.Encode(packet, version, writer);
            await _stream.WriteAsync(writer.WrittenMemory, _cancellationToken);
        }

        public async Task<T> ReceiveAsync<T>(MqttProtocolVersion version)
            where T : MqttPacket
        {
            while (true)
            {
                if (TryTake(version, out var packet))
                {
                    return packet.Should().BeAssignableTo<T>().Subject;
                }

                var memory = _received.GetMemory(4096);
                var count = await _stream.ReadAsync(memory, _cancellationToken);
                count.Should().BePositive("the broker must answer before closing");
                _received.Advance(count);
            }
        }

        /// <summary>True when the broker closes the connection without sending anything more.</summary>
        public async Task<bool> ReadToEndAsync()
        {
            var buffer = new byte[64];
            return await _stream.ReadAsync(buffer, _cancellationToken) == 0 && _received.WrittenCount == 0;
        }

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            return ValueTask.CompletedTask;
        }

        private bool TryTake(MqttProtocolVersion version, out MqttPacket packet)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_received.WrittenMemory));
            if (!MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out var decoded))
            {
                packet = null!;
                return false;
            }

            var rest = _received.WrittenSpan[(int)reader.Consumed..].ToArray();
            _received.Clear();
            _received.Write(rest);
            packet = decoded;
            return true;
        }
    }
}
