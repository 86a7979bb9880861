using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Security;
using Proxus.Drivers.OpcUa.Transport;

namespace Proxus.Drivers.OpcUa.SecureChannel;

internal sealed partial class UaSecureChannel
{
    private const int MaxPolicyUriLength = 256;
    private const int MaxCertificateLength = 32 * 1024;

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_shutdown.IsCancellationRequested)
            {
                using var chunk = await _connection.ReadChunkAsync(_shutdown.Token).ConfigureAwait(false);
                ProcessChunk(chunk);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Closing.
        }
        catch (OpcUaException ex)
        {
            Fault(ex);
        }
    }

    private void ProcessChunk(in ReceivedChunk chunk)
    {
        var header = chunk.Header;
        switch (header.MessageType)
        {
            case MessageType.Message:
                var (requestId, body) = UnwrapSymmetric(chunk.Span);
                Deliver(header, requestId, chunk.Span[body]);
                break;
            case MessageType.OpenSecureChannel:
                var (openRequestId, openBody) = UnwrapAsymmetric(chunk.Span);
                Deliver(header, openRequestId, chunk.Span[openBody]);
                break;
            case MessageType.CloseSecureChannel:
                throw new OpcUaException(StatusCode.BadSecureChannelClosed, "The server closed the secure channel.");
            default:
                throw new OpcUaException(StatusCode.BadTcpMessageTypeInvalid, $"Unexpected {header.MessageType} message on an open channel.");
        }
    }

    /// <summary>Hands a chunk body to the request it answers; completes the request on the final chunk.</summary>
    private void Deliver(ChunkHeader header, uint requestId, ReadOnlySpan<byte> body)
    {
        if (!_pending.TryGetValue(requestId, out var pending))
        {
            LogUnexpectedResponse(_logger, requestId);
            return;
        }

        if (header.ChunkType == ChunkType.Abort)
        {
            var reader = new UaBinaryReader(body, _settings.EncodingLimits with { MaxStringLength = 4096 });
            var status = reader.ReadStatusCode();
            var reason = reader.ReadString();
            pending.Completion.TrySetException(new OpcUaException(status.IsBad ? status : StatusCode.BadUnexpectedError, "The server aborted the response: " + reason));
            return;
        }

        var limits = _connection.Limits;
        if ((limits.MaxReceiveChunkCount > 0 && pending.ChunkCount + 1 > limits.MaxReceiveChunkCount)
            || (limits.MaxReceiveMessageSize > 0 && pending.Size + body.Length > limits.MaxReceiveMessageSize))
        {
            _pending.TryRemove(requestId, out _);
            pending.Completion.TrySetException(new OpcUaException(StatusCode.BadResponseTooLarge, $"The response exceeds {limits.MaxReceiveMessageSize} bytes or {limits.MaxReceiveChunkCount} chunks."));
            return;
        }

        var message = pending.Append(body, header.ChunkType == ChunkType.Final);
        if (message is null)
        {
            return;
        }

        if (header.MessageType == MessageType.OpenSecureChannel)
        {
            InstallToken(message);
        }

        pending.Completion.TrySetResult(message);
    }

    /// <summary>Checks channel and token, decrypts, verifies the signature and the sequence number of a MSG chunk.</summary>
    private (uint RequestId, Range Body) UnwrapSymmetric(Span<byte> chunk)
    {
        if (chunk.Length < SymmetricPrefix)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, "A message chunk is shorter than its headers.");
        }

        var channelId = BinaryPrimitives.ReadUInt32LittleEndian(chunk[8..]);
        if (channelId != _channelId)
        {
            throw new OpcUaException(StatusCode.BadSecureChannelIdInvalid, $"Chunk for channel {channelId}, expected {_channelId}.");
        }

        var tokenId = BinaryPrimitives.ReadUInt32LittleEndian(chunk[12..]);
        var token = tokenId == _token?.TokenId ? _token : tokenId == _previousToken?.TokenId ? _previousToken : null;
        if (token is null)
        {
            throw new OpcUaException(StatusCode.BadSecureChannelTokenUnknown, $"Token {tokenId} is not known.");
        }

        var end = chunk.Length;
        if (_settings.Mode != MessageSecurityMode.None)
        {
            var keys = token.ServerKeys!;
            var signatureLength = _settings.Policy.SymmetricSignatureLength;
            if (_settings.Mode == MessageSecurityMode.SignAndEncrypt)
            {
                keys.Decrypt(chunk[16..]);
            }

            if (chunk.Length < SymmetricPrefix + signatureLength || !keys.Verify(chunk[..^signatureLength], chunk[^signatureLength..]))
            {
                throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "A message chunk has an invalid signature.");
            }

            end -= signatureLength;
            if (_settings.Mode == MessageSecurityMode.SignAndEncrypt)
            {
                end = RemovePadding(chunk, end, extraPadding: false);
            }
        }

        CheckSequenceNumber(BinaryPrimitives.ReadUInt32LittleEndian(chunk[16..]));
        return (BinaryPrimitives.ReadUInt32LittleEndian(chunk[20..]), SymmetricPrefix..end);
    }

    /// <summary>Unwraps an OPN chunk: checks the security header, decrypts with our key, verifies the server's signature.</summary>
    private (uint RequestId, Range Body) UnwrapAsymmetric(Span<byte> chunk)
    {
        var reader = new UaBinaryReader(chunk[8..], _settings.EncodingLimits with { MaxStringLength = MaxPolicyUriLength, MaxByteStringLength = MaxCertificateLength });
        reader.ReadUInt32();
        var policyUri = reader.ReadString();
        var senderCertificate = reader.ReadByteStringSpan();
        var receiverThumbprint = reader.ReadByteStringSpan();
        var headerEnd = 8 + reader.Position;
        var policy = _settings.Policy;
        if (!string.Equals(policyUri, policy.Uri, StringComparison.Ordinal))
        {
            throw new OpcUaException(StatusCode.BadSecurityPolicyRejected, $"The server answered with policy '{policyUri}', expected '{policy.Uri}'.");
        }

        var end = chunk.Length;
        if (!policy.IsNone)
        {
            if (!senderCertificate.SequenceEqual(_settings.ServerCertificate!.RawData))
            {
                throw new OpcUaException(StatusCode.BadCertificateInvalid, "The server signed OpenSecureChannel with a certificate other than its endpoint certificate.");
            }

            if (!receiverThumbprint.SequenceEqual(_settings.ClientCertificate!.GetCertHash(HashAlgorithmName.SHA1)))
            {
                throw new OpcUaException(StatusCode.BadCertificateInvalid, "The server encrypted OpenSecureChannel for another certificate.");
            }

            using var clientKey = _settings.ClientCertificate.GetRSAPrivateKey()!;
            using var serverKey = _settings.ServerCertificate.GetRSAPublicKey()!;
            var plain = new byte[chunk.Length - headerEnd];
            var plainLength = AsymmetricCrypto.Decrypt(policy, clientKey, chunk[headerEnd..], plain);
            plain.AsSpan(0, plainLength).CopyTo(chunk[headerEnd..]);
            end = headerEnd + plainLength;
            var signatureLength = AsymmetricCrypto.SignatureSize(serverKey);
            if (plainLength < 8 + signatureLength || !AsymmetricCrypto.Verify(policy, serverKey, chunk[..(end - signatureLength)], chunk[(end - signatureLength)..end]))
            {
                throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "The OpenSecureChannel response has an invalid signature.");
            }

            end = RemovePadding(chunk[..(end - signatureLength)], end - signatureLength, extraPadding: clientKey.KeySize > 2048);
        }

        if (end < headerEnd + 8)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, "An OpenSecureChannel chunk is shorter than its headers.");
        }

        CheckSequenceNumber(BinaryPrimitives.ReadUInt32LittleEndian(chunk[headerEnd..]));
        return (BinaryPrimitives.ReadUInt32LittleEndian(chunk[(headerEnd + 4)..]), (headerEnd + 8)..end);
    }

    /// <summary>Validates and strips PaddingSize/Padding[/ExtraPaddingSize] that end at <paramref name="end"/>.</summary>
    private static int RemovePadding(ReadOnlySpan<byte> chunk, int end, bool extraPadding)
    {
        var overhead = extraPadding ? 2 : 1;
        if (end < SymmetricPrefix + overhead)
        {
            throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "A chunk has no room for its padding.");
        }

        var padding = extraPadding ? chunk[end - 2] | (chunk[end - 1] << 8) : chunk[end - 1];
        var start = end - overhead - padding;
        if (start < 16 + 8)
        {
            throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "A chunk's padding is longer than the chunk.");
        }

        var low = (byte)padding;
        foreach (var b in chunk[start..(end - overhead + 1)])
        {
            if (b != low)
            {
                throw new OpcUaException(StatusCode.BadSecurityChecksFailed, "A chunk's padding bytes are inconsistent.");
            }
        }

        return start;
    }

    private void CheckSequenceNumber(uint sequence)
    {
        if (_lastReceivedSequence is { } last)
        {
            var expected = last >= uint.MaxValue - 1024 ? (uint?)null : last + 1;
            var valid = expected is null ? sequence < 1024 : sequence == expected;
            if (!valid)
            {
                throw new OpcUaException(StatusCode.BadSequenceNumberInvalid, $"Sequence number {sequence} after {last}.");
            }
        }

        _lastReceivedSequence = sequence;
    }
}
