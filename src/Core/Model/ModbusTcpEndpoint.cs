namespace Proxus.Core.Model;

/// <summary>Modbus TCP or Modbus RTU framing over a TCP socket (a serial gateway).</summary>
public sealed record ModbusTcpEndpoint(string Host, int Port = 502, int UnitId = 1) : ConnectionEndpoint;
