namespace Proxus.Bench.MqttCodec;

/// <summary>One measured operation; the same names and packets are used by the peer's script.</summary>
internal sealed record Scenario(string Name, Action Operation);
