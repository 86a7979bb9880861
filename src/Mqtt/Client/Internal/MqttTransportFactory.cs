using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>
/// Opens the byte stream under MQTT: TCP, TLS over TCP, a WebSocket (plain or TLS), or the
/// application's own (<see cref="MqttClientOptions.Transport"/>, e.g. an in-process broker).
/// </summary>
internal static class MqttTransportFactory
{
    public static async Task<Stream> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        if (options.Transport is { } open)
        {
            return await open(cancellationToken).ConfigureAwait(false);
        }

        if (options.UsesWebSocket)
        {
            return await ConnectWebSocketAsync(options, cancellationToken).ConfigureAwait(false);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(options.Server.IdnHost, options.Server.Port), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (!options.UsesTls)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(CreateSslOptions(options), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return ssl;
    }

    /// <summary>
    /// The server certificate is validated by the platform against a chain policy whose only
    /// roots are the configured CAs (custom root trust: the system store is not consulted), and
    /// its name against the host we dialled. Anything else fails the handshake.
    /// </summary>
    internal static SslClientAuthenticationOptions CreateSslOptions(MqttClientOptions options)
    {
        var tls = options.Tls ?? throw new InvalidOperationException("TLS options are required for " + options.Server);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = tls.RevocationMode,
        };
        policy.CustomTrustStore.AddRange(tls.TrustedCertificateAuthorities);
        return new SslClientAuthenticationOptions
        {
            TargetHost = tls.TargetHost ?? options.Server.IdnHost,
            EnabledSslProtocols = tls.EnabledProtocols,
            CertificateChainPolicy = policy,
            ClientCertificates = tls.ClientCertificate is null ? null : [tls.ClientCertificate],
        };
    }

    private static async Task<Stream> ConnectWebSocketAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var webSocket = new ClientWebSocket();
        webSocket.Options.AddSubProtocol("mqtt");
        webSocket.Options.KeepAliveInterval = TimeSpan.Zero; // MQTT keep-alive does that job.
        try
        {
            if (options.UsesTls)
            {
                using var handler = new SocketsHttpHandler { SslOptions = CreateSslOptions(options) };
                using var invoker = new HttpMessageInvoker(handler);
                await webSocket.ConnectAsync(options.Server, invoker, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await webSocket.ConnectAsync(options.Server, cancellationToken).ConfigureAwait(false);
            }

            if (webSocket.SubProtocol != "mqtt")
            {
                throw new WebSocketException(WebSocketError.UnsupportedProtocol, "The server did not accept the 'mqtt' subprotocol.");
            }
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }

        return WebSocketStream.Create(webSocket, WebSocketMessageType.Binary, ownsWebSocket: true);
    }
}
