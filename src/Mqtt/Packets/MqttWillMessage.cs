namespace Proxus.Mqtt.Packets;

/// <summary>The Will carried in CONNECT (MQTT 5.0 sections 3.1.2.5 and 3.1.3.2).</summary>
public sealed record MqttWillMessage
{
    public required string Topic { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    /// <summary>Seconds the server waits after the connection ends before publishing the will (5.0).</summary>
    public uint DelayInterval { get; init; }

    public MqttPayloadFormat PayloadFormat { get; init; }

    public uint? MessageExpiryInterval { get; init; }

    public string? ContentType { get; init; }

    public string? ResponseTopic { get; init; }

    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
