using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Mqtt;

/// <summary>The benchmark cases of bench/mqtt, all over MQTT 5.0.</summary>
public static class Scenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new() { Name = "fan-in-qos0", Publishers = 100, Subscribers = 1, Shape = ScenarioShape.FanIn, Qos = MqttQualityOfService.AtMostOnce },
        new() { Name = "fan-in-qos1", Publishers = 100, Subscribers = 1, Shape = ScenarioShape.FanIn },
        new() { Name = "fan-out-qos1", Publishers = 1, Subscribers = 100, Shape = ScenarioShape.FanOut, Window = 256 },
        new() { Name = "pairs-qos1", Publishers = 100, Subscribers = 100, Shape = ScenarioShape.Pairs },
        new() { Name = "pairs-qos1-16k", Publishers = 100, Subscribers = 100, Shape = ScenarioShape.Pairs, PayloadSize = 16 * 1024, Window = 16 },
        new() { Name = "pairs-qos1-mtls", Publishers = 100, Subscribers = 100, Shape = ScenarioShape.Pairs, MutualTls = true },
        new() { Name = "latency-10k-100pub", Publishers = 100, Subscribers = 1, Shape = ScenarioShape.FanIn, TargetRate = 10_000 },
        new() { Name = "latency-10k-1000pub", Publishers = 1000, Subscribers = 1, Shape = ScenarioShape.FanIn, TargetRate = 10_000 },
    ];
}
