namespace Proxus.Server.Pki;

/// <summary>
/// The URI subject alternative name that binds a client certificate to an OAuth2 machine client
/// (a read-only MQTT consumer): <c>urn:proxus:client:{clientId}</c> (a lower-case GUID).
/// </summary>
public static class MachineClientCertificateUri
{
    private const string Prefix = "urn:proxus:client:";

    public static Uri Create(Guid clientId) => new($"{Prefix}{clientId:D}");

    public static bool TryParse(Uri uri, out Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(uri);
        clientId = Guid.Empty;
        var text = uri.OriginalString;
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && text.Length == Prefix.Length + 36
            && Guid.TryParseExact(text.AsSpan(Prefix.Length), "D", out clientId)
            && string.Equals(text, Create(clientId).OriginalString, StringComparison.Ordinal);
    }
}
