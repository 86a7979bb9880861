using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Proxus.Interop.Tests.Mqtt.Support;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Identity;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>
/// MQTT.js as an enterprise consumer on MQTT over WebSocket with an OAuth2 access token (user name
/// = client_id, password = JWT), against the broker as the server hosts it (anonymous clients off).
/// </summary>
public sealed class MqttJsAccessTokenTests : IAsyncLifetime
{
    private BrokerHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerHost.StartAsync(allowAnonymous: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Consume_UnsReadToken_ReceivesUnsValueAndPublishIsRefused()
    {
        var (clientId, token) = await TokenAsync(Scopes.UnsRead);
        var prefix = "Acme/Site" + Guid.NewGuid().ToString("N")[..8];
        var topic = prefix + "/Press/Line1/Press_Machine/Temperature_C";
        await using var js = Peers.MqttJsToken("consume", WebSocketUrl, clientId, token, prefix + "/#", topic);
        await js.WaitForOutputAsync("READY", Peers.Timeout);

        _host.Broker.Publish(new MqttRoutedMessage { Topic = topic, Payload = Encoding.UTF8.GetBytes("{\"value\":72.4}"), QualityOfService = MqttQualityOfService.AtLeastOnce });

        (await js.SucceedsAsync()).Should().Contain($"OK {topic} {{\"value\":72.4}}");
    }

    [Fact]
    public async Task Connect_TokenWithoutUnsRead_RefusedNotAuthorized()
    {
        var (clientId, token) = await TokenAsync(Scopes.HistoryRead);
        await using var js = Peers.MqttJsToken("refused", WebSocketUrl, clientId, token);

        (await js.SucceedsAsync()).Should().Contain("REFUSED 135");
    }

    [Fact]
    public async Task Connect_TamperedToken_RefusedBadUserNameOrPassword()
    {
        var (clientId, token) = await TokenAsync(Scopes.UnsRead);
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        await using var js = Peers.MqttJsToken("refused", WebSocketUrl, clientId, tampered);

        (await js.SucceedsAsync()).Should().Contain("REFUSED 134");
    }

    private string WebSocketUrl => $"ws://127.0.0.1:{_host.HttpPort}/mqtt";

    private async Task<(string ClientId, string Token)> TokenAsync(string scope)
    {
        var clients = _host.Services.GetRequiredService<MachineClientService>();
        var created = await clients.CreateAsync("js " + Guid.NewGuid().ToString("N")[..8], scope, "test", CancellationToken.None);
        var client = (await clients.AuthenticateAsync(created.Client.ClientId.ToString("D"), created.ClientSecret, CancellationToken.None))!;
        var (token, _) = _host.Services.GetRequiredService<AccessTokenService>().Issue(client, [scope]);
        return (created.Client.ClientId.ToString("D"), token);
    }
}
