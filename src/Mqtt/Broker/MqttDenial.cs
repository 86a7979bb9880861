using System.Net;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>One refusal, reported to <see cref="IMqttBrokerHooks.OnDenied"/>.</summary>
public sealed record MqttDenial
{
    public required MqttDenialKind Kind { get; init; }

    public required string ClientId { get; init; }

    /// <summary>Null for a refused CONNECT.</summary>
    public object? Identity { get; init; }

    /// <summary>The topic (publish, will) or filter (subscribe); null for a refused CONNECT.</summary>
    public string? Topic { get; init; }

    public required MqttReasonCode ReasonCode { get; init; }

    public EndPoint? RemoteEndPoint { get; init; }
}
