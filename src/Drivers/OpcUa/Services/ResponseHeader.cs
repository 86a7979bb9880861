using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>The header of every response (Part 4 section 7.34).</summary>
internal sealed record ResponseHeader(DateTime Timestamp, uint RequestHandle, StatusCode ServiceResult)
{
    public static ResponseHeader Decode(ref UaBinaryReader reader)
    {
        var timestamp = reader.ReadDateTime();
        var handle = reader.ReadUInt32();
        var result = reader.ReadStatusCode();
        reader.ReadDiagnosticInfo();
        var strings = reader.ReadArrayLength();
        for (var i = 0; i < strings; i++)
        {
            reader.ReadString();
        }

        reader.ReadExtensionObject();
        return new ResponseHeader(timestamp, handle, result);
    }
}
