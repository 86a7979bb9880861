using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa;

public sealed partial class OpcUaClient
{
    private static readonly NodeId HierarchicalReferences = new(33u);
    private static readonly NodeId[] OperationLimitNodes = [new(11705u), new(11707u), new(11710u), new(11714u)];

    /// <summary>Reads the Value attribute of one node given as text (<c>ns=2;s=Tag</c>).</summary>
    public Task<DataValue> ReadAsync(string address, CancellationToken cancellationToken = default)
        => ReadAsync(NodeId.Parse(address), cancellationToken);

    public async Task<DataValue> ReadAsync(NodeId nodeId, CancellationToken cancellationToken = default)
        => (await ReadAsync([nodeId], AttributeId.Value, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Reads an attribute of many nodes, in batches of the server's MaxNodesPerRead (halved again if the
    /// server still answers BadTooManyOperations). Per-node failures are in each DataValue's status.
    /// </summary>
    public async Task<IReadOnlyList<DataValue>> ReadAsync(IReadOnlyList<NodeId> nodeIds, AttributeId attribute = AttributeId.Value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        var results = new DataValue[nodeIds.Count];
        var batch = Limits.MaxNodesPerRead == 0 ? nodeIds.Count : (int)Math.Min(Limits.MaxNodesPerRead, (uint)nodeIds.Count);
        var offset = 0;
        while (offset < nodeIds.Count)
        {
            var count = Math.Min(batch, nodeIds.Count - offset);
            var items = new ReadValueId[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = new ReadValueId(nodeIds[offset + i], attribute);
            }

            ReadResponse response;
            try
            {
                response = await CallIdempotentAsync<ReadResponse>(new ReadRequest(0, TimestampsToReturn.Both, items), cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException ex) when (ex.StatusCode.Is(StatusCode.BadTooManyOperations) && count > 1)
            {
                batch = count / 2;
                LogReadBatchReduced(_logger, count, batch);
                continue;
            }

            if (response.Results.Length != count)
            {
                throw new OpcUaException(StatusCode.BadUnknownResponse, $"Read of {count} nodes returned {response.Results.Length} results.");
            }

            response.Results.CopyTo(results, offset);
            offset += count;
        }

        return results;
    }

    /// <summary>Writes a value given as text address and CLR value, converted to the node's data type.</summary>
    public async Task WriteAsync(string address, object value, CancellationToken cancellationToken = default)
    {
        var nodeId = NodeId.Parse(address);
        var variant = await ToNodeTypeAsync(nodeId, value, cancellationToken).ConfigureAwait(false);
        await WriteAsync(nodeId, variant, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the Value attribute; a bad result throws with its status code.</summary>
    public async Task WriteAsync(NodeId nodeId, Variant value, CancellationToken cancellationToken = default)
    {
        var results = await WriteAsync([(nodeId, value)], cancellationToken).ConfigureAwait(false);
        if (results[0].IsBad)
        {
            throw new OpcUaException(results[0], $"Writing {nodeId} failed.");
        }
    }

    /// <summary>Writes many values in batches of the server's MaxNodesPerWrite; returns one status per write.</summary>
    public async Task<IReadOnlyList<StatusCode>> WriteAsync(IReadOnlyList<(NodeId NodeId, Variant Value)> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new List<StatusCode>(writes.Count);
        var batch = Limits.MaxNodesPerWrite == 0 ? Math.Max(writes.Count, 1) : (int)Limits.MaxNodesPerWrite;
        foreach (var chunk in writes.Chunk(batch))
        {
            var items = chunk.Select(w => (w.NodeId, AttributeId.Value, new DataValue(w.Value))).ToArray();
            var response = await CallAsync<WriteResponse>(new WriteRequest(items), cancellationToken).ConfigureAwait(false);
            if (response.Results.Length != items.Length)
            {
                throw new OpcUaException(StatusCode.BadUnknownResponse, $"Write of {items.Length} nodes returned {response.Results.Length} results.");
            }

            results.AddRange(response.Results);
        }

        return results;
    }

    /// <summary>
    /// Browses the hierarchical references of a node (for a tag picker), following continuation points
    /// with BrowseNext until every reference is returned.
    /// </summary>
    public async Task<IReadOnlyList<ReferenceDescription>> BrowseAsync(NodeId nodeId, NodeClass nodeClassMask = NodeClass.Unspecified, BrowseDirection direction = BrowseDirection.Forward, uint maxReferencesPerRequest = 1000, CancellationToken cancellationToken = default)
    {
        var response = await CallIdempotentAsync<BrowseResponse>(new BrowseRequest([nodeId], direction, HierarchicalReferences, nodeClassMask, maxReferencesPerRequest), cancellationToken).ConfigureAwait(false);
        var result = Single(response.Results, nodeId);
        var references = new List<ReferenceDescription>(result.References);
        while (result.ContinuationPoint is { Length: > 0 } point)
        {
            var next = await CallAsync<BrowseNextResponse>(new BrowseNextRequest(false, [point]), cancellationToken).ConfigureAwait(false);
            result = Single(next.Results, nodeId);
            references.AddRange(result.References);
        }

        return references;
    }

    /// <summary>Resolves a path of browse names (<c>Objects/1:Proxus/1:Dynamic</c> style, or given as names) to a NodeId.</summary>
    public async Task<NodeId> TranslateBrowsePathAsync(NodeId startingNode, IReadOnlyList<QualifiedName> path, CancellationToken cancellationToken = default)
    {
        var response = await CallIdempotentAsync<TranslateBrowsePathsResponse>(new TranslateBrowsePathsRequest(startingNode, path.ToArray()), cancellationToken).ConfigureAwait(false);
        if (response.Status.IsBad)
        {
            throw new OpcUaException(response.Status, $"The path {string.Join('/', path)} from {startingNode} does not resolve.");
        }

        var target = response.Targets.FirstOrDefault(t => t.IsLocal)
            ?? throw new OpcUaException(StatusCode.BadNoMatch, $"The path {string.Join('/', path)} from {startingNode} has no local target.");
        return target.NodeId;
    }

    /// <summary>Parses <c>1:Proxus/1:Dynamic/1:Sine</c> (namespace index optional, default 0) and resolves it.</summary>
    public Task<NodeId> TranslateBrowsePathAsync(NodeId startingNode, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(ParseQualifiedName).ToArray();
        return TranslateBrowsePathAsync(startingNode, names, cancellationToken);
    }

    private static QualifiedName ParseQualifiedName(string element)
    {
        var colon = element.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ushort.TryParse(element.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ns)
            ? new QualifiedName(ns, element[(colon + 1)..])
            : new QualifiedName(0, element);
    }

    private static BrowseResult Single(BrowseResult[] results, NodeId nodeId)
    {
        if (results.Length != 1)
        {
            throw new OpcUaException(StatusCode.BadUnknownResponse, $"Browse returned {results.Length} results for one node.");
        }

        return results[0].Status.IsBad ? throw new OpcUaException(results[0].Status, $"Browsing {nodeId} failed.") : results[0];
    }

    private async Task<OperationLimits> ReadOperationLimitsAsync(CancellationToken cancellationToken)
    {
        var values = await ReadAsync(OperationLimitNodes, AttributeId.Value, cancellationToken).ConfigureAwait(false);
        uint Get(int i) => values[i].Status.IsGood && values[i].Value.Value is uint limit ? limit : 0;
        return new OperationLimits(Get(0), Get(1), Get(2), Get(3));
    }

    private async Task<Variant> ToNodeTypeAsync(NodeId nodeId, object value, CancellationToken cancellationToken)
    {
        if (value is Variant variant)
        {
            return variant;
        }

        var dataType = await ReadAsync([nodeId], AttributeId.DataType, cancellationToken).ConfigureAwait(false);
        if (dataType[0].Status.IsBad || dataType[0].Value.Value is not NodeId typeId || typeId.NamespaceIndex != 0 || typeId.IdType != NodeIdType.Numeric
            || typeId.NumericIdentifier is 0 or > (uint)BuiltInType.DiagnosticInfo)
        {
            return Variant.From(value);
        }

        var builtIn = (BuiltInType)typeId.NumericIdentifier;
        return VariantConverter.Convert(value, builtIn);
    }
}
