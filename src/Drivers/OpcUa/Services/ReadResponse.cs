using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record ReadResponse(DataValue[] Results) : IUaResponse<ReadResponse>
{
    public static uint BinaryEncodingId => ServiceIds.ReadResponse;

    public static ReadResponse Decode(ref UaBinaryReader reader) => new(reader.ReadArray(static (ref UaBinaryReader r) => r.ReadDataValue()));
}
