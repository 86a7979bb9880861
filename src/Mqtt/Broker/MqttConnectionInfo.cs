using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Mqtt.Broker;

/// <summary>What the host knows about a transport connection it hands to the broker.</summary>
public sealed record MqttConnectionInfo
{
    public EndPoint? RemoteEndPoint { get; init; }

    /// <summary>A short transport name for hooks and logs: "tcp", "tls", "websocket", "memory".</summary>
    public string Transport { get; init; } = "tcp";

    /// <summary>The validated client certificate of a TLS transport, if any.</summary>
    public X509Certificate2? ClientCertificate { get; init; }
}
