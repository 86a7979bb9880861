namespace Proxus.Server.Mqtt;

/// <summary>A client without a certificate, admitted only when <c>Mqtt:AllowAnonymous</c> is set (development).</summary>
/// <param name="ClientId">The client identifier of its CONNECT.</param>
/// <param name="RemoteAddress">Its address as <see cref="Api.ClientAddress"/> writes it (<c>127.0.0.1</c>, never <c>::ffff:127.0.0.1</c>).</param>
public sealed record AnonymousMqttIdentity(string ClientId, string RemoteAddress) : MqttClientIdentity
{
    public override string Actor => "anonymous@" + RemoteAddress;
}
