using Proxus.Drivers.OpcUa;

namespace Proxus.Agent.Commissioning;

/// <summary>
/// An OPC UA server reached over UA TCP (<c>opc.tcp://host:port/path</c>), with the security the
/// session asks for. The password of <see cref="UserName"/> never comes from the URL: the caller
/// passes it to <see cref="ToClientOptions"/> (the CLI reads it from <see cref="PasswordVariable"/>).
/// </summary>
public sealed record OpcUaEndpoint : DeviceEndpoint
{
    public const int DefaultPort = 4840;

    /// <summary>The environment variable the CLI reads the user's password from.</summary>
    public const string PasswordVariable = "PROXUS_OPCUA_PASSWORD";

    /// <summary>The server URL without query, as sent in Hello and GetEndpoints, e.g. <c>opc.tcp://plc1:4840/UA/Line1</c>.</summary>
    public required string EndpointUrl { get; init; }

    public SecurityPolicy SecurityPolicy { get; init; } = SecurityPolicy.None;

    public MessageSecurityMode SecurityMode { get; init; } = MessageSecurityMode.None;

    /// <summary>The user to activate the session as; null for anonymous.</summary>
    public string? UserName { get; init; }

    public override string Scheme => DeviceEndpointParser.OpcUaScheme;

    /// <summary>
    /// Client options for a one-shot commissioning session, without reconnects.
    /// </summary>
    /// <param name="timeout">Bounds each request; the connect gets the driver's multiple of it.</param>
    /// <param name="pkiDirectory">Our certificate and the trust store; null for the driver's default under the user's data directory.</param>
    /// <param name="password">Required when <see cref="UserName"/> is set, ignored otherwise.</param>
    public OpcUaClientOptions ToClientOptions(TimeSpan timeout, string? pkiDirectory, string? password)
    {
        if (UserName is not null && string.IsNullOrEmpty(password))
        {
            throw new FormatException($"The endpoint names user '{UserName}': set the password in the environment variable {PasswordVariable}.");
        }

        var options = new OpcUaClientOptions
        {
            EndpointUrl = EndpointUrl,
            SecurityPolicy = SecurityPolicy,
            SecurityMode = SecurityMode,
            Identity = UserName is null ? UserIdentity.Anonymous : new UserNameIdentity(UserName, password!),
            RequestTimeout = timeout,
            AutoReconnect = false,
        };
        return pkiDirectory is null ? options : options with { PkiDirectory = pkiDirectory };
    }
}
