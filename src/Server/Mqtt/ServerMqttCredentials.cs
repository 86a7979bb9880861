using System.Security.Cryptography;
using Proxus.Mqtt.Broker;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The user name and password by which the server's own consumers authenticate to the embedded
/// broker: a random 256-bit secret made at start-up and held only in this process's memory, so
/// nothing outside the process can present it. Accepted only on an in-process connection
/// (<see cref="EmbeddedBrokerTransport"/>), which no network listener can make.
/// </summary>
public sealed class ServerMqttCredentials
{
    public const string UserName = "proxus-server";

    private readonly byte[] _password = RandomNumberGenerator.GetBytes(32);

    public ReadOnlyMemory<byte> Password => _password;

    /// <summary>True when the CONNECT presents our user name and secret (constant-time), without a certificate, in-process.</summary>
    public bool Match(MqttAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ClientCertificate is null
            && string.Equals(context.Transport, EmbeddedBrokerTransport.TransportName, StringComparison.Ordinal)
            && string.Equals(context.Username, UserName, StringComparison.Ordinal)
            && context.Password is { } password
            && CryptographicOperations.FixedTimeEquals(password.Span, _password);
    }
}
