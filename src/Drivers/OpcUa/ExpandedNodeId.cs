using System.Globalization;

namespace Proxus.Drivers.OpcUa;

/// <summary>
/// A NodeId that may name its namespace by URI and live on another server (Part 3 section 8.2.10,
/// Part 6 section 5.2.2.10). Text form: <c>svr=1;nsu=urn:x;s=Tag</c>.
/// </summary>
public sealed record ExpandedNodeId(NodeId NodeId, string? NamespaceUri = null, uint ServerIndex = 0)
{
    public static ExpandedNodeId Null { get; } = new(NodeId.Null);

    public bool IsLocal => ServerIndex == 0 && NamespaceUri is null;

    /// <summary>Parses <c>[svr=N;][nsu=URI;|ns=N;]id</c>.</summary>
    /// <exception cref="OpcUaException">BadNodeIdInvalid when the text is not an ExpandedNodeId.</exception>
    public static ExpandedNodeId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        uint server = 0;
        if (rest.StartsWith("svr=", StringComparison.Ordinal))
        {
            var end = rest.IndexOf(';');
            if (end < 0 || !uint.TryParse(rest[4..end], NumberStyles.None, CultureInfo.InvariantCulture, out server))
            {
                throw new OpcUaException(StatusCode.BadNodeIdInvalid, $"'{text}' has an invalid server index.");
            }

            rest = rest[(end + 1)..];
        }

        if (rest.StartsWith("nsu=", StringComparison.Ordinal))
        {
            var end = rest.IndexOf(';');
            if (end < 0)
            {
                throw new OpcUaException(StatusCode.BadNodeIdInvalid, $"'{text}' has a namespace URI without ';'.");
            }

            var uri = rest[4..end].ToString();
            if (!NodeId.TryParseIdentifier(rest[(end + 1)..], 0, out var local, out var error))
            {
                throw new OpcUaException(StatusCode.BadNodeIdInvalid, $"'{text}' is not an ExpandedNodeId: {error}");
            }

            return new ExpandedNodeId(local, uri, server);
        }

        return new ExpandedNodeId(NodeId.Parse(rest.ToString()), null, server);
    }

    public override string ToString()
    {
        var server = ServerIndex == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"svr={ServerIndex};");
        if (NamespaceUri is null)
        {
            return server + NodeId;
        }

        return $"{server}nsu={NamespaceUri};{NodeId.FormatIdentifier()}";
    }
}
