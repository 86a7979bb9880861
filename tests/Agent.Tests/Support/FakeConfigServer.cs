using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// The server's agent configuration API, reduced to what the agent calls: HTTPS on loopback with a
/// required client certificate, <c>GET /api/v1/agent/config</c> (the current envelope, 304 for its
/// version in If-None-Match) and <c>POST /api/v1/agent/config/applied</c> (recorded). One request
/// per connection.
/// </summary>
public sealed class FakeConfigServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 16 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile byte[]? _envelope;
    private long _version;

    public FakeConfigServer(X509Certificate2 certificate)
    {
        _certificate = certificate;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public Uri Url => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The report bodies received, in order.</summary>
    public ConcurrentQueue<string> Reports { get; } = new();

    /// <summary>Client certificates' subjects seen (all requests carried one).</summary>
    public ConcurrentQueue<string> ClientSubjects { get; } = new();

    public void Serve(byte[] envelope, long version)
    {
        Interlocked.Exchange(ref _version, version);
        _envelope = envelope;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = true,
                        RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
                    },
                    timeout.Token);
                ClientSubjects.Enqueue(tls.RemoteCertificate!.Subject);
                var (head, body) = await ReadRequestAsync(tls, timeout.Token);
                var response = Respond(head, body);
                await tls.WriteAsync(response, timeout.Token);
                await tls.FlushAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or InvalidDataException)
            {
                // A client that went away (e.g. a killed agent).
            }
        }
    }

    private byte[] Respond(string head, string body)
    {
        var requestLine = head.Split("\r\n")[0];
        if (requestLine.StartsWith("GET /api/v1/agent/config ", StringComparison.Ordinal))
        {
            var envelope = _envelope;
            var version = Interlocked.Read(ref _version);
            if (envelope is null)
            {
                return Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }

            if (head.Contains($"If-None-Match: \"{version}\"", StringComparison.OrdinalIgnoreCase))
            {
                return Encoding.ASCII.GetBytes($"HTTP/1.1 304 Not Modified\r\nETag: \"{version}\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }

            var headers = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"{version}\"\r\nContent-Length: {envelope.Length}\r\nConnection: close\r\n\r\n");
            return [.. headers, .. envelope];
        }

        if (requestLine.StartsWith("POST /api/v1/agent/config/applied ", StringComparison.Ordinal))
        {
            Reports.Enqueue(body);
            return Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        }

        return Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    private static async Task<(string Head, string Body)> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0 || buffer.Length > MaxHeadBytes)
            {
                throw new InvalidDataException("incomplete request");
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.ToArray();
        var head = Encoding.ASCII.GetString(all, 0, headEnd);
        var lengthLine = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : Math.Min(MaxHeadBytes, int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        var body = new MemoryStream();
        body.Write(all, headEnd + 4, all.Length - headEnd - 4);
        while (body.Length < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            body.Write(chunk, 0, read);
        }

        return (head, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static int IndexOfHeadEnd(MemoryStream buffer)
    {
        var span = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return span.IndexOf("\r\n\r\n"u8);
    }
}
