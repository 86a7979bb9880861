namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>
/// Buffer and message limits in force on a connection after Hello/Acknowledge (Part 6 section
/// 7.1.2.3-4). Send limits come from the server's Acknowledge; receive limits are our own Hello values.
/// </summary>
internal sealed record TransportLimits(
    int SendBufferSize,
    int ReceiveBufferSize,
    int MaxSendMessageSize,
    int MaxSendChunkCount,
    int MaxReceiveMessageSize,
    int MaxReceiveChunkCount);
