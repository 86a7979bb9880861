namespace Proxus.Core.Model;

/// <summary>An OPC UA server endpoint (<c>opc.tcp://host:port/path</c>) and the session's security.</summary>
public sealed record OpcUaEndpoint(string Url, OpcUaSecurity Security) : ConnectionEndpoint;
