using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>The header of every request (Part 4 section 7.33).</summary>
internal static class RequestHeader
{
    public static void Encode(UaBinaryWriter writer, NodeId? authenticationToken, uint requestHandle, uint timeoutHintMs)
    {
        writer.WriteNodeId(authenticationToken);
        writer.WriteDateTime(DateTime.UtcNow);
        writer.WriteUInt32(requestHandle);
        writer.WriteUInt32(0);
        writer.WriteString(null);
        writer.WriteUInt32(timeoutHintMs);
        writer.WriteExtensionObject(null);
    }
}
