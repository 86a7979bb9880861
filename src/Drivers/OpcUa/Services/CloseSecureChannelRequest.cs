using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>CloseSecureChannel request: just the header (Part 4 section 5.5.3); the server does not answer.</summary>
internal sealed record CloseSecureChannelRequest : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.CloseSecureChannelRequest;

    public void Encode(UaBinaryWriter writer)
    {
    }
}
