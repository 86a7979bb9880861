using System.CommandLine;
using Proxus.Agent.Commissioning;

namespace Proxus.Agent.Cli;

/// <summary>The arguments and options <c>read</c> and <c>write</c> share.</summary>
internal sealed class CommonOptions
{
    private const double MaxTimeoutSeconds = 600;

    public Argument<string> Url { get; } = new("url") { Description = "Device endpoint, e.g. modbus-tcp://10.0.0.5:502?unit=1 or s7://10.0.0.7?rack=0&slot=1" };

    public Option<string?> Type { get; } = new("--type", "-t") { Description = "Data type (Modbus: bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string; S7: bool, byte, word, dword, int, dint, real, string, dateandtime, timer, counter)" };

    public Option<string?> Order { get; } = new("--order") { Description = "Modbus byte order of multi-register values: ABCD (default), CDAB, BADC, DCBA" };

    public Option<int?> Length { get; } = new("--length") { Description = "Registers of a Modbus string (two characters each)" };

    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds allowed for the connect and for each request", DefaultValueFactory = _ => CommissioningService.DefaultTimeout.TotalSeconds };

    public Option<bool> Json { get; } = new("--json") { Description = "Print a JSON array of {address, value | error}" };

    public void AddTo(Command command)
    {
        command.Add(Url);
        command.Add(Type);
        command.Add(Order);
        command.Add(Length);
        command.Add(Timeout);
        command.Add(Json);
    }

    public DeviceEndpoint GetEndpoint(ParseResult result) => DeviceEndpointParser.Parse(result.GetRequiredValue(Url));

    public CommissioningService CreateService(ParseResult result)
    {
        var seconds = result.GetValue(Timeout);
        return seconds is > 0 and <= MaxTimeoutSeconds
            ? new CommissioningService(TimeSpan.FromSeconds(seconds))
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
