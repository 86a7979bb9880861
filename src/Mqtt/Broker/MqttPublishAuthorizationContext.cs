using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>What the authorization hook sees of a PUBLISH (or of a will at CONNECT time).</summary>
public sealed record MqttPublishAuthorizationContext
{
    public required string ClientId { get; init; }

    public required object Identity { get; init; }

    public required string Topic { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    /// <summary>True when the message is the client's will, checked at CONNECT.</summary>
    public bool IsWill { get; init; }
}
