using System.Text;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Broker.Persistence;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class FileStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "proxus-store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reload_RetainedAndSessions_Restored()
    {
        await using (var store = new MqttFileStore(_directory))
        {
            (await store.LoadAsync(CancellationToken.None)).Sessions.Should().BeEmpty();
            store.SetRetained(new MqttRoutedMessage { Topic = "a", Payload = "1"u8.ToArray(), Retain = true, UserProperties = [new MqttUserProperty("k", "v")] });
            store.SetRetained(new MqttRoutedMessage { Topic = "b", Payload = "2"u8.ToArray(), Retain = true });
            store.RemoveRetained("b");
            store.SaveSession(new MqttSessionState
            {
                ClientId = "c",
                SessionExpiryInterval = 60,
                Subscriptions = [new MqttStoredSubscription { TopicFilter = "x/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce, SubscriptionIdentifier = 5 }],
                Messages = [new MqttStoredMessage { Message = new MqttRoutedMessage { Topic = "x/1", Payload = "p"u8.ToArray() }, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 9 }],
                PendingIncomingQoS2 = [4],
            });
            store.SaveSession(new MqttSessionState { ClientId = "gone" });
            store.RemoveSession("gone");
            await store.FlushAsync(CancellationToken.None);
        }

        await using var reloaded = new MqttFileStore(_directory);
        var snapshot = await reloaded.LoadAsync(CancellationToken.None);

        var retained = snapshot.RetainedMessages.Should().ContainSingle().Subject;
        retained.Topic.Should().Be("a");
        retained.Payload.ToArray().Should().Equal("1"u8.ToArray());
        retained.UserProperties.Should().Equal(new MqttUserProperty("k", "v"));
        var session = snapshot.Sessions.Should().ContainSingle().Subject;
        session.ClientId.Should().Be("c");
        session.Subscriptions.Single().SubscriptionIdentifier.Should().Be(5);
        session.Messages.Single().PacketId.Should().Be(9);
        session.PendingIncomingQoS2.Should().Equal(4);
    }

    [Fact]
    public async Task Reload_TornLastLine_EarlierRecordsKept()
    {
        await using (var store = new MqttFileStore(_directory))
        {
            await store.LoadAsync(CancellationToken.None);
            store.SetRetained(new MqttRoutedMessage { Topic = "kept", Payload = "1"u8.ToArray() });
            await store.FlushAsync(CancellationToken.None);
            await File.AppendAllTextAsync(store.LogPath, "{\"Kind\":\"retain\",\"Key\":\"tor");
        }

        await using var reloaded = new MqttFileStore(_directory);
        var snapshot = await reloaded.LoadAsync(CancellationToken.None);

        snapshot.RetainedMessages.Select(m => m.Topic).Should().Equal("kept");
        (await File.ReadAllTextAsync(reloaded.LogPath)).Should().NotContain("tor\n", "the log is rewritten clean at load");
    }

    [Fact]
    public async Task ManyOverwrites_LogCompacted()
    {
        await using var store = new MqttFileStore(_directory);
        await store.LoadAsync(CancellationToken.None);

        for (var i = 0; i < 5_000; i++)
        {
            store.SetRetained(new MqttRoutedMessage { Topic = "t" + (i % 10), Payload = Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
            if (i % 500 == 0)
            {
                await store.FlushAsync(CancellationToken.None);
            }
        }

        await store.FlushAsync(CancellationToken.None);

        File.ReadAllLines(store.LogPath).Length.Should().BeLessThan(2_000);
    }

    [Fact]
    public async Task BrokerRestart_RetainedAndQueuedSessionMessagesSurvive()
    {
        await using (var store = new MqttFileStore(_directory))
        await using (var broker = await TestBroker.StartAsync(store: store))
        {
            var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 3600 });
            await subscriber.SubscribeAsync("t/#", MqttQualityOfService.AtLeastOnce);
            await subscriber.DisconnectAsync();
            await subscriber.DisposeAsync();
            await using var publisher = await broker.ConnectAsync("pub");
            await publisher.PublishAsync("t/retained", "r", MqttQualityOfService.AtLeastOnce, packetId: 1, retain: true);
            await publisher.PublishAsync("t/queued", "q", MqttQualityOfService.AtLeastOnce, packetId: 2);
            await publisher.ReceiveAsync<PubAckPacket>();
            await publisher.ReceiveAsync<PubAckPacket>();
        }

        await using var restartedStore = new MqttFileStore(_directory);
        await using var restarted = await TestBroker.StartAsync(store: restartedStore);
        restarted.Broker.RetainedMessageCount.Should().Be(1);
        await using var resumed = await restarted.ConnectAsync("sub", configure: c => c with { CleanStart = false, SessionExpiryInterval = 3600 });

        resumed.ConnAck!.SessionPresent.Should().BeTrue();
        var received = new List<string>();
        received.Add((await resumed.ReceiveAsync<PublishPacket>()).Topic);
        received.Add((await resumed.ReceiveAsync<PublishPacket>()).Topic);
        received.Should().BeEquivalentTo("t/retained", "t/queued");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
