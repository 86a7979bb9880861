namespace Proxus.Server.Mqtt;

/// <summary>A client without a certificate, admitted only when <c>Mqtt:AllowAnonymous</c> is set (development).</summary>
public sealed record AnonymousMqttIdentity(string ClientId, string? RemoteEndPoint) : MqttClientIdentity
{
    public override string Actor => "anonymous@" + (RemoteEndPoint ?? "unknown");
}
