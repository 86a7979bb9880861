namespace Proxus.Server.Mqtt;

/// <summary>
/// An enterprise consumer (an OAuth2 machine client holding <c>uns.read</c>), read-only on the UNS
/// (<see cref="MqttAccessRules"/>). Proven either by an access token in the CONNECT password
/// (<see cref="SecretVersion"/> set) or by a client certificate our CA issued to the client
/// (<see cref="CertificateSerial"/> set). The session ends at <see cref="ExpiresAt"/>: the token's
/// or the certificate's expiry.
/// </summary>
/// <param name="ClientId">The machine client (<c>client_id</c>).</param>
/// <param name="CertificateSerial">The certificate's serial number, when authenticated by certificate.</param>
/// <param name="SecretVersion">The secret version the token was issued under, when authenticated by token.</param>
/// <param name="ExpiresAt">When the credential expires and the session is closed.</param>
public sealed record MachineClientMqttIdentity(Guid ClientId, string? CertificateSerial, int? SecretVersion, DateTimeOffset ExpiresAt) : MqttClientIdentity
{
    public override string Actor => $"client:{ClientId:D}";
}
