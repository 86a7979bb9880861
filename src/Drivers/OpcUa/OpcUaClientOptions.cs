using System.Net;

namespace Proxus.Drivers.OpcUa;

/// <summary>How an <see cref="OpcUaClient"/> connects: endpoint, security, identity, PKI and timing.</summary>
public sealed record OpcUaClientOptions
{
    /// <summary>The server's endpoint, e.g. <c>opc.tcp://plc1:4840</c>.</summary>
    public required string EndpointUrl { get; init; }

    public SecurityPolicy SecurityPolicy { get; init; } = SecurityPolicy.None;

    /// <summary>None with SecurityPolicy None; Sign or SignAndEncrypt otherwise.</summary>
    public MessageSecurityMode SecurityMode { get; init; } = MessageSecurityMode.None;

    public UserIdentity Identity { get; init; } = UserIdentity.Anonymous;

    public string ApplicationName { get; init; } = "Proxus Agent";

    public string ApplicationUri { get; init; } = $"urn:{Dns.GetHostName()}:Proxus:Agent";

    /// <summary>
    /// The PKI directory: own certificate (created on first use), <c>trusted/certs</c> for trusted server
    /// certificates, <c>rejected/certs</c> for refused ones.
    /// </summary>
    public string PkiDirectory { get; init; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "proxus", "pki");

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Requested lifetime of a secure channel token; the client renews at 75 % of what the server grants.</summary>
    public TimeSpan SecureChannelLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle session is probed (a read of ServerStatus.State).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a lost connection is re-established (session re-activated or recreated, subscriptions restored).</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>First delay between reconnect attempts; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    public int ReceiveBufferSize { get; init; } = 65535;

    public int SendBufferSize { get; init; } = 65535;

    /// <summary>Largest response accepted; bigger ones fail with BadResponseTooLarge.</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;

    internal void Validate()
    {
        if (SecurityPolicy.IsNone != (SecurityMode == MessageSecurityMode.None) || SecurityMode == MessageSecurityMode.Invalid)
        {
            throw new OpcUaException(StatusCode.BadSecurityModeRejected, $"Security mode {SecurityMode} does not go with policy {SecurityPolicy.Name}: use None with None, Sign or SignAndEncrypt otherwise.");
        }

        if (ReceiveBufferSize < 8192 || SendBufferSize < 8192 || MaxMessageSize < ReceiveBufferSize)
        {
            throw new OpcUaException(StatusCode.BadConfigurationError, "Buffers must be at least 8192 bytes and MaxMessageSize at least the receive buffer.");
        }

        if (RequestTimeout <= TimeSpan.Zero || SessionTimeout <= TimeSpan.Zero || KeepAliveInterval <= TimeSpan.Zero)
        {
            throw new OpcUaException(StatusCode.BadConfigurationError, "Timeouts and intervals must be positive.");
        }
    }
}
