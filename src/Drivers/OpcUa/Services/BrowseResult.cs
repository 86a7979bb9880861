using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>The references of one browsed node and a continuation point when there are more (Part 4 section 7.6).</summary>
internal sealed record BrowseResult(StatusCode Status, byte[]? ContinuationPoint, ReferenceDescription[] References)
{
    public static BrowseResult Decode(ref UaBinaryReader reader)
        => new(reader.ReadStatusCode(), reader.ReadByteString(), reader.ReadArray(ReferenceDescription.Decode));

    public static BrowseResult[] DecodeResults(ref UaBinaryReader reader)
    {
        var results = reader.ReadArray(Decode);
        StatusCodeResults.SkipDiagnostics(ref reader);
        return results;
    }
}
