using System.Diagnostics;
using System.Globalization;
using Proxus.Interop.Tests.Mqtt.Support;
using Proxus.Mqtt.Packets;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>Hostile and heavy load on the broker as the server hosts it, over loopback TCP, bounded in time.</summary>
public sealed class BrokerRobustnessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Connections_OneThousandConcurrent_AllServed()
    {
        await using var host = await BrokerHost.StartAsync();
        var connections = new List<RawMqttConnection>();
        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => RawMqttConnection.ConnectAsync(host.MqttPort, "load-" + i)));
            connections.AddRange(results.Select(r => r.Connection));

            results.Should().OnlyContain(r => r.ConnAck.ReasonCode == MqttReasonCode.Success);
            host.Broker.ConnectionCount.Should().Be(1_000);
            await Task.WhenAll(connections.Take(50).Select(async c =>
            {
                await c.SendAsync(PingReqPacket.Instance);
                await c.ReceiveAsync<PingRespPacket>();
            }));
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Misbehaving_GarbageAndStalledConnections_ClosedWhileWellBehavedClientsWork()
    {
        await using var host = await BrokerHost.StartAsync(o => o.ConnectTimeout = TimeSpan.FromSeconds(2));
        var random = new Random(1234);
        var garbage = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RawMqttConnection.OpenAsync(host.MqttPort)));
        var stalledBeforeConnect = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => RawMqttConnection.OpenAsync(host.MqttPort)));
        var stalledAfterConnect = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => RawMqttConnection.ConnectAsync(host.MqttPort, "stall-" + i, keepAlive: 1)));
        await using var subscriber = (await RawMqttConnection.ConnectAsync(host.MqttPort, "good-sub")).Connection;
        await using var publisher = (await RawMqttConnection.ConnectAsync(host.MqttPort, "good-pub")).Connection;
        await subscriber.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "good/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }] });
        await subscriber.ReceiveAsync<SubAckPacket>();

        foreach (var connection in garbage)
        {
            var bytes = new byte[256];
            random.NextBytes(bytes);
            await connection.SendRawAsync(bytes);
        }

        foreach (var connection in stalledBeforeConnect)
        {
            await connection.SendRawAsync(new byte[] { 0x10, 0x30, 0x00, 0x04, (byte)'M' });
        }

        foreach (var (connection, _) in stalledAfterConnect)
        {
            await connection.SendRawAsync(new byte[] { 0x32, 0x40, 0x00, 0x05, (byte)'g' });
        }

        for (ushort id = 1; id <= 100; id++)
        {
            await publisher.SendAsync(new PublishPacket { Topic = "good/t", Payload = BitConverter.GetBytes((int)id), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = id });
            (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.Success);
            var delivered = await subscriber.ReceiveAsync<PublishPacket>();
            await subscriber.SendAsync(new PubAckPacket { PacketId = delivered.PacketId });
        }

        var all = garbage.Concat(stalledBeforeConnect).Concat(stalledAfterConnect.Select(s => s.Connection)).ToList();
        await Task.WhenAll(all.Select(c => c.ReadUntilClosedAsync(Timeout)));
        host.Broker.ConnectionCount.Should().Be(2, "only the well-behaved clients remain");
        await Task.WhenAll(all.Select(c => c.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Announce256Megabytes_OneThousandStalledConnections_ClosedWithoutBuffering()
    {
        await using var host = await BrokerHost.StartAsync(o => o.ConnectTimeout = TimeSpan.FromMinutes(5));
        var before = WorkingSet();
        var connections = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => RawMqttConnection.OpenAsync(host.MqttPort)));
        try
        {
            await Task.WhenAll(connections.Select(c => c.SendRawAsync(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0x7F })));

            var closed = await Task.WhenAll(connections.Select(c => c.ReadUntilClosedAsync(Timeout)));

            closed.Should().OnlyContain(packets => packets.Count == 0);
            (WorkingSet() - before).Should().BeLessThan(100L * 1024 * 1024);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task KeepAlive65535_CappedByServerKeepAlive()
    {
        await using var host = await BrokerHost.StartAsync(o => o.MaximumKeepAlive = 300);

        var (connection, connAck) = await RawMqttConnection.ConnectAsync(host.MqttPort, "lazy", keepAlive: 65_535);
        await using var _ = connection;

        connAck.ServerKeepAlive.Should().Be(300);
    }

    [Fact]
    public async Task Publish10Megabytes_Limit256Kilobytes_RefusedWithPacketTooLarge()
    {
        await using var host = await BrokerHost.StartAsync(o => o.MaximumPacketSize = 256 * 1024);
        var (connection, connAck) = await RawMqttConnection.ConnectAsync(host.MqttPort, "big");
        await using var _ = connection;
        connAck.MaximumPacketSize.Should().Be(256 * 1024);

        var send = SendIgnoringResetAsync(connection, new PublishPacket { Topic = "big", Payload = new byte[10 * 1024 * 1024] });
        var packets = await connection.ReadUntilClosedAsync(Timeout);
        await send;

        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.PacketTooLarge);
    }

    [Fact]
    public async Task SubscriptionFlood_HundredThousandFilters_HitsLimitWhileOthersKeepWorking()
    {
        await using var host = await BrokerHost.StartAsync(o => o.MaximumSubscriptionsPerClient = 1_000);
        await using var flooder = (await RawMqttConnection.ConnectAsync(host.MqttPort, "flooder")).Connection;
        await using var subscriber = (await RawMqttConnection.ConnectAsync(host.MqttPort, "sub")).Connection;
        await using var publisher = (await RawMqttConnection.ConnectAsync(host.MqttPort, "pub")).Connection;
        await subscriber.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "work/#" }] });
        await subscriber.ReceiveAsync<SubAckPacket>();

        var flood = Task.Run(async () =>
        {
            var codes = new List<MqttReasonCode>();
            for (var batch = 0; batch < 100; batch++)
            {
                var filters = Enumerable.Range(0, 1_000).Select(i => new MqttSubscription { TopicFilter = $"flood/{batch}/{i}/+" }).ToList();
                await flooder.SendAsync(new SubscribePacket { PacketId = (ushort)(batch + 1), Subscriptions = filters });
                codes.AddRange((await flooder.ReceiveAsync<SubAckPacket>(Timeout)).ReasonCodes);
            }

            return codes;
        });
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            await publisher.SendAsync(new PublishPacket { Topic = "work/" + i.ToString(CultureInfo.InvariantCulture), Payload = "x"u8.ToArray() });
            (await subscriber.ReceiveAsync<PublishPacket>(Timeout)).Topic.Should().Be("work/" + i.ToString(CultureInfo.InvariantCulture));
        }

        var codes = await flood;
        codes.Should().HaveCount(100_000);
        codes.Take(1_000).Should().OnlyContain(c => c == MqttReasonCode.GrantedQoS0);
        codes.Skip(1_000).Should().OnlyContain(c => c == MqttReasonCode.QuotaExceeded);
        stopwatch.Elapsed.Should().BeLessThan(Timeout);
    }

    /// <summary>Sends what the broker will refuse midway: the write may fail once it closed the connection.</summary>
    private static async Task SendIgnoringResetAsync(RawMqttConnection connection, MqttPacket packet)
    {
        try
        {
            await connection.SendAsync(packet);
        }
        catch (IOException)
        {
            // The broker closed the connection after refusing the announced size.
        }
    }

    private static long WorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
