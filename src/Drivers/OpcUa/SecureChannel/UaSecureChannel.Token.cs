using System.Security.Cryptography;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Services;
using Proxus.Drivers.OpcUa.Transport;

namespace Proxus.Drivers.OpcUa.SecureChannel;

internal sealed partial class UaSecureChannel
{
    /// <summary>Issues (or renews) a security token with OpenSecureChannel and schedules the next renewal.</summary>
    private async Task OpenTokenAsync(bool renew, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var policy = _settings.Policy;
        var nonce = policy.IsNone ? null : RandomNumberGenerator.GetBytes(policy.NonceLength);
        _openNonce = nonce;
        using var writer = new UaBinaryWriter(256);
        var request = new OpenSecureChannelRequest(renew, _settings.Mode, nonce, (uint)_settings.RequestedLifetime.TotalMilliseconds);
        UaResponseDecoder.EncodeRequest(writer, request, null, 0, (uint)timeout.TotalMilliseconds);
        await SendAndWaitAsync(MessageType.OpenSecureChannel, writer.WrittenMemory, timeout, cancellationToken).ConfigureAwait(false);
        var token = _token!;
        if (renew)
        {
            LogRenewed(_logger, _channelId, token.TokenId);
        }
        else
        {
            LogOpened(_logger, _channelId, policy.Name, _settings.Mode, token.TokenId, token.Lifetime.TotalMilliseconds);
        }

        var due = TimeSpan.FromMilliseconds(Math.Max(token.Lifetime.TotalMilliseconds * 0.75, 100));
        _renewTimer ??= new Timer(_ => _ = RenewAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _renewTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task RenewAsync()
    {
        try
        {
            await OpenTokenAsync(renew: true, TimeSpan.FromSeconds(15), _shutdown.Token).ConfigureAwait(false);
        }
        catch (OpcUaException ex)
        {
            Fault(new OpcUaException(ex.StatusCode, "Renewing the security token failed: " + ex.Detail, ex));
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }

    /// <summary>Called by the receive loop with a complete OpenSecureChannel response: installs the new token.</summary>
    private void InstallToken(byte[] message)
    {
        var response = UaResponseDecoder.Decode<OpenSecureChannelResponse>(message, _settings.EncodingLimits);
        if (_token is not null && response.ChannelId != _channelId)
        {
            throw new OpcUaException(StatusCode.BadSecureChannelIdInvalid, $"Renewal answered for channel {response.ChannelId}, not {_channelId}.");
        }

        var lifetime = TimeSpan.FromMilliseconds(Math.Max(response.RevisedLifetimeMs, 1000));
        var token = ChannelToken.Create(_settings.Policy, response.TokenId, lifetime, _openNonce, response.ServerNonce);
        _channelId = response.ChannelId;
        var retired = _previousToken;
        _previousToken = _token;
        _token = token;
        retired?.Dispose();
    }
}
