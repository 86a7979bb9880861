using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa;

/// <summary>Describes an OPC UA application (Part 4 section 7.2); ApplicationType 0 server, 1 client.</summary>
public sealed record ApplicationDescription(string? ApplicationUri, string? ProductUri, LocalizedText ApplicationName, int ApplicationType, IReadOnlyList<string?> DiscoveryUrls)
{
    internal static ApplicationDescription Decode(ref UaBinaryReader reader)
    {
        var uri = reader.ReadString();
        var product = reader.ReadString();
        var name = reader.ReadLocalizedText();
        var type = reader.ReadInt32();
        reader.ReadString();
        reader.ReadString();
        var urls = reader.ReadArray(static (ref UaBinaryReader r) => r.ReadString());
        return new ApplicationDescription(uri, product, name, type, urls);
    }

    internal void Encode(UaBinaryWriter writer)
    {
        writer.WriteString(ApplicationUri);
        writer.WriteString(ProductUri);
        writer.WriteLocalizedText(ApplicationName);
        writer.WriteInt32(ApplicationType);
        writer.WriteString(null);
        writer.WriteString(null);
        writer.WriteArray(DiscoveryUrls.Count == 0 ? null : DiscoveryUrls.ToArray(), static (w, url) => w.WriteString(url));
    }
}
