using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.S7;

public sealed partial class S7Client
{
    /// <summary>Reads one value; an item error is thrown as <see cref="S7Exception"/>.</summary>
    public Task<object> ReadAsync(string address, CancellationToken cancellationToken = default) =>
        ReadAsync(S7Address.Parse(address), cancellationToken);

    /// <inheritdoc cref="ReadAsync(string, CancellationToken)"/>
    public async Task<object> ReadAsync(S7Address address, CancellationToken cancellationToken = default)
    {
        var result = (await ReadManyAsync([address], cancellationToken).ConfigureAwait(false))[0];
        return result.Error is { } error ? throw error : result.Value!;
    }

    /// <summary>
    /// Reads many values in as few requests as the PDU size allows. Item errors are reported per
    /// result; connection and protocol errors throw <see cref="S7Exception"/>.
    /// </summary>
    public async Task<IReadOnlyList<S7ReadResult>> ReadManyAsync(IReadOnlyList<S7Address> addresses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0)
        {
            return [];
        }

        var buffers = new byte[addresses.Count][];
        var errors = new S7Exception?[addresses.Count];
        await RunAsync(
            async (connection, token) =>
            {
                for (var i = 0; i < addresses.Count; i++)
                {
                    buffers[i] = new byte[addresses[i].ByteLength];
                    errors[i] = null;
                }

                foreach (var batch in S7RequestPlanner.PlanReads(addresses, connection.PduSize, _options.MaxItemsPerRequest))
                {
                    await ReadBatchAsync(connection, batch, addresses, buffers, errors, token).ConfigureAwait(false);
                }

                return true;
            },
            idempotent: true,
            cancellationToken).ConfigureAwait(false);

        var results = new S7ReadResult[addresses.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = errors[i] is { } error ? new S7ReadResult(addresses[i], null, error) : Decode(addresses[i], buffers[i]);
        }

        return results;
    }

    private static S7ReadResult Decode(S7Address address, byte[] data)
    {
        try
        {
            return new S7ReadResult(address, S7ValueCodec.Decode(address, data), null);
        }
        catch (S7Exception exception)
        {
            return new S7ReadResult(address, null, exception);
        }
    }

    private static Task<bool> ReadBatchAsync(S7Connection connection, S7Fragment[] batch, IReadOnlyList<S7Address> addresses, byte[][] buffers, S7Exception?[] errors, CancellationToken cancellationToken)
    {
        var specs = Array.ConvertAll(batch, fragment => fragment.Spec);
        return connection.ExchangeAsync(
            reference => S7PduCodec.EncodeReadVarRequest(reference, specs),
            pdu =>
            {
                var items = S7PduCodec.DecodeReadVarResponse(pdu, specs.Length);
                for (var i = 0; i < batch.Length; i++)
                {
                    var fragment = batch[i];
                    var item = items[i];
                    if (item.ReturnCode != S7ReturnCode.Success)
                    {
                        errors[fragment.ItemIndex] ??= S7ItemErrors.FromReturnCode(item.ReturnCode, addresses[fragment.ItemIndex]);
                        continue;
                    }

                    if (item.Data.Length != fragment.Length)
                    {
                        throw new S7Exception(S7ErrorReason.MalformedFrame, $"Item {i} returned {item.Data.Length} bytes; {fragment.Length} were requested.");
                    }

                    item.Data.Span.CopyTo(buffers[fragment.ItemIndex].AsSpan(fragment.ItemOffset));
                }

                return true;
            },
            cancellationToken);
    }
}
