namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>What the client announces in its Hello (Part 6 section 7.1.2.3).</summary>
internal sealed record TransportSettings(int ReceiveBufferSize, int SendBufferSize, int MaxMessageSize, int MaxChunkCount);
