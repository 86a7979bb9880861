using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Identity;
using Proxus.Agent.Tests.Support;
using Proxus.Agent.Uplink;
using Proxus.Core.Status;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Uplink;

/// <summary>The uplink against mosquitto over mutual TLS with certificates from a test CA, and against a man in the middle.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MqttUplinkTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TestCertificates _pki = TestCertificates.Create();
    private readonly MemoryUplinkQueue _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private MosquittoTls _broker = null!;
    private TestAgent _agent = null!;
    private CredentialStore _credentials = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoTls.StartAsync(_pki.Server, _pki.Ca);
        _agent = TestAgent.Create(_pki, _broker.Url);
        _credentials = new CredentialStore(_agent.Paths);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _credentials.Dispose();
        _agent.Dispose();
        await _broker.DisposeAsync();
        _pki.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_MessagesQueuedWhileOffline_AreDeliveredInOrderRetainedAndAcknowledged()
    {
        await using var subscriber = await SubscribeAsync("Acme/#");
        var uplink = CreateUplink(_broker.Url);
        for (var i = 0; i < 300; i++)
        {
            uplink.Publish($"Acme/SiteA/Area/Line/M/t{i % 3}", Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var run = uplink.RunAsync(_stop.Token);
        var received = await ReceiveAsync(subscriber, 300);

        received.Select(message => int.Parse(Encoding.ASCII.GetString(message.Payload.Span), System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(0, 300));
        await WaitUntilAsync(() => _queue.Depth == 0);
        uplink.Health.PublishedPoints.Should().Be(300);
        uplink.Health.Connected.Should().BeTrue();
        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
        await uplink.DisposeAsync();
    }

    [Fact]
    public async Task Run_Connected_PublishesARetainedOnlineBirthAndAnOfflineStatusOnShutdown()
    {
        var uplink = CreateUplink(_broker.Url);
        var run = uplink.RunAsync(_stop.Token);
        await WaitUntilAsync(() => uplink.Health.Connected);

        await using (var subscriber = await SubscribeAsync($"proxus/agents/{_agent.AgentIdText}/status"))
        {
            var birth = (await ReceiveAsync(subscriber, 1))[0];
            birth.Retain.Should().BeTrue();
            AgentStatusJson.TryRead(birth.Payload.Span, out var report, out var error).Should().BeTrue(error);
            report!.State.Should().Be(AgentState.Online);
        }

        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
        await using var after = await SubscribeAsync($"proxus/agents/{_agent.AgentIdText}/status");
        var last = (await ReceiveAsync(after, 1))[0];
        AgentStatusJson.TryRead(last.Payload.Span, out var offline, out _).Should().BeTrue();
        offline!.State.Should().Be(AgentState.Offline);
        offline.Reason.Should().Be("shutdown");
    }

    [Fact]
    public async Task Run_BrokerRestartsMidStream_MessagesOfTheOutageArriveInOrderAfterReconnect()
    {
        await using var uplink = CreateUplink(_broker.Url, TimeSpan.FromSeconds(4));
        var run = uplink.RunAsync(_stop.Token);
        await WaitUntilAsync(() => uplink.Health.Connected);
        for (var i = 0; i < 100; i++)
        {
            uplink.Publish("Acme/SiteA/Area/Line/M/counter", Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await WaitUntilAsync(() => _queue.Depth == 0);
        await _broker.StopAsync();
        await WaitUntilAsync(() => uplink.Health.LastError is not null);
        for (var i = 100; i < 200; i++)
        {
            uplink.Publish("Acme/SiteA/Area/Line/M/counter", Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        _queue.Depth.Should().Be(100, "messages produced during the outage wait in the queue");
        uplink.Health.Connected.Should().BeFalse();
        await _broker.StartAsync();
        await using var subscriber = await SubscribeAsync("Acme/#");
        var received = await ReceiveAsync(subscriber, 100);

        var values = received.Select(message => int.Parse(Encoding.ASCII.GetString(message.Payload.Span), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        values.Should().Equal(Enumerable.Range(100, 100), "the queue drains in order and the subscriber joined before the agent reconnected");
        await WaitUntilAsync(() => _queue.Depth == 0);
        uplink.Health.PublishedPoints.Should().Be(200);
        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_ServerCertificateFromAnotherCa_SendsNoPayloadByteAndKeepsBuffering()
    {
        using var evil = TestCertificates.Create("Man In The Middle CA");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = 0L;
        var handshakes = 0;
        var mitm = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref handshakes);
                await using var tls = new SslStream(client.GetStream());
                try
                {
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = evil.Server, ClientCertificateRequired = false }, _stop.Token);
                    var buffer = new byte[4096];
                    int read;
                    while ((read = await tls.ReadAsync(buffer, _stop.Token)) > 0)
                    {
                        Interlocked.Add(ref received, read);
                    }
                }
                catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The agent refused our certificate: that is the point.
                }
            }
        });
        await using var uplink = CreateUplink(new Uri($"mqtts://127.0.0.1:{port}"));
        for (var i = 0; i < 10; i++)
        {
            uplink.Publish("Acme/SiteA/Area/Line/M/secret", "42"u8);
        }

        var run = uplink.RunAsync(_stop.Token);
        await WaitUntilAsync(() => Volatile.Read(ref handshakes) >= 2 && uplink.Health.LastError is not null);

        Interlocked.Read(ref received).Should().Be(0, "not a byte of application data may reach a server that does not chain to our CA");
        _queue.Depth.Should().Be(10);
        uplink.Health.Connected.Should().BeFalse();
        uplink.Health.LastError.Should().ContainEquivalentOf("certificate");
        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
        listener.Stop();
        await mitm.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private MqttUplink CreateUplink(Uri broker, TimeSpan? reconnectDelay = null)
    {
        if (broker != _agent.Record.Broker)
        {
            Proxus.Agent.Identity.AgentCredentials.Save(_agent.Paths, _agent.Record with { Broker = broker }, _credentials.Current.Certificate.ExportCertificatePem(), _credentials.Current.Certificate.GetECDsaPrivateKey()!, _pki.Ca.ExportCertificatePem(), _agent.SigningKey.ExportSubjectPublicKeyInfoPem());
            _credentials.Reload();
        }

        var delay = reconnectDelay ?? TimeSpan.FromMilliseconds(100);
        var options = new UplinkOptions { Reconnect = new MqttReconnectOptions { InitialDelay = delay, MaximumDelay = delay * 2 } };
        return new MqttUplink(_queue, () => _credentials.Current, new FixedStatusSource(_agent.AgentId), options, NullLoggerFactory.Instance, TimeProvider.System);
    }

    private async Task<MqttClient> SubscribeAsync(string filter)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Server = _broker.Url,
            ClientId = "subscriber-" + Guid.NewGuid().ToString("N"),
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = [_pki.Ca], ClientCertificate = _pki.IssueClient("subscriber") },
        });
        await client.ConnectAsync().WaitAsync(Timeout);
        await client.SubscribeAsync(filter, MqttQualityOfService.AtLeastOnce).WaitAsync(Timeout);
        return client;
    }

    private static async Task<List<MqttApplicationMessage>> ReceiveAsync(MqttClient client, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var messages = new List<MqttApplicationMessage>();
        while (messages.Count < count)
        {
            messages.Add(await client.Messages.ReadAsync(timeout.Token));
        }

        return messages;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(25);
        }
    }
}
