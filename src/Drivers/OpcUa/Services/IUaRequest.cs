using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>A service request body: its binary encoding id and the fields after the RequestHeader.</summary>
internal interface IUaRequest
{
    uint BinaryEncodingId { get; }

    void Encode(UaBinaryWriter writer);
}
