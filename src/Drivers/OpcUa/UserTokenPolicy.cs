using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa;

/// <summary>An identity token an endpoint accepts, and the policy that protects it (Part 4 section 7.42).</summary>
public sealed record UserTokenPolicy(string? PolicyId, UserTokenType TokenType, string? IssuedTokenType, string? IssuerEndpointUrl, string? SecurityPolicyUri)
{
    internal static UserTokenPolicy Decode(ref UaBinaryReader reader)
        => new(reader.ReadString(), (UserTokenType)reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString());
}
