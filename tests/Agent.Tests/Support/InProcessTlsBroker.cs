using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Proxus.Mqtt.Broker;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// Our broker behind a TLS listener on 127.0.0.1 (port 0), for what mosquitto does not do: on
/// <see cref="ShutDownSessionsAsync"/> it sends every client DISCONNECT Server shutting down (0x8B), as
/// the Proxus server does when its operator stops it, and keeps listening, as a restarted server does.
/// It accepts any client certificate; identity is not what these tests are about.
/// </summary>
public sealed class InProcessTlsBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly MqttBroker _broker = new(new MqttBrokerOptions { SysInterval = TimeSpan.Zero }, new AcceptEveryone());
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private CancellationTokenSource _sessions = new();
    private Task _accepting = Task.CompletedTask;

    private InProcessTlsBroker(X509Certificate2 certificate) => _certificate = certificate;

    public Uri Url => new($"mqtts://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Clients connected right now.</summary>
    public int ConnectionCount => _broker.ConnectionCount;

    public static async Task<InProcessTlsBroker> StartAsync(X509Certificate2 serverCertificate)
    {
        var broker = new InProcessTlsBroker(serverCertificate);
        await broker._broker.StartAsync(CancellationToken.None);
        broker._listener.Start();
        broker._accepting = broker.AcceptAsync();
        return broker;
    }

    /// <summary>Ends every current session with DISCONNECT Server shutting down; new connections are served as before.</summary>
    public async Task ShutDownSessionsAsync()
    {
        var ending = Interlocked.Exchange(ref _sessions, new CancellationTokenSource());
        await ending.CancelAsync();
        ending.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _accepting;
        _listener.Stop();
        await _sessions.CancelAsync();
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30));
        await _broker.DisposeAsync();
        _sessions.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var session = ServeAsync(socket, _sessions.Token);
            lock (_connections)
            {
                _connections.Add(session);
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken sessionEnds)
    {
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            using var handshake = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, handshake.Token);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException)
        {
            return;
        }

        var transport = new Transport(PipeReader.Create(tls), PipeWriter.Create(tls));
        await _broker.RunConnectionAsync(transport, new MqttConnectionInfo { RemoteEndPoint = socket.RemoteEndPoint, Transport = "tls" }, sessionEnds);
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private sealed class AcceptEveryone : IMqttBrokerHooks
    {
        public ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(MqttAuthenticationResult.Accept(context.ClientId));

        public ValueTask<bool> AuthorizePublishAsync(MqttPublishAuthorizationContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask<bool> AuthorizeSubscribeAsync(MqttSubscribeAuthorizationContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public void OnDenied(MqttDenial denial)
        {
        }
    }
}
