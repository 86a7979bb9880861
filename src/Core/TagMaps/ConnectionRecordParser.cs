using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>Turns the scalar fields of one connection item (and its poll groups) into a <see cref="Connection"/>.</summary>
internal static class ConnectionRecordParser
{
    public static Connection? Parse(FieldReader fields, IReadOnlyList<PollGroup> pollGroups, TagMapErrors errors)
    {
        var before = errors.Count;
        var id = fields.RequiredText(ConnectionFields.Id);
        var agent = fields.RequiredText(ConnectionFields.Agent);
        Protocol? protocol = fields.Has(ConnectionFields.Protocol)
            ? fields.Enum<Protocol>(ConnectionFields.Protocol, "protocol")
            : Missing(fields);
        if (protocol is null)
        {
            return null;
        }

        var applicable = ConnectionFields.EndpointFields(protocol.Value);
        foreach (var field in ConnectionFields.AllEndpointFields.Where(field => fields.Has(field) && !applicable.Contains(field)))
        {
            fields.Error(field, $"'{field}' does not apply to a {protocol} connection");
        }

        var endpoint = ParseEndpoint(fields, protocol.Value);
        if (errors.Count != before)
        {
            return null;
        }

        return new Connection { Id = id!, Protocol = protocol.Value, Agent = agent!, Endpoint = endpoint!, PollGroups = pollGroups };
    }

    private static Protocol? Missing(FieldReader fields)
    {
        fields.Error(ConnectionFields.Protocol, "is required");
        return null;
    }

    private static ConnectionEndpoint? ParseEndpoint(FieldReader fields, Protocol protocol)
    {
        switch (protocol)
        {
            case Protocol.ModbusTcp or Protocol.ModbusRtuOverTcp:
                var host = fields.RequiredText(ConnectionFields.Host);
                var port = fields.Integer(ConnectionFields.Port, 1, 65_535) ?? 502;
                var unit = fields.Integer(ConnectionFields.UnitId, 0, 255) ?? 1;
                return host is null ? null : new ModbusTcpEndpoint(host, port, unit);
            case Protocol.ModbusRtuSerial:
                var device = fields.RequiredText(ConnectionFields.Device);
                var serial = new ModbusSerialEndpoint(
                    device ?? string.Empty,
                    fields.Integer(ConnectionFields.BaudRate, 300, 921_600) ?? 19_200,
                    fields.Enum<SerialParity>(ConnectionFields.Parity, "parity") ?? SerialParity.Even,
                    fields.Integer(ConnectionFields.DataBits, 7, 8) ?? 8,
                    fields.Integer(ConnectionFields.StopBits, 1, 2) ?? 1,
                    fields.Integer(ConnectionFields.UnitId, 1, 247) ?? 1);
                return device is null ? null : serial;
            case Protocol.S7:
                var s7Host = fields.RequiredText(ConnectionFields.Host);
                var s7 = new S7Endpoint(
                    s7Host ?? string.Empty,
                    fields.Integer(ConnectionFields.Port, 1, 65_535) ?? 102,
                    fields.Integer(ConnectionFields.Rack, 0, 7) ?? 0,
                    fields.Integer(ConnectionFields.Slot, 0, 31) ?? 1);
                return s7Host is null ? null : s7;
            default:
                var url = fields.RequiredText(ConnectionFields.Url);
                var security = new OpcUaSecurity(
                    fields.Enum<OpcUaSecurityMode>(ConnectionFields.SecurityMode, "security mode") ?? OpcUaSecurityMode.None,
                    fields.Enum<OpcUaSecurityPolicy>(ConnectionFields.SecurityPolicy, "security policy") ?? OpcUaSecurityPolicy.None,
                    fields.Text(ConnectionFields.UserName),
                    fields.Text(ConnectionFields.PasswordSecret));
                var acquisition = fields.Enum<OpcUaAcquisition>(ConnectionFields.Acquisition, "acquisition") ?? OpcUaAcquisition.Poll;
                return url is null ? null : new OpcUaEndpoint(url, security) { Acquisition = acquisition };
        }
    }
}
