using System.Security.Cryptography.X509Certificates;
using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.SecureChannel;

/// <summary>
/// What a secure channel needs: the policy and mode, our certificate with its private key and the
/// server's certificate (both null under SecurityPolicy None), and the requested token lifetime.
/// </summary>
internal sealed record SecureChannelSettings(
    SecurityPolicy Policy,
    MessageSecurityMode Mode,
    X509Certificate2? ClientCertificate,
    X509Certificate2? ServerCertificate,
    TimeSpan RequestedLifetime,
    UaEncodingLimits EncodingLimits);
