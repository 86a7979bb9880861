using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>An algorithm URI and a signature (Part 4 section 7.37).</summary>
internal sealed record SignatureData(string? Algorithm, byte[]? Signature)
{
    public static SignatureData Empty { get; } = new(null, null);

    public static SignatureData Decode(ref UaBinaryReader reader) => new(reader.ReadString(), reader.ReadByteString());

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteString(Algorithm);
        writer.WriteByteString(Signature);
    }
}
