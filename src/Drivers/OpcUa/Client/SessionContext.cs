using System.Security.Cryptography.X509Certificates;
using Proxus.Drivers.OpcUa.SecureChannel;

namespace Proxus.Drivers.OpcUa.Client;

/// <summary>A secure channel and the session activated on it.</summary>
internal sealed class SessionContext
{
    public SessionContext(UaSecureChannel channel, NodeId sessionId, NodeId authenticationToken, X509Certificate2? serverCertificate)
    {
        Channel = channel;
        SessionId = sessionId;
        AuthenticationToken = authenticationToken;
        ServerCertificate = serverCertificate;
    }

    public UaSecureChannel Channel { get; }

    public NodeId SessionId { get; }

    public NodeId AuthenticationToken { get; }

    public X509Certificate2? ServerCertificate { get; }

    /// <summary>The last nonce the server sent, needed to sign the next ActivateSession.</summary>
    public byte[]? ServerNonce { get; set; }
}
