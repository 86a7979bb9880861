using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>BrowseNext (Part 4 section 5.8.3): continue, or release, browse continuation points.</summary>
internal sealed record BrowseNextRequest(bool Release, IReadOnlyCollection<byte[]> ContinuationPoints) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.BrowseNextRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteBoolean(Release);
        writer.WriteArray(ContinuationPoints, static (w, point) => w.WriteByteString(point));
    }
}
