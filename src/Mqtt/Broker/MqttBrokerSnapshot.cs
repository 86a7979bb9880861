namespace Proxus.Mqtt.Broker;

/// <summary>What a store hands the broker at start: retained messages and persistent sessions.</summary>
public sealed record MqttBrokerSnapshot
{
    public static readonly MqttBrokerSnapshot Empty = new();

    public IReadOnlyList<MqttRoutedMessage> RetainedMessages { get; init; } = [];

    public IReadOnlyList<MqttSessionState> Sessions { get; init; } = [];
}
