using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>CloseSession (Part 4 section 5.6.4).</summary>
internal sealed record CloseSessionRequest(bool DeleteSubscriptions) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.CloseSessionRequest;

    public void Encode(UaBinaryWriter writer) => writer.WriteBoolean(DeleteSubscriptions);
}
