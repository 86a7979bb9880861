namespace Proxus.Bench.Mqtt;

/// <summary>What one scenario measured against one broker.</summary>
public sealed record ScenarioResult(
    string Scenario,
    string Broker,
    double DeliveredPerSecond,
    double BrokerCpuMicrosPerMessage,
    double P50Millis,
    double P99Millis,
    long Published,
    long Delivered,
    long Lost,
    long Duplicated);
