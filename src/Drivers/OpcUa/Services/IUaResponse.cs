using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>A service response body: its binary encoding id and a decoder for the fields after the ResponseHeader.</summary>
internal interface IUaResponse<out TSelf>
    where TSelf : IUaResponse<TSelf>
{
    static abstract uint BinaryEncodingId { get; }

    static abstract TSelf Decode(ref UaBinaryReader reader);
}
