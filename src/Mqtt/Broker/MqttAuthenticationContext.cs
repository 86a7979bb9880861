using System.Net;
using System.Security.Cryptography.X509Certificates;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>What the authentication hook sees of a CONNECT and its transport.</summary>
public sealed record MqttAuthenticationContext
{
    public required string ClientId { get; init; }

    public required MqttProtocolVersion ProtocolVersion { get; init; }

    public string? Username { get; init; }

    public ReadOnlyMemory<byte>? Password { get; init; }

    /// <summary>The certificate the client presented in the TLS handshake, already validated by the transport.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    public EndPoint? RemoteEndPoint { get; init; }

    /// <summary>The transport name given by the host (e.g. "tcp", "tls", "websocket").</summary>
    public string Transport { get; init; } = string.Empty;

    public string? AuthenticationMethod { get; init; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }
}
