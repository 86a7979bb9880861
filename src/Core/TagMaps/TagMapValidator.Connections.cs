using System.Text.RegularExpressions;
using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

public sealed partial class TagMapValidator
{
    /// <summary>Validates the connections and returns the usable ones by id (case-insensitive).</summary>
    private Dictionary<string, Connection> ValidateConnections(IReadOnlyList<Connection> connections, IReadOnlyList<int>? rows, TagMapErrors errors)
    {
        var byId = new Dictionary<string, Connection>(StringComparer.OrdinalIgnoreCase);
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (connections.Count > _limits.MaxConnections)
        {
            errors.Add(0, null, $"the tag map has {connections.Count} connections; the limit is {_limits.MaxConnections}");
            return byId;
        }

        for (var i = 0; i < connections.Count; i++)
        {
            var connection = connections[i];
            var row = RowOf(rows, i);
            CheckIdentifier(connection.Id, "id", row, errors);
            CheckIdentifier(connection.Agent, "agent", row, errors);
            if (!firstRow.TryAdd(connection.Id, row))
            {
                errors.Add(row, "id", $"duplicate connection id '{connection.Id}'; row {firstRow[connection.Id]} already uses it");
                continue;
            }

            ValidateEndpoint(connection, row, errors);
            ValidatePollGroups(connection, row, errors);
            byId[connection.Id] = connection;
        }

        return byId;
    }

    private static void CheckIdentifier(string? value, string field, int row, TagMapErrors errors)
    {
        if (value is null || !IdentifierPattern().IsMatch(value))
        {
            errors.Add(row, field, $"'{value}' is not an identifier (1..64 of letters, digits, '_', '-', '.')");
        }
    }

    private static void ValidateEndpoint(Connection connection, int row, TagMapErrors errors)
    {
        switch (connection.Endpoint)
        {
            case ModbusTcpEndpoint tcp when connection.Protocol is Protocol.ModbusTcp or Protocol.ModbusRtuOverTcp:
                CheckHost(tcp.Host, tcp.Port, row, errors);
                CheckRange(tcp.UnitId, 0, 255, "unit_id", row, errors);
                break;
            case ModbusSerialEndpoint serial when connection.Protocol is Protocol.ModbusRtuSerial:
                if (string.IsNullOrWhiteSpace(serial.Device))
                {
                    errors.Add(row, "device", "is required");
                }

                CheckRange(serial.BaudRate, 300, 921_600, "baud_rate", row, errors);
                CheckRange(serial.DataBits, 7, 8, "data_bits", row, errors);
                CheckRange(serial.StopBits, 1, 2, "stop_bits", row, errors);
                CheckRange(serial.UnitId, 1, 247, "unit_id", row, errors);
                break;
            case S7Endpoint s7 when connection.Protocol is Protocol.S7:
                CheckHost(s7.Host, s7.Port, row, errors);
                CheckRange(s7.Rack, 0, 7, "rack", row, errors);
                CheckRange(s7.Slot, 0, 31, "slot", row, errors);
                break;
            case OpcUaEndpoint ua when connection.Protocol is Protocol.OpcUa:
                ValidateOpcUa(ua, row, errors);
                break;
            default:
                errors.Add(row, "protocol", $"a {connection.Protocol} connection cannot use a {connection.Endpoint.GetType().Name}");
                break;
        }
    }

    private static void ValidateOpcUa(OpcUaEndpoint endpoint, int row, TagMapErrors errors)
    {
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri) || uri.Scheme != "opc.tcp" || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(row, "url", $"'{endpoint.Url}' is not an opc.tcp://host:port/path URL");
        }

        var security = endpoint.Security;
        if ((security.Mode == OpcUaSecurityMode.None) != (security.Policy == OpcUaSecurityPolicy.None))
        {
            errors.Add(row, "security_policy", security.Mode == OpcUaSecurityMode.None
                ? $"security_mode None cannot use security_policy {security.Policy}"
                : $"security_mode {security.Mode} needs a security_policy other than None");
        }

        if (security.PasswordSecret is not null && security.UserName is null)
        {
            errors.Add(row, "password_secret", "a password secret needs a user_name");
        }
        else if (security.UserName is not null && security.PasswordSecret is null)
        {
            errors.Add(row, "password_secret", "a user_name needs a password_secret");
        }
    }

    private void ValidatePollGroups(Connection connection, int row, TagMapErrors errors)
    {
        if (connection.PollGroups.Count > _limits.MaxPollGroupsPerConnection)
        {
            errors.Add(row, "poll_groups", $"{connection.PollGroups.Count} poll groups; the limit is {_limits.MaxPollGroupsPerConnection}");
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in connection.PollGroups)
        {
            CheckIdentifier(group.Name, "poll_groups", row, errors);
            if (!names.Add(group.Name))
            {
                errors.Add(row, "poll_groups", $"duplicate poll group '{group.Name}'");
            }

            CheckInterval(group.Interval, "poll_groups", row, errors);
        }
    }

    private void CheckInterval(TimeSpan interval, string field, int row, TagMapErrors errors)
    {
        if (interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            errors.Add(row, field, $"poll interval {interval.TotalMilliseconds} ms is not a whole number of milliseconds");
        }
        else if (interval < _limits.MinimumPollInterval)
        {
            errors.Add(row, field, $"poll interval {interval.TotalMilliseconds} ms is below the minimum of {_limits.MinimumPollInterval.TotalMilliseconds} ms");
        }
    }

    private static void CheckHost(string host, int port, int row, TagMapErrors errors)
    {
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add(row, "host", $"'{host}' is not a host name or IP address");
        }

        CheckRange(port, 1, 65_535, "port", row, errors);
    }

    private static void CheckRange(int value, int min, int max, string field, int row, TagMapErrors errors)
    {
        if (value < min || value > max)
        {
            errors.Add(row, field, $"{value} is outside {min}..{max}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
