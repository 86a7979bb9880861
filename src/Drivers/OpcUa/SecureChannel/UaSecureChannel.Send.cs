using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Security;
using Proxus.Drivers.OpcUa.Transport;

namespace Proxus.Drivers.OpcUa.SecureChannel;

internal sealed partial class UaSecureChannel
{
    /// <summary>Bytes before the body of a symmetric chunk: header, channel id, token id, sequence header.</summary>
    private const int SymmetricPrefix = 24;

    /// <summary>
    /// Splits a message into MSG/CLO chunks no larger than the server's receive buffer, each signed
    /// (HMAC-SHA256 over header..padding) and encrypted (AES-CBC over sequence header..signature) as
    /// the mode requires (Part 6 section 6.7.2), and writes them in sequence-number order.
    /// </summary>
    private async Task SendSymmetricAsync(MessageType type, uint requestId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var limits = _connection.Limits;
        var maxBody = MaxSymmetricBodySize(limits.SendBufferSize);
        var chunkCount = Math.Max(1, (message.Length + maxBody - 1) / maxBody);
        if ((limits.MaxSendChunkCount > 0 && chunkCount > limits.MaxSendChunkCount) || (limits.MaxSendMessageSize > 0 && message.Length > limits.MaxSendMessageSize))
        {
            throw new OpcUaException(StatusCode.BadRequestTooLarge, $"The request ({message.Length} bytes, {chunkCount} chunks) exceeds the server's limits ({limits.MaxSendMessageSize} bytes, {limits.MaxSendChunkCount} chunks).");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(chunkCount * limits.SendBufferSize);
        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var token = _token ?? throw new OpcUaException(StatusCode.BadSecureChannelClosed, "The secure channel has no token.");
                var written = 0;
                for (var offset = 0; offset < message.Length || written == 0; offset += maxBody)
                {
                    var length = Math.Min(maxBody, message.Length - offset);
                    var final = offset + length >= message.Length;
                    written += WriteSymmetricChunk(buffer.AsSpan(written), type, final ? ChunkType.Final : ChunkType.Intermediate, token, requestId, message.Span.Slice(offset, length));
                }

                // Never cancel half-way through a write: the stream would be out of step.
                await _connection.SendAsync(buffer.AsMemory(0, written), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (OpcUaException ex) when (ex.StatusCode.Is(StatusCode.BadConnectionClosed))
        {
            Fault(ex);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int MaxSymmetricBodySize(int sendBufferSize)
    {
        var signature = _settings.Mode == MessageSecurityMode.None ? 0 : _settings.Policy.SymmetricSignatureLength;
        if (_settings.Mode != MessageSecurityMode.SignAndEncrypt)
        {
            return sendBufferSize - SymmetricPrefix - signature;
        }

        var block = _settings.Policy.EncryptionBlockSize;
        var encryptable = (sendBufferSize - 16) / block * block;
        return encryptable - 8 - signature - 1;
    }

    private int WriteSymmetricChunk(Span<byte> destination, MessageType type, ChunkType chunkType, ChannelToken token, uint requestId, ReadOnlySpan<byte> body)
    {
        var sign = _settings.Mode != MessageSecurityMode.None;
        var encrypt = _settings.Mode == MessageSecurityMode.SignAndEncrypt;
        var signatureLength = sign ? _settings.Policy.SymmetricSignatureLength : 0;
        var paddingBytes = 0;
        if (encrypt)
        {
            var block = _settings.Policy.EncryptionBlockSize;
            var padding = (block - ((8 + body.Length + 1 + signatureLength) % block)) % block;
            paddingBytes = padding + 1;
        }

        var size = SymmetricPrefix + body.Length + paddingBytes + signatureLength;
        var chunk = destination[..size];
        new ChunkHeader(type, chunkType, size).Write(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[8..], _channelId);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[12..], token.TokenId);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[16..], NextSequenceNumber());
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[20..], requestId);
        body.CopyTo(chunk[SymmetricPrefix..]);
        chunk.Slice(SymmetricPrefix + body.Length, paddingBytes).Fill((byte)(paddingBytes - 1));
        if (sign)
        {
            token.ClientKeys!.Sign(chunk[..(size - signatureLength)], chunk[(size - signatureLength)..]);
        }

        if (encrypt)
        {
            token.ClientKeys!.Encrypt(chunk[16..]);
        }

        return size;
    }

    /// <summary>
    /// Sends an OpenSecureChannel request in one asymmetric chunk (Part 6 section 6.7.2): security
    /// policy URI, our certificate and the server certificate's thumbprint, then — unless the policy is
    /// None — padding, an RSA signature with our key and RSA-OAEP encryption with the server's key.
    /// </summary>
    private async Task SendAsymmetricAsync(uint requestId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var policy = _settings.Policy;
        using var writer = new UaBinaryWriter(message.Length + 4096);
        writer.Reserve(ChunkHeader.Size);
        writer.WriteUInt32(_channelId);
        writer.WriteString(policy.Uri);
        writer.WriteByteString(policy.IsNone ? null : _settings.ClientCertificate!.RawData);
        writer.WriteByteString(policy.IsNone ? null : _settings.ServerCertificate!.GetCertHash(HashAlgorithmName.SHA1));
        var securityHeaderEnd = writer.Position;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            writer.WriteUInt32(NextSequenceNumber());
            writer.WriteUInt32(requestId);
            writer.WriteBytes(message.Span);
            byte[] chunk;
            if (policy.IsNone)
            {
                new ChunkHeader(MessageType.OpenSecureChannel, ChunkType.Final, writer.Position).Write(writer.GetSpan(0, ChunkHeader.Size));
                chunk = writer.ToArray();
            }
            else
            {
                chunk = SecureAsymmetricChunk(writer, securityHeaderEnd);
            }

            if (chunk.Length > _connection.Limits.SendBufferSize)
            {
                throw new OpcUaException(StatusCode.BadRequestTooLarge, $"The OpenSecureChannel request ({chunk.Length} bytes) exceeds the server's receive buffer.");
            }

            await _connection.SendAsync(chunk, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private byte[] SecureAsymmetricChunk(UaBinaryWriter writer, int securityHeaderEnd)
    {
        var policy = _settings.Policy;
        using var serverKey = _settings.ServerCertificate!.GetRSAPublicKey() ?? throw new OpcUaException(StatusCode.BadCertificateInvalid, "The server certificate has no RSA key.");
        using var clientKey = _settings.ClientCertificate!.GetRSAPrivateKey() ?? throw new OpcUaException(StatusCode.BadCertificateInvalid, "Our certificate has no RSA private key.");
        var plainBlock = AsymmetricCrypto.PlainTextBlockSize(policy, serverKey);
        var cipherBlock = AsymmetricCrypto.CipherTextBlockSize(serverKey);
        var signatureLength = AsymmetricCrypto.SignatureSize(clientKey);
        var extraPadding = serverKey.KeySize > 2048;
        var paddingOverhead = extraPadding ? 2 : 1;
        var unpadded = writer.Position - securityHeaderEnd + paddingOverhead + signatureLength;
        var padding = (plainBlock - (unpadded % plainBlock)) % plainBlock;
        var plainLength = unpadded + padding;
        var size = securityHeaderEnd + (plainLength / plainBlock * cipherBlock);
        for (var i = 0; i <= padding; i++)
        {
            writer.WriteByte((byte)padding);
        }

        if (extraPadding)
        {
            writer.WriteByte((byte)(padding >> 8));
        }

        new ChunkHeader(MessageType.OpenSecureChannel, ChunkType.Final, size).Write(writer.GetSpan(0, ChunkHeader.Size));
        writer.WriteBytes(AsymmetricCrypto.Sign(policy, clientKey, writer.WrittenSpan));
        var chunk = new byte[size];
        writer.WrittenSpan[..securityHeaderEnd].CopyTo(chunk);
        AsymmetricCrypto.Encrypt(policy, serverKey, writer.WrittenSpan[securityHeaderEnd..], chunk.AsSpan(securityHeaderEnd));
        return chunk;
    }

    private uint NextSequenceNumber()
    {
        // Part 6 section 6.7.2.4: wrap to a value below 1024 after 4294966271.
        _sendSequence = _sendSequence >= uint.MaxValue - 1024 ? 1 : _sendSequence + 1;
        return _sendSequence;
    }
}
