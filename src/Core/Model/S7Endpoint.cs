namespace Proxus.Core.Model;

/// <summary>A Siemens S7 CPU reached over ISO-on-TCP.</summary>
public sealed record S7Endpoint(string Host, int Port = 102, int Rack = 0, int Slot = 1) : ConnectionEndpoint;
