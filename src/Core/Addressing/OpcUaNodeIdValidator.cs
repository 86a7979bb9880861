using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Proxus.Core.Model;

namespace Proxus.Core.Addressing;

/// <summary>
/// OPC UA NodeId text forms (OPC 10000-6, 5.3.1.10): an optional <c>ns=&lt;0..65535&gt;;</c> or
/// <c>nsu=&lt;uri&gt;;</c> prefix, then <c>i=&lt;UInt32&gt;</c>, <c>s=&lt;string&gt;</c> (1..4096
/// characters), <c>g=&lt;GUID 8-4-4-4-12&gt;</c> or <c>b=&lt;base64&gt;</c>. Every data type is
/// accepted (the server's node decides). The footprint is the node itself, so a node mapped twice
/// on one connection is reported as an overlap.
/// </summary>
public sealed partial class OpcUaNodeIdValidator : IAddressValidator
{
    public const string Syntax = "ns=2;s=Line1.Temperature, ns=3;i=1001, g=<guid> or b=<base64>";
    public const int MaxStringIdentifierLength = 4096;

    public static OpcUaNodeIdValidator Instance { get; } = new();

    public bool TryValidate(string address, DataType dataType, int? length, out AddressFootprint footprint, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(address);
        footprint = default;
        var match = NodeIdPattern().Match(address);
        if (!match.Success)
        {
            error = $"'{address}' is not an OPC UA NodeId ({Syntax})";
            return false;
        }

        var ns = string.Empty;
        if (match.Groups[1].Success)
        {
            var index = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            if (index > 65535)
            {
                error = $"namespace index {index} is above 65535";
                return false;
            }

            ns = index == 0 ? string.Empty : $"ns={index};";
        }
        else if (match.Groups[2].Success)
        {
            ns = $"nsu={match.Groups[2].Value};";
        }

        var identifier = match.Groups[4].Value;
        var kind = match.Groups[3].Value;
        error = kind switch
        {
            "i" when !uint.TryParse(identifier, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"numeric identifier '{identifier}' is not a UInt32",
            "s" when identifier.Length > MaxStringIdentifierLength => $"string identifier is {identifier.Length} characters long; the limit is {MaxStringIdentifierLength}",
            "g" when !Guid.TryParseExact(identifier, "D", out _) => $"GUID identifier '{identifier}' is not of the form 72962b91-fa75-4ae6-8d28-b404dc7daf63",
            "b" when !Base64.IsValid(identifier) => "opaque identifier is not valid base64",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        if (kind == "g")
        {
            identifier = identifier.ToLowerInvariant();
        }

        footprint = new($"{ns}{kind}={identifier}", 0, 1);
        return true;
    }

    [GeneratedRegex(@"^(?:ns=([0-9]{1,6});|nsu=([^;]+);)?([isgb])=(.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex NodeIdPattern();
}
