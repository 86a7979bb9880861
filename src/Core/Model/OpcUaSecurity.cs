namespace Proxus.Core.Model;

/// <summary>
/// Security of an OPC UA session. A null <see cref="UserName"/> means an anonymous identity. The
/// password never travels in a tag map or a configuration: <see cref="PasswordSecret"/> names a
/// secret held by the agent.
/// </summary>
public sealed record OpcUaSecurity(
    OpcUaSecurityMode Mode = OpcUaSecurityMode.None,
    OpcUaSecurityPolicy Policy = OpcUaSecurityPolicy.None,
    string? UserName = null,
    string? PasswordSecret = null);
