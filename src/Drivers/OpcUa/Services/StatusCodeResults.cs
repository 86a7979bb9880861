using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>The response of services that answer one StatusCode per operation (Write, DeleteSubscriptions).</summary>
internal static class StatusCodeResults
{
    public static StatusCode[] Decode(ref UaBinaryReader reader)
    {
        var results = reader.ReadArray(static (ref UaBinaryReader r) => r.ReadStatusCode());
        SkipDiagnostics(ref reader);
        return results;
    }

    public static void SkipDiagnostics(ref UaBinaryReader reader)
    {
        var count = reader.ReadArrayLength();
        for (var i = 0; i < count; i++)
        {
            reader.ReadDiagnosticInfo();
        }
    }
}
