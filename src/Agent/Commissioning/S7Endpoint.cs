using Proxus.Drivers.S7;

namespace Proxus.Agent.Commissioning;

/// <summary>A Siemens S7 PLC reached over ISO-on-TCP.</summary>
public sealed record S7Endpoint : DeviceEndpoint
{
    public const int DefaultPort = 102;

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    public int Rack { get; init; }

    /// <summary>CPU slot: 2 for S7-300, 1 for S7-1200/1500 (the driver's default is 2).</summary>
    public int Slot { get; init; } = 2;

    public override string Scheme => DeviceEndpointParser.S7Scheme;

    /// <summary>
    /// Client options for this endpoint; <paramref name="timeout"/> bounds the connect and each
    /// request, <paramref name="retries"/> is how often a read is retried on a fresh connection.
    /// </summary>
    public S7ClientOptions ToClientOptions(TimeSpan timeout, int retries) => new()
    {
        Host = Host,
        Port = Port,
        Rack = Rack,
        Slot = Slot,
        ConnectTimeout = timeout,
        RequestTimeout = timeout,
        RetryCount = retries,
    };
}
