using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa;

/// <summary>An endpoint a server offers: URL, security policy and mode, certificate, identity tokens (Part 4 section 7.14).</summary>
public sealed record EndpointDescription(
    string? EndpointUrl,
    ApplicationDescription Server,
    byte[]? ServerCertificate,
    MessageSecurityMode SecurityMode,
    string? SecurityPolicyUri,
    IReadOnlyList<UserTokenPolicy> UserIdentityTokens,
    string? TransportProfileUri,
    byte SecurityLevel)
{
    internal static EndpointDescription Decode(ref UaBinaryReader reader) => new(
        reader.ReadString(),
        ApplicationDescription.Decode(ref reader),
        reader.ReadByteString(),
        (MessageSecurityMode)reader.ReadInt32(),
        reader.ReadString(),
        reader.ReadArray(UserTokenPolicy.Decode),
        reader.ReadString(),
        reader.ReadByte());

    public override string ToString() => $"{EndpointUrl} {SecurityPolicyUri?[(SecurityPolicyUri.LastIndexOf('#') + 1)..]} {SecurityMode}";
}
