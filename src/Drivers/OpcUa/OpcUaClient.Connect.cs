using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.SecureChannel;
using Proxus.Drivers.OpcUa.Security;
using Proxus.Drivers.OpcUa.Services;
using Proxus.Drivers.OpcUa.Transport;

namespace Proxus.Drivers.OpcUa;

public sealed partial class OpcUaClient
{
    private const string BinaryTransportProfile = "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary";

    /// <summary>The handle of the one request a discovery channel carries.</summary>
    private const uint GetEndpointsRequestHandle = 1;

    /// <summary>Lists the endpoints of a server (GetEndpoints over an unsecured channel, no session), all within the timeout.</summary>
    public static async Task<IReadOnlyList<EndpointDescription>> GetEndpointsAsync(string endpointUrl, TimeSpan timeout, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var log = logger ?? NullLogger.Instance;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        UaSecureChannel? channel = null;
        try
        {
            var settings = new TransportSettings(65535, 65535, 16 * 1024 * 1024, 0);
            var connection = await UaTcpConnection.ConnectAsync(endpointUrl, settings, log, deadline.Token).ConfigureAwait(false);
            var channelSettings = new SecureChannelSettings(SecurityPolicy.None, MessageSecurityMode.None, null, null, TimeSpan.FromMinutes(1), UaEncodingLimits.Default);
            channel = await UaSecureChannel.OpenAsync(connection, channelSettings, log, timeout, deadline.Token).ConfigureAwait(false);
            using var writer = new UaBinaryWriter();
            UaResponseDecoder.EncodeRequest(writer, new GetEndpointsRequest(endpointUrl), null, GetEndpointsRequestHandle, (uint)timeout.TotalMilliseconds);
            var response = await channel.RequestAsync(writer.WrittenMemory, timeout, deadline.Token).ConfigureAwait(false);
            return UaResponseDecoder.Decode<GetEndpointsResponse>(response, UaEncodingLimits.Default, GetEndpointsRequestHandle).Endpoints;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpcUaException(StatusCode.BadTimeout, $"GetEndpoints on {endpointUrl} took longer than {timeout.TotalMilliseconds:F0} ms.", ex);
        }
        finally
        {
            if (channel is not null)
            {
                await channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Discovers and selects the endpoint, opens a secure channel and activates a session on it: the
    /// previous session when there is one and the server still knows it, otherwise a new one.
    /// </summary>
    private async Task<(SessionContext Session, bool Resumed)> EstablishAsync(SessionContext? previous, CancellationToken cancellationToken)
    {
        var endpoints = await GetEndpointsAsync(_options.EndpointUrl, _options.RequestTimeout, _logger, cancellationToken).ConfigureAwait(false);
        var endpoint = SelectEndpoint(endpoints);
        X509Certificate2? serverCertificate = null;
        if (!_options.SecurityPolicy.IsNone || NeedsServerCertificate(endpoint))
        {
            serverCertificate = LoadServerCertificate(endpoint);
            _store.ValidateServerCertificate(serverCertificate, endpoint.Server.ApplicationUri);
        }

        if (!_options.SecurityPolicy.IsNone)
        {
            _clientCertificate ??= _store.LoadOrCreateApplicationCertificate(_options.ApplicationUri, _options.ApplicationName);
        }

        _endpoint = endpoint;
        var transport = new TransportSettings(_options.ReceiveBufferSize, _options.SendBufferSize, _options.MaxMessageSize, (_options.MaxMessageSize / _options.ReceiveBufferSize) + 1);
        var connection = await UaTcpConnection.ConnectAsync(_options.EndpointUrl, transport, _logger, cancellationToken).ConfigureAwait(false);
        var settings = new SecureChannelSettings(_options.SecurityPolicy, _options.SecurityMode, _clientCertificate, serverCertificate, _options.SecureChannelLifetime, _encodingLimits);
        var channel = await UaSecureChannel.OpenAsync(connection, settings, _logger, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            if (previous is not null)
            {
                var resumed = new SessionContext(channel, previous.SessionId, previous.AuthenticationToken, serverCertificate) { ServerNonce = previous.ServerNonce };
                try
                {
                    await ActivateSessionAsync(resumed, cancellationToken).ConfigureAwait(false);
                    LogSessionResumed(_logger, resumed.SessionId.ToString());
                    return (resumed, true);
                }
                catch (OpcUaException ex) when (ex.StatusCode.IsBad && channel.IsOpen)
                {
                    LogSessionNotResumed(_logger, previous.SessionId.ToString(), ex.StatusCode.Name);
                }
            }

            var session = await CreateSessionAsync(channel, serverCertificate, cancellationToken).ConfigureAwait(false);
            await ActivateSessionAsync(session, cancellationToken).ConfigureAwait(false);
            LogSessionCreated(_logger, session.SessionId.ToString(), endpoint.ToString());
            return (session, false);
        }
        catch
        {
            await channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private EndpointDescription SelectEndpoint(IReadOnlyList<EndpointDescription> endpoints)
    {
        var match = endpoints
            .Where(e => string.Equals(e.SecurityPolicyUri, _options.SecurityPolicy.Uri, StringComparison.Ordinal) && e.SecurityMode == _options.SecurityMode)
            .OrderByDescending(e => string.Equals(e.TransportProfileUri, BinaryTransportProfile, StringComparison.Ordinal))
            .FirstOrDefault();
        return match ?? throw new OpcUaException(
            StatusCode.BadSecurityPolicyRejected,
            $"{_options.EndpointUrl} offers no endpoint with {_options.SecurityPolicy.Name}/{_options.SecurityMode}; it offers: {string.Join(", ", endpoints.Select(e => $"{SecurityPolicyName(e.SecurityPolicyUri)}/{e.SecurityMode}").Distinct())}.");
    }

    private static string SecurityPolicyName(string? uri) => uri is null ? "?" : uri[(uri.LastIndexOf('#') + 1)..];

    private bool NeedsServerCertificate(EndpointDescription endpoint)
    {
        var token = endpoint.UserIdentityTokens.FirstOrDefault(t => t.TokenType == _options.Identity.TokenType);
        return token is not null && _options.Identity.TokenType != UserTokenType.Anonymous && !SecurityPolicy.FromUri(token.SecurityPolicyUri).IsNone;
    }

    private static X509Certificate2 LoadServerCertificate(EndpointDescription endpoint)
    {
        if (endpoint.ServerCertificate is not { Length: > 0 } raw)
        {
            throw new OpcUaException(StatusCode.BadCertificateInvalid, "The endpoint has no server certificate.");
        }

        try
        {
            // The field may hold a chain: the first DER certificate is the server's own.
            return X509CertificateLoader.LoadCertificate(FirstDerElement(raw));
        }
        catch (CryptographicException ex)
        {
            throw new OpcUaException(StatusCode.BadCertificateInvalid, "The server certificate cannot be parsed.", ex);
        }
    }

    private static byte[] FirstDerElement(byte[] raw)
    {
        var reader = new AsnReader(raw, AsnEncodingRules.DER, new AsnReaderOptions { SkipSetSortOrderVerification = true });
        return reader.ReadEncodedValue().ToArray();
    }

    private async Task<SessionContext> CreateSessionAsync(UaSecureChannel channel, X509Certificate2? serverCertificate, CancellationToken cancellationToken)
    {
        var clientNonce = RandomNumberGenerator.GetBytes(32);
        var description = new ApplicationDescription(_options.ApplicationUri, "urn:proxus", new LocalizedText(null, _options.ApplicationName), 1, []);
        var request = new CreateSessionRequest(
            description, _options.EndpointUrl, $"{_options.ApplicationName} {Guid.NewGuid():N}", clientNonce, _clientCertificate?.RawData,
            _options.SessionTimeout.TotalMilliseconds, (uint)_options.MaxMessageSize);
        var bootstrap = new SessionContext(channel, NodeId.Null, NodeId.Null, serverCertificate);
        var response = await SendAsync<CreateSessionResponse>(bootstrap, request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (!_options.SecurityPolicy.IsNone)
        {
            if (response.ServerCertificate is null || !FirstDerElement(response.ServerCertificate).AsSpan().SequenceEqual(serverCertificate!.RawData))
            {
                throw new OpcUaException(StatusCode.BadCertificateInvalid, "CreateSession returned a server certificate other than the endpoint's.");
            }

            using var serverKey = serverCertificate.GetRSAPublicKey()!;
            var signed = Concat(_clientCertificate!.RawData, clientNonce);
            if (response.ServerSignature.Signature is null || !AsymmetricCrypto.Verify(_options.SecurityPolicy, serverKey, signed, response.ServerSignature.Signature))
            {
                throw new OpcUaException(StatusCode.BadApplicationSignatureInvalid, "The server's signature over our certificate and nonce is invalid.");
            }
        }

        return new SessionContext(channel, response.SessionId, response.AuthenticationToken, serverCertificate) { ServerNonce = response.ServerNonce };
    }

    private async Task ActivateSessionAsync(SessionContext session, CancellationToken cancellationToken)
    {
        var clientSignature = SignatureData.Empty;
        var serverNonce = session.ServerNonce ?? [];
        if (!_options.SecurityPolicy.IsNone)
        {
            using var key = _clientCertificate!.GetRSAPrivateKey()!;
            var data = Concat(session.ServerCertificate!.RawData, serverNonce);
            clientSignature = new SignatureData(_options.SecurityPolicy.AsymmetricSignatureUri, AsymmetricCrypto.Sign(_options.SecurityPolicy, key, data));
        }

        var token = IdentityTokens.Build(_options.Identity, Endpoint, _options.SecurityPolicy, session.ServerCertificate, serverNonce);
        var request = new ActivateSessionRequest(clientSignature, token.TypeId, token.Write, token.Signature);
        var response = await SendAsync<ActivateSessionResponse>(session, request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        session.ServerNonce = response.ServerNonce;
    }

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result, 0);
        second.CopyTo(result, first.Length);
        return result;
    }
}
