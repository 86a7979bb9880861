using System.Runtime.InteropServices;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

/// <summary><see cref="MqttClientOptions.RecycleAcknowledgedPayloads"/>: payload memory is reused after acknowledgement, never before.</summary>
public sealed class MqttClientRecycledPayloadTests
{
    /// <summary>Payloads as large as a slab takes: 16 per slab.</summary>
    private const int PayloadSize = MqttPayloadArena.LargestSlabPayload;

    private const int PerSlab = MqttPayloadArena.SlabSize / PayloadSize;

    [Fact]
    public async Task Messages_AcknowledgedSlabs_ReusedWhileUnacknowledgedPayloadsStayIntact()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Recycling(server.Uri));
        await using var _client = client;
        var first = await ReceiveAsync(client, connection, firstId: 1, count: (2 * PerSlab) + 8);

        // The two full slabs go back; the third, with 8 payloads, keeps them unacknowledged.
        foreach (var message in first.Take(2 * PerSlab))
        {
            client.Acknowledge(message).Should().BeTrue();
        }

        var second = await ReceiveAsync(client, connection, firstId: 100, count: 2 * PerSlab);

        for (var i = 2 * PerSlab; i < first.Count; i++)
        {
            first[i].Payload.ToArray().Should().OnlyContain(b => b == 1 + i, "an unacknowledged payload is never overwritten");
        }

        for (var i = 0; i < second.Count; i++)
        {
            second[i].Payload.ToArray().Should().OnlyContain(b => b == 100 + i);
        }

        var firstSlabs = first.Take(2 * PerSlab).Select(ArrayOf).Distinct().ToList();
        firstSlabs.Should().HaveCount(2);
        second.Select(ArrayOf).Should().Contain(array => firstSlabs.Contains(array), "the acknowledged slabs are reused");
    }

    [Fact]
    public async Task Messages_QoS0_PayloadHasAnArrayOfItsOwn()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Recycling(server.Uri));
        await using var _client = client;

        await connection.SendAsync(Publish(0, MqttQualityOfService.AtMostOnce, size: 10));
        var message = await client.ReadMessageAsync();

        ArrayOf(message).Length.Should().Be(10);
        client.Acknowledge(message).Should().BeFalse();
    }

    [Fact]
    public async Task Messages_ConnectionEndsBeforeAcknowledgement_OldPayloadIntactAndRedeliveryAcknowledged()
    {
        await using var server = new ScriptedMqttServer();
        var options = Recycling(server.Uri) with { Reconnect = Options(server.Uri, reconnect: true).Reconnect, CleanStart = false, SessionExpiryInterval = 60 };
        var (client, first, _) = await server.ConnectAsync(options);
        await using var _client = client;
        await first.SendAsync(Publish(5, MqttQualityOfService.AtLeastOnce, PayloadSize));
        var before = await client.ReadMessageAsync();

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        await second.AcceptConnectAsync(new ConnAckPacket { SessionPresent = true });
        var redelivered = await ReceiveAsync(client, second, firstId: 5, count: PerSlab + 1);

        client.Acknowledge(before).Should().BeFalse("its connection has ended: the server redelivers it");
        before.Payload.ToArray().Should().OnlyContain(b => b == 5, "a payload never acknowledged is never reused");
        for (var i = 0; i < redelivered.Count; i++)
        {
            redelivered[i].Payload.ToArray().Should().OnlyContain(b => b == 5 + i);
            client.Acknowledge(redelivered[i]).Should().BeTrue();
            (await second.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be((ushort)(5 + i));
        }

        ArrayOf(redelivered[0]).Should().NotBeSameAs(ArrayOf(before), "each connection cuts its payloads from slabs of its own");
    }

    private static async Task<List<MqttApplicationMessage>> ReceiveAsync(MqttClient client, ScriptedServerConnection connection, int firstId, int count)
    {
        var messages = new List<MqttApplicationMessage>();
        for (var id = firstId; id < firstId + count; id++)
        {
            await connection.SendAsync(Publish((ushort)id, MqttQualityOfService.AtLeastOnce, PayloadSize));
            messages.Add(await client.ReadMessageAsync());
        }

        return messages;
    }

    private static MqttClientOptions Recycling(Uri server) => Options(server) with
    {
        ManualAcknowledgement = true,
        RecycleAcknowledgedPayloads = true,
    };

    /// <summary>Every byte of a test payload is its packet id (ids stay below 256).</summary>
    private static PublishPacket Publish(ushort id, MqttQualityOfService qos, int size) => new()
    {
        Topic = "Acme/SiteA/t",
        PacketId = id,
        QualityOfService = qos,
        Payload = Enumerable.Repeat((byte)id, size).ToArray(),
    };

    private static byte[] ArrayOf(MqttApplicationMessage message)
    {
        MemoryMarshal.TryGetArray(message.Payload, out var segment).Should().BeTrue();
        return segment.Array!;
    }
}
