using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Audit;
using Proxus.Server.Identity;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// Machine clients on MQTT over WebSocket (<c>wss://…/mqtt</c>) with an access token as CONNECT
/// password, through our own client: read-only on the UNS, every bad token refused with its reason
/// code and audited, live sessions ended by revocation, rotation and expiry.
/// </summary>
public sealed class MachineClientTokenTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Connect_UnsReadToken_ReceivesUnsButMayNotPublishOrReadAgentTopics()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        await using var mqtt = await ConnectAsync(client.Client.ClientId, await Iam.TokenAsync(_server, client));
        var prefix = "Acme/Site" + Guid.NewGuid().ToString("N")[..8];

        var granted = await mqtt.SubscribeAsync(prefix + "/#", MqttQualityOfService.AtLeastOnce);
        var command = await mqtt.SubscribeAsync("proxus/agents/+/command", MqttQualityOfService.AtLeastOnce);
        var everything = await mqtt.SubscribeAsync("#", MqttQualityOfService.AtLeastOnce);
        _server.Get<MqttBroker>().Publish(new MqttRoutedMessage { Topic = prefix + "/Press/Line1/M/Speed", Payload = Encoding.UTF8.GetBytes("{\"value\":1}"), QualityOfService = MqttQualityOfService.AtLeastOnce });
        using var wait = new CancellationTokenSource(Timeout);
        var message = await mqtt.Messages.ReadAsync(wait.Token);
        var published = await mqtt.PublishAsync(prefix + "/Press/Line1/M/Speed", Encoding.UTF8.GetBytes("{\"value\":2}"), MqttQualityOfService.AtLeastOnce, cancellationToken: wait.Token);

        granted.Should().Be(MqttReasonCode.GrantedQoS1);
        command.Should().Be(MqttReasonCode.NotAuthorized);
        everything.Should().Be(MqttReasonCode.NotAuthorized);
        message.Topic.Should().Be(prefix + "/Press/Line1/M/Speed");
        published.Should().Be(MqttReasonCode.NotAuthorized);
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAclDenied, e => e.Actor == $"client:{client.Client.ClientId:D}" && e.Data.Contains("\"kind\":\"Publish\""));
        entry.Subject.Should().Be($"topic:{prefix}/Press/Line1/M/Speed");
    }

    [Fact]
    public async Task Connect_ForgedWrongAudienceOrExpiredToken_BadUserNameOrPasswordAndAudited()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var cases = new (string Reason, string Token)[]
        {
            ("TokenInvalidSignature", await AccessTokens.CraftAsync(_server, now, client, key: otherKey)),
            ("TokenWrongAudience", await AccessTokens.CraftAsync(_server, now, client, audience: "urn:someone-else")),
            ("TokenExpired", await AccessTokens.CraftAsync(_server, now - TimeSpan.FromHours(1), client)),
            ("TokenMalformed", "not.a.jwt"),
            ("TokenTooLong", new string('a', AccessTokenService.MaxTokenLength + 1)),
        };

        foreach (var (reason, token) in cases)
        {
            var refusal = await RefusalAsync(client.Client.ClientId, token);

            refusal.Should().Be(MqttReasonCode.BadUserNameOrPassword, reason);
            await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Data.Contains($"\"reason\":\"{reason}\"") && e.Data.Contains(client.Client.ClientId.ToString("D")));
        }
    }

    [Fact]
    public async Task Connect_TokenWithoutUnsRead_NotAuthorizedAndAudited()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.HistoryRead);

        var refusal = await RefusalAsync(client.Client.ClientId, await Iam.TokenAsync(_server, client));

        refusal.Should().Be(MqttReasonCode.NotAuthorized);
        await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Data.Contains("\"reason\":\"ScopeMissing\"") && e.Data.Contains(client.Client.ClientId.ToString("D")));
    }

    [Fact]
    public async Task Connect_TokenOfAnotherClientOrForeignClientId_Refused()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        var token = await Iam.TokenAsync(_server, client);

        var otherUser = await RefusalAsync(Guid.NewGuid(), token, clientId: client.Client.ClientId.ToString("D"));
        var foreignId = await RefusalAsync(client.Client.ClientId, token, clientId: Guid.NewGuid().ToString("D"));

        otherUser.Should().Be(MqttReasonCode.BadUserNameOrPassword);
        foreignId.Should().Be(MqttReasonCode.ClientIdentifierNotValid);
    }

    [Fact]
    public async Task Connect_EnhancedAuthenticationMethod_BadAuthenticationMethod()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        var hooks = _server.Get<IMqttBrokerHooks>();

        var result = await hooks.AuthenticateAsync(
            new MqttAuthenticationContext
            {
                ClientId = client.Client.ClientId.ToString("D"),
                ProtocolVersion = MqttProtocolVersion.V500,
                AuthenticationMethod = "SCRAM-SHA-256",
                Transport = "websocket",
            },
            CancellationToken.None);

        result.IsAccepted.Should().BeFalse();
        result.ReasonCode.Should().Be(MqttReasonCode.BadAuthenticationMethod);
    }

    [Fact]
    public async Task RevokeClient_LiveTokenSession_ClosedAndReconnectRefused()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        var token = await Iam.TokenAsync(_server, client);
        await using var mqtt = await ConnectAsync(client.Client.ClientId, token);
        var closed = Closed(mqtt);

        await _server.Get<MachineClientService>().RevokeAsync(client.Client.ClientId, "admin:test", CancellationToken.None);

        (await closed.WaitAsync(Timeout)).Should().Be(MqttReasonCode.AdministrativeAction);
        (await RefusalAsync(client.Client.ClientId, token)).Should().Be(MqttReasonCode.BadUserNameOrPassword);
    }

    [Fact]
    public async Task RotateSecret_LiveSessionOfOldTokenClosed_NewTokenConnects()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        await using var mqtt = await ConnectAsync(client.Client.ClientId, await Iam.TokenAsync(_server, client));
        var closed = Closed(mqtt);

        var rotated = (await _server.Get<MachineClientService>().RotateSecretAsync(client.Client.ClientId, "admin:test", CancellationToken.None))!;

        (await closed.WaitAsync(Timeout)).Should().Be(MqttReasonCode.AdministrativeAction);
        await using var fresh = await ConnectAsync(client.Client.ClientId, await Iam.TokenAsync(_server, rotated));
        fresh.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task TokenExpiry_LiveSession_ClosedWhenTheTokenExpires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TrustWebHost.StartAsync(fixture.Database, clock, withBroker: true);
        var client = await Iam.CreateMachineClientAsync(server, Scopes.UnsRead);
        await using var mqtt = await ConnectAsync(client.Client.ClientId, await Iam.TokenAsync(server, client), server: server);
        var closed = Closed(mqtt);
        await Task.Delay(TimeSpan.FromSeconds(2));
        mqtt.IsConnected.Should().BeTrue("the token is still valid");

        clock.Advance(new IamOptions().AccessTokenLifetime + TimeSpan.FromSeconds(1));

        (await closed.WaitAsync(Timeout)).Should().Be(MqttReasonCode.AdministrativeAction);
    }

    /// <summary>Connects to the class's server, or to <paramref name="server"/> when a test runs its own.</summary>
    private async Task<MqttClient> ConnectAsync(Guid userName, string token, string? clientId = null, TrustWebHost? server = null)
    {
        var client = new MqttClient(Options(server ?? _server, userName, token, clientId));
        await client.ConnectAsync();
        return client;
    }

    private async Task<MqttReasonCode?> RefusalAsync(Guid userName, string token, string? clientId = null)
    {
        await using var client = new MqttClient(Options(_server, userName, token, clientId));
        var refusal = await FluentActions.Awaiting(() => client.ConnectAsync()).Should().ThrowAsync<MqttClientException>();
        return refusal.Which.ReasonCode;
    }

    private static MqttClientOptions Options(TrustWebHost server, Guid userName, string token, string? clientId) => new()
    {
        Server = new Uri(server.BaseAddress.ToString().Replace("https://", "wss://", StringComparison.Ordinal) + "mqtt"),
        ClientId = clientId ?? userName.ToString("D"),
        Username = userName.ToString("D"),
        Password = Encoding.UTF8.GetBytes(token),
        // The chain file of GET /api/v1/pki/ca (issuing CA and root): the HTTPS endpoint presents its certificate alone.
        Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = Chain(server) },
        Reconnect = new MqttReconnectOptions { Enabled = false },
    };

    private static X509Certificate2Collection Chain(TrustWebHost server)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(server.Get<CertificateAuthority>().ChainPem);
        return chain;
    }

    /// <summary>Completes with the reason code of the server's DISCONNECT when the connection closes.</summary>
    private static Task<MqttReasonCode?> Closed(MqttClient client)
    {
        var closed = new TaskCompletionSource<MqttReasonCode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += (_, e) => closed.TrySetResult((e.Reason as MqttClientException)?.ReasonCode);
        return closed.Task;
    }
}
