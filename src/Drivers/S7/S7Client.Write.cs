using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.S7;

public sealed partial class S7Client
{
    /// <summary>Writes one value; an item error is thrown as <see cref="S7Exception"/>.</summary>
    public Task WriteAsync(string address, object value, CancellationToken cancellationToken = default) =>
        WriteAsync(S7Address.Parse(address), value, cancellationToken);

    /// <inheritdoc cref="WriteAsync(string, object, CancellationToken)"/>
    public async Task WriteAsync(S7Address address, object value, CancellationToken cancellationToken = default)
    {
        var result = (await WriteManyAsync([new S7WriteItem(address, value)], cancellationToken).ConfigureAwait(false))[0];
        if (result.Error is { } error)
        {
            throw error;
        }
    }

    /// <summary>
    /// Writes many values in as few requests as the PDU size allows. Values are encoded before anything
    /// is sent (an unconvertible value throws <see cref="S7Exception"/> with <see cref="S7ErrorReason.InvalidValue"/>).
    /// </summary>
    public async Task<IReadOnlyList<S7WriteResult>> WriteManyAsync(IReadOnlyList<S7WriteItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        var addresses = new S7Address[items.Count];
        var encoded = new byte[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            addresses[i] = items[i].Address;
            encoded[i] = S7ValueCodec.Encode(items[i].Address, items[i].Value);
        }

        var errors = new S7Exception?[items.Count];
        await RunAsync(
            async (connection, token) =>
            {
                foreach (var batch in S7RequestPlanner.PlanWrites(addresses, connection.PduSize, _options.MaxItemsPerRequest))
                {
                    await WriteBatchAsync(connection, batch, addresses, encoded, errors, token).ConfigureAwait(false);
                }

                return true;
            },
            idempotent: false,
            cancellationToken).ConfigureAwait(false);

        var results = new S7WriteResult[items.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new S7WriteResult(addresses[i], errors[i]);
        }

        return results;
    }

    private static Task<bool> WriteBatchAsync(S7Connection connection, S7Fragment[] batch, S7Address[] addresses, byte[][] encoded, S7Exception?[] errors, CancellationToken cancellationToken)
    {
        var specs = Array.ConvertAll(batch, fragment => fragment.Spec);
        var data = Array.ConvertAll(batch, fragment => new S7DataItem(
            S7ReturnCode.Reserved,
            fragment.Spec.VariableType switch
            {
                S7VariableType.Bit => S7DataTransportSize.Bit,
                S7VariableType.Timer or S7VariableType.Counter => S7DataTransportSize.OctetString,
                _ => S7DataTransportSize.Byte,
            },
            encoded[fragment.ItemIndex].AsMemory(fragment.ItemOffset, fragment.Length)));
        return connection.ExchangeAsync(
            reference => S7PduCodec.EncodeWriteVarRequest(reference, specs, data),
            pdu =>
            {
                var codes = S7PduCodec.DecodeWriteVarResponse(pdu, specs.Length);
                for (var i = 0; i < batch.Length; i++)
                {
                    if (codes[i] != S7ReturnCode.Success)
                    {
                        errors[batch[i].ItemIndex] ??= S7ItemErrors.FromReturnCode(codes[i], addresses[batch[i].ItemIndex]);
                    }
                }

                return true;
            },
            cancellationToken);
    }
}
