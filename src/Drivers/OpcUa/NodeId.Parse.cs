using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Proxus.Drivers.OpcUa;

public sealed partial class NodeId
{
    /// <summary>Parses the text form (<c>ns=2;s=Tag</c>, <c>i=85</c>, <c>ns=1;g=GUID</c>, <c>ns=1;b=BASE64</c>).</summary>
    /// <exception cref="OpcUaException">BadNodeIdInvalid when the text is not a NodeId.</exception>
    public static NodeId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var nodeId, out var error)
            ? nodeId
            : throw new OpcUaException(StatusCode.BadNodeIdInvalid, $"'{text}' is not a NodeId: {error}");
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out NodeId? nodeId) => TryParse(text, out nodeId, out _);

    private static bool TryParse(string? text, [NotNullWhen(true)] out NodeId? nodeId, out string error)
    {
        nodeId = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty";
            return false;
        }

        ushort ns = 0;
        var rest = text.AsSpan();
        if (rest.StartsWith("ns=", StringComparison.Ordinal))
        {
            var semicolon = rest.IndexOf(';');
            if (semicolon < 0 || !ushort.TryParse(rest[3..semicolon], NumberStyles.None, CultureInfo.InvariantCulture, out ns))
            {
                error = "the namespace index must be 0..65535 followed by ';'";
                return false;
            }

            rest = rest[(semicolon + 1)..];
        }

        return TryParseIdentifier(rest, ns, out nodeId, out error);
    }

    internal static bool TryParseIdentifier(ReadOnlySpan<char> rest, ushort ns, [NotNullWhen(true)] out NodeId? nodeId, out string error)
    {
        nodeId = null;
        error = string.Empty;
        if (rest.Length < 2 || rest[1] != '=')
        {
            error = "expected i=, s=, g= or b=";
            return false;
        }

        var value = rest[2..];
        switch (rest[0])
        {
            case 'i':
                if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
                {
                    error = "a numeric identifier must be 0..4294967295";
                    return false;
                }

                nodeId = new NodeId(numeric, ns);
                return true;
            case 's':
                nodeId = new NodeId(value.ToString(), ns);
                return true;
            case 'g':
                if (!Guid.TryParseExact(value, "D", out var guid))
                {
                    error = "a GUID identifier must look like 72962B91-FA75-4AE6-8D28-B404DC7DAF63";
                    return false;
                }

                nodeId = new NodeId(guid, ns);
                return true;
            case 'b':
                var buffer = new byte[value.Length];
                if (!Convert.TryFromBase64Chars(value, buffer, out var written))
                {
                    error = "an opaque identifier must be base64";
                    return false;
                }

                nodeId = new NodeId(buffer.AsSpan(0, written).ToArray(), ns);
                return true;
            default:
                error = "expected i=, s=, g= or b=";
                return false;
        }
    }
}
