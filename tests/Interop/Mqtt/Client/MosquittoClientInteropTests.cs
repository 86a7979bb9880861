using System.Text;
using Proxus.Interop.Tests.Mqtt.Client.Support;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using static Proxus.Interop.Tests.Mqtt.Client.Support.InteropClients;

namespace Proxus.Interop.Tests.Mqtt.Client;

/// <summary>Our client against Debian's mosquitto 2.0.11 over plain TCP.</summary>
public sealed class MosquittoClientInteropTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task PublishSubscribe_EachQoS_DeliversEveryMessageInOrder(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await ConnectAsync(broker.Uri, "sub", version);
        await using var publisher = await ConnectAsync(broker.Uri, "pub", version);
        (await subscriber.SubscribeAsync("plant/+/temp", qos).WaitAsync(TestTimeout)).Should().Be((MqttReasonCode)qos);

        var publishes = Enumerable.Range(0, 200).Select(i => publisher.PublishAsync($"plant/line{i % 3}/temp", Encoding.UTF8.GetBytes(i.ToString()), qos).AsTask()).ToList();
        var results = await Task.WhenAll(publishes).WaitAsync(TestTimeout);

        results.Should().OnlyContain(code => code == MqttReasonCode.Success);
        var received = await subscriber.ReadAsync(200);
        received.Select(m => int.Parse(Encoding.UTF8.GetString(m.Payload.Span))).Should().Equal(Enumerable.Range(0, 200));
        received.Should().OnlyContain(m => m.QualityOfService == qos);
    }

    [Fact]
    public async Task Retained_NewSubscriber_GetsTheLastValueFlaggedRetain()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = await ConnectAsync(broker.Uri, "pub");
        await publisher.PublishAsync("acme/press/temp", Encoding.UTF8.GetBytes("70"), MqttQualityOfService.AtLeastOnce, retain: true).AsTask().WaitAsync(TestTimeout);
        await publisher.PublishAsync("acme/press/temp", Encoding.UTF8.GetBytes("72"), MqttQualityOfService.AtLeastOnce, retain: true).AsTask().WaitAsync(TestTimeout);

        await using var subscriber = await ConnectAsync(broker.Uri, "late");
        await subscriber.SubscribeAsync("acme/#").WaitAsync(TestTimeout);

        var retained = (await subscriber.ReadAsync(1)).Single();
        retained.Retain.Should().BeTrue();
        Encoding.UTF8.GetString(retained.Payload.Span).Should().Be("72");
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Will_ConnectionCut_BrokerPublishesTheWill(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpProxy(broker.Port);
        await using var watcher = await ConnectAsync(broker.Uri, "watcher", version);
        await watcher.SubscribeAsync("status/#").WaitAsync(TestTimeout);
        await using var agent = await ConnectAsync(Options(proxy.Uri, "agent-1", version) with
        {
            Will = new MqttWillMessage { Topic = "status/agent-1", Payload = Encoding.UTF8.GetBytes("offline"), QualityOfService = MqttQualityOfService.AtLeastOnce },
        });

        proxy.DropAll();

        var will = (await watcher.ReadAsync(1)).Single();
        will.Topic.Should().Be("status/agent-1");
        Encoding.UTF8.GetString(will.Payload.Span).Should().Be("offline");
    }

    [Fact]
    public async Task Will_NormalDisconnect_IsNotPublished()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var watcher = await ConnectAsync(broker.Uri, "watcher");
        await watcher.SubscribeAsync("status/#").WaitAsync(TestTimeout);
        var agent = await ConnectAsync(Options(broker.Uri, "agent-1") with
        {
            Will = new MqttWillMessage { Topic = "status/agent-1", Payload = Encoding.UTF8.GetBytes("offline") },
        });

        await agent.DisposeAsync();

        (await watcher.DrainAsync(TimeSpan.FromMilliseconds(500))).Should().BeEmpty();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PersistentSession_MessagesQueuedWhileOffline_AreDeliveredOnResume(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = Options(broker.Uri, "durable-sub", version) with { CleanStart = false, SessionExpiryInterval = 300 };
        // 5.0 starts clean and keeps the session by its expiry; 3.1.1 keeps it only with Clean Session 0.
        await using (var first = await ConnectAsync(options with { CleanStart = version == MqttProtocolVersion.V500 }))
        {
            await first.SubscribeAsync("orders/#", MqttQualityOfService.ExactlyOnce).WaitAsync(TestTimeout);
            await first.DisconnectAsync().WaitAsync(TestTimeout);
        }

        await using (var publisher = await ConnectAsync(broker.Uri, "pub", version))
        {
            for (var i = 0; i < 20; i++)
            {
                await publisher.PublishAsync($"orders/{i}", Encoding.UTF8.GetBytes(i.ToString()), (MqttQualityOfService)(1 + (i % 2))).AsTask().WaitAsync(TestTimeout);
            }
        }

        var resumed = new MqttClient(options);
        await using var _ = resumed;
        var connAck = await resumed.ConnectAsync().WaitAsync(TestTimeout);

        connAck.SessionPresent.Should().BeTrue();
        var received = await resumed.ReadAsync(20);
        received.Select(m => m.Topic).Should().Equal(Enumerable.Range(0, 20).Select(i => $"orders/{i}"));
        (await resumed.DrainAsync(TimeSpan.FromMilliseconds(300))).Should().BeEmpty("QoS 2 messages arrive once");
    }

    [Fact]
    public async Task Reconnect_ConnectionCut_ResumesSessionAndLosesNoQoS1Message()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpProxy(broker.Port);
        var options = Options(proxy.Uri, "resilient") with
        {
            CleanStart = false,
            SessionExpiryInterval = 300,
            Reconnect = new MqttReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaximumDelay = TimeSpan.FromMilliseconds(500) },
        };
        await using var subscriber = await ConnectAsync(options);
        var sessionResumed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Connected += (_, e) => sessionResumed.TrySetResult(e.ConnAck.SessionPresent);
        await subscriber.SubscribeAsync("line/#", MqttQualityOfService.AtLeastOnce).WaitAsync(TestTimeout);
        await using var publisher = await ConnectAsync(broker.Uri, "pub");

        for (var i = 0; i < 50; i++)
        {
            if (i == 25)
            {
                proxy.DropAll();
            }

            await publisher.PublishAsync("line/1", Encoding.UTF8.GetBytes(i.ToString()), MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(TestTimeout);
        }

        (await sessionResumed.Task.WaitAsync(TestTimeout)).Should().BeTrue();
        var seen = new HashSet<int>();
        using var cts = new CancellationTokenSource(TestTimeout);
        while (seen.Count < 50)
        {
            var message = await subscriber.Messages.ReadAsync(cts.Token);
            seen.Add(int.Parse(Encoding.UTF8.GetString(message.Payload.Span)));
        }

        seen.Should().BeEquivalentTo(Enumerable.Range(0, 50));
    }

    [Fact]
    public async Task SharedSubscription_TwoMembers_EachMessageGoesToOneOfThem()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var worker1 = await ConnectAsync(broker.Uri, "w1");
        await using var worker2 = await ConnectAsync(broker.Uri, "w2");
        await worker1.SubscribeAsync("$share/workers/jobs/#", MqttQualityOfService.AtLeastOnce).WaitAsync(TestTimeout);
        await worker2.SubscribeAsync("$share/workers/jobs/#", MqttQualityOfService.AtLeastOnce).WaitAsync(TestTimeout);
        await using var publisher = await ConnectAsync(broker.Uri, "pub");

        for (var i = 0; i < 40; i++)
        {
            await publisher.PublishAsync($"jobs/{i}", new byte[] { (byte)i }, MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(TestTimeout);
        }

        var got1 = await worker1.DrainAsync(TimeSpan.FromSeconds(1));
        var got2 = await worker2.DrainAsync(TimeSpan.FromMilliseconds(200));
        got1.Should().NotBeEmpty();
        got2.Should().NotBeEmpty();
        got1.Concat(got2).Select(m => m.Topic).Should().BeEquivalentTo(Enumerable.Range(0, 40).Select(i => $"jobs/{i}"));
    }

    [Fact]
    public async Task RequestResponse_MqttFiveProperties_TravelEndToEnd()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var responder = await ConnectAsync(broker.Uri, "responder");
        await using var requester = await ConnectAsync(broker.Uri, "requester");
        await responder.SubscribeAsync("svc/time/request").WaitAsync(TestTimeout);
        await requester.SubscribeAsync("svc/time/reply/requester").WaitAsync(TestTimeout);

        await requester.PublishAsync(new MqttApplicationMessage
        {
            Topic = "svc/time/request",
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ResponseTopic = "svc/time/reply/requester",
            CorrelationData = new byte[] { 1, 2, 3, 4 },
            ContentType = "application/json",
            PayloadFormat = MqttPayloadFormat.Utf8,
            MessageExpiryInterval = 60,
            UserProperties = [new MqttUserProperty("tenant", "acme"), new MqttUserProperty("tenant", "again")],
            Payload = Encoding.UTF8.GetBytes("{}"),
        }).AsTask().WaitAsync(TestTimeout);

        var request = (await responder.ReadAsync(1)).Single();
        request.ContentType.Should().Be("application/json");
        request.PayloadFormat.Should().Be(MqttPayloadFormat.Utf8);
        request.MessageExpiryInterval.Should().BeInRange(1u, 60u);
        request.UserProperties.Should().Equal(new MqttUserProperty("tenant", "acme"), new MqttUserProperty("tenant", "again"));
        await responder.PublishAsync(new MqttApplicationMessage
        {
            Topic = request.ResponseTopic!,
            CorrelationData = request.CorrelationData,
            Payload = Encoding.UTF8.GetBytes("12:00"),
        }).AsTask().WaitAsync(TestTimeout);

        var reply = (await requester.ReadAsync(1)).Single();
        reply.CorrelationData!.Value.ToArray().Should().Equal(1, 2, 3, 4);
        Encoding.UTF8.GetString(reply.Payload.Span).Should().Be("12:00");
    }

    [Fact]
    public async Task TopicAliases_ManyPublishesToFewTopics_ArriveWithFullTopics()
    {
        // mosquitto announces Topic Alias Maximum 10 by default, so our client aliases these topics.
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await ConnectAsync(broker.Uri, "sub");
        await using var publisher = await ConnectAsync(broker.Uri, "pub");
        await subscriber.SubscribeAsync("alias/#").WaitAsync(TestTimeout);

        for (var i = 0; i < 60; i++)
        {
            await publisher.PublishAsync($"alias/topic{i % 15}", new byte[] { (byte)i }, MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(TestTimeout);
        }

        var received = await subscriber.ReadAsync(60);
        received.Select(m => m.Topic).Should().Equal(Enumerable.Range(0, 60).Select(i => $"alias/topic{i % 15}"));
    }

    [Fact]
    public async Task MaximumPacketSize_AnnouncedByBroker_IsEnforcedBeforeSending()
    {
        await using var broker = await MosquittoBroker.StartAsync(extraConfiguration: "max_packet_size 2048");
        await using var client = await ConnectAsync(broker.Uri, "c");

        var error = await client.Invoking(c => c.PublishAsync("big", new byte[4096], MqttQualityOfService.AtLeastOnce).AsTask()).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.PacketTooLarge);
        (await client.PublishAsync("small", new byte[1024], MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(TestTimeout)).Should().Be(MqttReasonCode.NoMatchingSubscribers);
        client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task ReceiveMaximum_SmallBrokerWindow_ThousandConcurrentPublishesAllArrive()
    {
        await using var broker = await MosquittoBroker.StartAsync(extraConfiguration: "max_inflight_messages 5");
        await using var subscriber = await ConnectAsync(broker.Uri, "sub");
        await subscriber.SubscribeAsync("flow/#", MqttQualityOfService.ExactlyOnce).WaitAsync(TestTimeout);
        await using var publisher = await ConnectAsync(broker.Uri, "pub");

        var publishes = Enumerable.Range(0, 1000).Select(i => publisher.PublishAsync("flow/x", Encoding.UTF8.GetBytes(i.ToString()), (MqttQualityOfService)(1 + (i % 2))).AsTask()).ToList();
        var received = await subscriber.ReadAsync(1000);

        (await Task.WhenAll(publishes).WaitAsync(TestTimeout)).Should().OnlyContain(code => code == MqttReasonCode.Success);

        // Order is guaranteed per QoS (MQTT 5.0 section 4.6): QoS 2 messages are released later by their PUBREL.
        foreach (var qos in new[] { MqttQualityOfService.AtLeastOnce, MqttQualityOfService.ExactlyOnce })
        {
            received.Where(m => m.QualityOfService == qos).Select(m => int.Parse(Encoding.UTF8.GetString(m.Payload.Span)))
                .Should().Equal(Enumerable.Range(0, 1000).Where(i => (MqttQualityOfService)(1 + (i % 2)) == qos));
        }
    }
}
