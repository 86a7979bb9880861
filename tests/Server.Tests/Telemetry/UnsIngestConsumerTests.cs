using Proxus.Server.Tests.Support;
using static Proxus.Server.Tests.Support.TelemetrySamples;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>The UNS consumer against mosquitto: shared subscription, acknowledgement after commit, back-pressure, redelivery.</summary>
public sealed class UnsIngestConsumerTests : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(800);
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Consume_PipelineHoldsMessages_BrokerStopsAtTheWindowAndRedeliversToTheNextConsumer()
    {
        var clientId = NewClientId();
        var holding = new RecordingIngest();
        var tag = NewTag();
        await using (var first = await IngestConsumerHost.StartAsync(holding, _broker.Uri, clientId, Window(5)))
        {
            await using var publisher = await UnsPublisher.ConnectAsync(_broker.Uri);
            await publisher.PublishSeriesAsync(tag, Day, 20);

            await Eventually.HoldsAsync(() => holding.Count == 5, "the broker filled the consumer's window");
            await Task.Delay(Settle);
            holding.Count.Should().Be(5, "nothing is acknowledged, so the broker sends nothing more: it queues");
        }

        // The first node went away without acknowledging: its session keeps the 20 messages.
        var storing = new RecordingIngest { AutoComplete = true };
        await using var second = await IngestConsumerHost.StartAsync(storing, _broker.Uri, clientId, Window(5));
        await Eventually.HoldsAsync(() => storing.Count >= 20, "the session's messages were delivered again");
        storing.Submitted.Select(m => m.Topic).Should().OnlyContain(t => t == tag);
        storing.Submitted.Select(m => System.Text.Encoding.UTF8.GetString(m.Payload.Span)).Distinct().Should().HaveCount(20);
    }

    [Fact]
    public async Task Consume_PipelineCompletes_AcknowledgedAndNeverDeliveredAgain()
    {
        var clientId = NewClientId();
        var tag = NewTag();
        var storing = new RecordingIngest { AutoComplete = true };
        await using (var first = await IngestConsumerHost.StartAsync(storing, _broker.Uri, clientId))
        {
            await using var publisher = await UnsPublisher.ConnectAsync(_broker.Uri);
            await publisher.PublishSeriesAsync(tag, Day, 50);
            await Eventually.HoldsAsync(() => storing.Count == 50, "all 50 were consumed");
        }

        var again = new RecordingIngest { AutoComplete = true };
        await using var second = await IngestConsumerHost.StartAsync(again, _broker.Uri, clientId);
        await using (var publisher = await UnsPublisher.ConnectAsync(_broker.Uri))
        {
            await publisher.PublishAsync(tag, Payload(Day.AddDays(1), 1));
        }

        await Eventually.HoldsAsync(() => again.Count >= 1, "the new message arrived");
        await Task.Delay(Settle);
        again.Count.Should().Be(1, "the 50 acknowledged messages are not redelivered");
    }

    [Fact]
    public async Task Consume_TwoNodesInOneShareGroup_SplitTheMessagesWithoutOverlap()
    {
        var first = new RecordingIngest { AutoComplete = true };
        var second = new RecordingIngest { AutoComplete = true };
        await using var node1 = await IngestConsumerHost.StartAsync(first, _broker.Uri, NewClientId());
        await using var node2 = await IngestConsumerHost.StartAsync(second, _broker.Uri, NewClientId());
        var tags = Enumerable.Range(0, 200).Select(i => NewTag("T" + i)).ToList();

        await using (var publisher = await UnsPublisher.ConnectAsync(_broker.Uri))
        {
            foreach (var tag in tags)
            {
                await publisher.PublishAsync(tag, Payload(Day, 1));
            }
        }

        await Eventually.HoldsAsync(() => first.Count + second.Count >= 200, "every message reached one node");
        await Task.Delay(Settle);
        first.Count.Should().BePositive();
        second.Count.Should().BePositive();
        first.Submitted.Concat(second.Submitted).Select(m => m.Topic).Should().BeEquivalentTo(tags, "each message went to exactly one node of the group");
    }

    [Fact]
    public async Task Consume_ReservedProxusTopics_AcknowledgedButNotIngested()
    {
        var storing = new RecordingIngest { AutoComplete = true };
        var clientId = NewClientId();
        var tag = NewTag();
        await using (var node = await IngestConsumerHost.StartAsync(storing, _broker.Uri, clientId))
        {
            await using var publisher = await UnsPublisher.ConnectAsync(_broker.Uri);
            await publisher.PublishAsync($"proxus/agents/{Guid.NewGuid():D}/status", Payload(Day, 1));
            await publisher.PublishAsync(tag, Payload(Day, 2));
            await Eventually.HoldsAsync(() => storing.Count >= 1, "the UNS message arrived");
        }

        storing.Submitted.Select(m => m.Topic).Should().Equal(tag);
        var again = new RecordingIngest { AutoComplete = true };
        await using var restarted = await IngestConsumerHost.StartAsync(again, _broker.Uri, clientId);
        await Task.Delay(Settle);
        again.Count.Should().Be(0, "the status message was acknowledged, not left for redelivery");
    }

    private static string NewClientId() => "proxus-test-" + Guid.NewGuid().ToString("N");

    private static Action<Dictionary<string, string?>> Window(int receiveMaximum)
        => settings => settings["MqttConsumer:ReceiveMaximum"] = receiveMaximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
