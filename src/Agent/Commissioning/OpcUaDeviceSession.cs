using Proxus.Drivers.OpcUa;

namespace Proxus.Agent.Commissioning;

/// <summary>
/// Commissioning reads, writes and browses over one <see cref="OpcUaClient"/> session, connected on
/// first use so that malformed node ids and options are reported before any network traffic.
/// </summary>
internal sealed class OpcUaDeviceSession(OpcUaClientOptions options) : IDeviceSession
{
    private OpcUaClient? _client;

    public async Task<IReadOnlyList<PointValue>> ReadAsync(IReadOnlyList<string> addresses, PointFormat format, CancellationToken cancellationToken)
    {
        RejectFormat(format);
        var nodeIds = addresses.Select(NodeId.Parse).ToList();
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var values = await client.ReadAsync(nodeIds, AttributeId.Value, cancellationToken).ConfigureAwait(false);
        return nodeIds.Select((nodeId, i) => ToPointValue(nodeId, values[i])).ToList();
    }

    public async Task<PointValue> WriteAsync(string address, string value, PointFormat format, CancellationToken cancellationToken)
    {
        RejectFormat(format);
        var nodeId = NodeId.Parse(address);
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await client.WriteAsync(nodeId.ToString(), value, cancellationToken).ConfigureAwait(false);
        return ToPointValue(nodeId, await client.ReadAsync(nodeId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The hierarchical children of <paramref name="nodeId"/>, with the data type of each variable.</summary>
    public async Task<IReadOnlyList<BrowseEntry>> BrowseAsync(NodeId nodeId, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var references = await client.BrowseAsync(nodeId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var variables = references
            .Where(reference => reference.NodeClass == NodeClass.Variable && reference.NodeId.IsLocal)
            .Select(reference => reference.NodeId.NodeId)
            .Distinct()
            .ToList();
        var dataTypeNames = await ReadDataTypeNamesAsync(variables, cancellationToken).ConfigureAwait(false);
        return references.Select(reference => new BrowseEntry(
            reference.BrowseName.ToString(),
            reference.NodeId.ToString(),
            reference.NodeClass.ToString(),
            reference.NodeClass == NodeClass.Variable ? dataTypeNames.GetValueOrDefault(reference.NodeId.NodeId) : null)).ToList();
    }

    public ValueTask DisposeAsync() => _client?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<OpcUaClient> ConnectAsync(CancellationToken cancellationToken)
        => _client ??= await OpcUaClient.ConnectAsync(options, logger: null, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the DataType attribute of each variable, then the browse names of those data types.</summary>
    private async Task<Dictionary<NodeId, string>> ReadDataTypeNamesAsync(IReadOnlyList<NodeId> variables, CancellationToken cancellationToken)
    {
        var names = new Dictionary<NodeId, string>();
        if (variables.Count == 0)
        {
            return names;
        }

        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var dataTypes = await client.ReadAsync(variables, AttributeId.DataType, cancellationToken).ConfigureAwait(false);
        var typeIds = dataTypes.Select(value => value.Status.IsGood ? value.Value.Value as NodeId : null).ToList();
        var distinct = typeIds.OfType<NodeId>().Distinct().ToList();
        var typeNames = distinct.Count == 0
            ? []
            : await client.ReadAsync(distinct, AttributeId.BrowseName, cancellationToken).ConfigureAwait(false);
        var nameOfType = new Dictionary<NodeId, string>();
        for (var i = 0; i < distinct.Count; i++)
        {
            nameOfType[distinct[i]] = typeNames[i].Status.IsGood && typeNames[i].Value.Value is QualifiedName name
                ? name.ToString()
                : distinct[i].ToString();
        }

        for (var i = 0; i < variables.Count; i++)
        {
            if (typeIds[i] is { } typeId)
            {
                names[variables[i]] = nameOfType[typeId];
            }
        }

        return names;
    }

    private static PointValue ToPointValue(NodeId nodeId, DataValue value)
    {
        var address = nodeId.ToString();
        if (value.Status.IsBad)
        {
            return PointValue.Bad(address, value.Status.ToString());
        }

        var printable = value.Value switch
        {
            { IsArray: false, Value: bool or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or string or DateTime } scalar => scalar.Value!,
            var other => (object)other.ToString(),
        };
        return PointValue.Good(address, printable) with { Status = value.Status.IsGood ? null : value.Status.ToString() };
    }

    private static void RejectFormat(PointFormat format)
    {
        if (format.Type is not null || format.ByteOrder is not null || format.StringLength is not null || format.Count != 1)
        {
            throw new FormatException("--type, --order, --length and --count do not apply to OPC UA: a node carries its own data type.");
        }
    }
}
