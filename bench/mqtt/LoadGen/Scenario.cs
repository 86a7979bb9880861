using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Mqtt;

/// <summary>One benchmark case: who publishes what to whom, how fast, over which transport.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public required int Publishers { get; init; }

    public required int Subscribers { get; init; }

    /// <summary>How publishers and subscribers are wired (topics and filters).</summary>
    public required ScenarioShape Shape { get; init; }

    public MqttQualityOfService Qos { get; init; } = MqttQualityOfService.AtLeastOnce;

    public int PayloadSize { get; init; } = 64;

    public bool MutualTls { get; init; }

    /// <summary>Total messages per second across all publishers; null publishes as fast as flow control allows.</summary>
    public int? TargetRate { get; init; }

    /// <summary>Unacknowledged QoS 1 publishes each publisher keeps going.</summary>
    public int Window { get; init; } = 64;
}
