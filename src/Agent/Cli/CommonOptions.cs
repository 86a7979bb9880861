using System.CommandLine;
using Proxus.Agent.Commissioning;

namespace Proxus.Agent.Cli;

/// <summary>The arguments and options <c>read</c>, <c>write</c> and <c>browse</c> share.</summary>
/// <param name="getEnvironmentVariable">Where the OPC UA password is looked up (<see cref="OpcUaEndpoint.PasswordVariable"/>).</param>
internal sealed class CommonOptions(Func<string, string?> getEnvironmentVariable)
{
    private const double MaxTimeoutSeconds = 600;

    public Argument<string> Url { get; } = new("url") { Description = "Device endpoint, e.g. modbus-tcp://10.0.0.5:502?unit=1, s7://10.0.0.7?rack=0&slot=1 or opc.tcp://10.0.0.9:4840?security=Basic256Sha256&user=operator" };

    public Option<string?> Type { get; } = new("--type", "-t") { Description = "Data type (Modbus: bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string; S7: bool, byte, word, dword, int, dint, real, string, dateandtime, timer, counter; OPC UA: none, nodes carry their type)" };

    public Option<string?> Order { get; } = new("--order") { Description = "Modbus byte order of multi-register values: ABCD (default), CDAB, BADC, DCBA" };

    public Option<int?> Length { get; } = new("--length") { Description = "Registers of a Modbus string (two characters each)" };

    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds allowed for each request (OPC UA: the connect gets three times this)", DefaultValueFactory = _ => CommissioningService.DefaultTimeout.TotalSeconds };

    public Option<string?> Pki { get; } = new("--pki") { Description = "OPC UA: the client's PKI directory (own certificate, trusted/certs, rejected/certs); default under the user's data directory" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text" };

    /// <summary>Adds the endpoint, timeout, PKI and JSON options every command takes.</summary>
    public void AddConnectionTo(Command command)
    {
        command.Add(Url);
        command.Add(Timeout);
        command.Add(Pki);
        command.Add(Json);
    }

    /// <summary>Adds the connection options and the Modbus/S7 data-format options of <c>read</c> and <c>write</c>.</summary>
    public void AddTo(Command command)
    {
        AddConnectionTo(command);
        command.Add(Type);
        command.Add(Order);
        command.Add(Length);
    }

    public DeviceEndpoint GetEndpoint(ParseResult result) => DeviceEndpointParser.Parse(result.GetRequiredValue(Url));

    public CommissioningService CreateService(ParseResult result)
    {
        var seconds = result.GetValue(Timeout);
        return seconds is > 0 and <= MaxTimeoutSeconds
            ? new CommissioningService(TimeSpan.FromSeconds(seconds))
            {
                OpcUaPkiDirectory = result.GetValue(Pki),
                OpcUaPassword = getEnvironmentVariable(OpcUaEndpoint.PasswordVariable),
            }
            : throw new FormatException($"--timeout must be more than 0 and at most {MaxTimeoutSeconds} seconds.");
    }

    public PointFormat GetFormat(ParseResult result, int count) => new()
    {
        Type = result.GetValue(Type),
        ByteOrder = result.GetValue(Order),
        StringLength = result.GetValue(Length),
        Count = count,
    };

    public async Task<int> PrintAsync(ParseResult result, IReadOnlyList<PointValue> values, TextWriter output, TextWriter error)
    {
        if (result.GetValue(Json))
        {
            await PointValueWriter.WriteJsonAsync(values, output).ConfigureAwait(false);
        }
        else
        {
            await PointValueWriter.WriteTextAsync(values, output, error).ConfigureAwait(false);
        }

        return values.All(value => value.IsGood) ? AgentCli.Success : AgentCli.DeviceError;
    }
}
