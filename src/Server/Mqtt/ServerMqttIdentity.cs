namespace Proxus.Server.Mqtt;

/// <summary>
/// The server's own consumers on the embedded broker, proven by the per-process secret of
/// <see cref="ServerMqttCredentials"/> on an in-process connection. <see cref="MqttAccessRules"/>
/// lets it subscribe to the UNS and the agents' status topics (shared subscriptions allowed) and
/// publish nothing.
/// </summary>
public sealed record ServerMqttIdentity(string ClientId) : MqttClientIdentity
{
    public override string Actor => "server:" + ClientId;
}
