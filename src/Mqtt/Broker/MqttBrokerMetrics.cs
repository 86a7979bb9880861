using System.Diagnostics.Metrics;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// The broker's figures as the <c>Proxus.Mqtt.Broker</c> meter. Every instrument is observable: the
/// hot path only bumps the lock-free <see cref="MqttBrokerStatistics"/> counters it keeps for $SYS
/// anyway, and a collector reads them when it asks.
/// </summary>
public static class MqttBrokerMetrics
{
    public const string MeterName = "Proxus.Mqtt.Broker";

    private static readonly KeyValuePair<string, object?>[] QoSTags =
    [
        new("qos", "0"),
        new("qos", "1"),
        new("qos", "2"),
    ];

    private static readonly MqttDenialKind[] AclKinds = [MqttDenialKind.Publish, MqttDenialKind.Subscribe, MqttDenialKind.Will];

    internal static void Register(MqttBroker broker, IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        var statistics = broker.Statistics;
        meter.CreateObservableUpDownCounter("proxus.mqtt.connections", () => broker.ConnectionCount, "{connection}", "Transport connections being served, including those that have not sent CONNECT yet.");
        meter.CreateObservableUpDownCounter("proxus.mqtt.sessions", () => broker.SessionCount, "{session}", "Sessions known to the broker, connected or not.");
        meter.CreateObservableUpDownCounter("proxus.mqtt.retained_messages", () => broker.RetainedMessageCount, "{message}", "Retained messages held.");
        meter.CreateObservableUpDownCounter("proxus.mqtt.queued_messages", () => broker.QueuedMessageCount, "{message}", "Messages waiting behind a receive window or for an offline client, over every session.");
        meter.CreateObservableCounter("proxus.mqtt.messages.received", () => PerQoS(statistics.MessagesReceivedWith), "{message}", "PUBLISH packets accepted from clients, by QoS.");
        meter.CreateObservableCounter("proxus.mqtt.messages.sent", () => PerQoS(statistics.MessagesSentWith), "{message}", "PUBLISH packets written to clients, by QoS (resends included).");
        meter.CreateObservableCounter("proxus.mqtt.messages.dropped", () => statistics.MessagesDropped, "{message}", "Messages dropped because a session queue was full.");
        meter.CreateObservableCounter("proxus.mqtt.packets.received", () => statistics.PacketsReceived, "{packet}", "Control packets read from clients after their CONNECT.");
        meter.CreateObservableCounter("proxus.mqtt.packets.sent", () => statistics.PacketsSent, "{packet}", "Control packets written to clients.");
        meter.CreateObservableCounter("proxus.mqtt.received", () => statistics.BytesReceived, "By", "Bytes read from clients.");
        meter.CreateObservableCounter("proxus.mqtt.sent", () => statistics.BytesSent, "By", "Bytes written to clients.");
        meter.CreateObservableCounter("proxus.mqtt.authentication.failures", () => statistics.Denials(MqttDenialKind.Connect), "{connection}", "CONNECT packets refused by authentication.");
        meter.CreateObservableCounter("proxus.mqtt.authorization.denials", () => AclDenials(statistics), "{request}", "Publishes, subscriptions and wills refused by the ACL, by kind.");
    }

    private static Measurement<long>[] PerQoS(Func<MqttQualityOfService, long> read) =>
    [
        new(read(MqttQualityOfService.AtMostOnce), QoSTags[0]),
        new(read(MqttQualityOfService.AtLeastOnce), QoSTags[1]),
        new(read(MqttQualityOfService.ExactlyOnce), QoSTags[2]),
    ];

    private static Measurement<long>[] AclDenials(MqttBrokerStatistics statistics)
    {
        var measurements = new Measurement<long>[AclKinds.Length];
        for (var i = 0; i < AclKinds.Length; i++)
        {
            var kind = AclKinds[i];
            measurements[i] = new Measurement<long>(statistics.Denials(kind), new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));
        }

        return measurements;
    }
}
