using System.CommandLine;
using System.Security.Cryptography;
using Proxus.Agent.Identity;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.S7;

namespace Proxus.Agent.Cli;

/// <summary>
/// The <c>proxus-agent</c> command line. Exit codes: <see cref="Success"/>, <see cref="DeviceError"/>
/// (the driver's message on stderr), <see cref="UsageError"/> (bad arguments, URL, address or value).
/// </summary>
public static class AgentCli
{
    public const int Success = 0;
    public const int DeviceError = 1;
    public const int UsageError = 2;

    /// <summary>How long <c>run</c> has after SIGTERM or Ctrl+C to stop polling, say goodbye to the broker and close the queue.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
        => RunAsync(args, output, error, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>, with environment variables (the OPC UA password) looked up through <paramref name="getEnvironmentVariable"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> getEnvironmentVariable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var root = new RootCommand("Proxus edge agent: enrollment, the agent runtime, its status, and commissioning reads, writes and browses of PLC points.")
        {
            EnrollCommand.Create(getEnvironmentVariable),
            RunCommand.Create(getEnvironmentVariable),
            StatusCommand.Create(getEnvironmentVariable),
            VerifyConfigCommand.Create(getEnvironmentVariable),
            ReadCommand.Create(getEnvironmentVariable),
            WriteCommand.Create(getEnvironmentVariable),
            BrowseCommand.Create(getEnvironmentVariable),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'proxus-agent --help' for usage.").ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = ShutdownTimeout,
        };
        return await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one commissioning operation, mapping typed errors to messages and exit codes.</summary>
    internal static async Task<int> ExecuteAsync(ParseResult result, Func<TextWriter, TextWriter, Task<int>> operation)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        try
        {
            return await operation(output, error).ConfigureAwait(false);
        }
        catch (FormatException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return UsageError;
        }
        catch (AgentNotEnrolledException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return UsageError;
        }
        catch (Exception exception) when (exception is ServerApiException or HttpRequestException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(exception.Message + (exception.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty)).ConfigureAwait(false);
            return DeviceError;
        }
        catch (ModbusException exception)
        {
            await error.WriteLineAsync($"Modbus {exception.Reason}: {exception.Message}").ConfigureAwait(false);
            return exception.Reason is ModbusErrorReason.InvalidAddress or ModbusErrorReason.InvalidValue or ModbusErrorReason.NotWritable
                ? UsageError
                : DeviceError;
        }
        catch (S7Exception exception)
        {
            await error.WriteLineAsync($"S7 {exception.Reason}: {exception.Message}").ConfigureAwait(false);
            return exception.Reason is S7ErrorReason.InvalidAddress or S7ErrorReason.InvalidValue ? UsageError : DeviceError;
        }
        catch (OpcUaException exception)
        {
            await error.WriteLineAsync($"OPC UA {exception.Message}").ConfigureAwait(false);
            return exception.StatusCode.Is(StatusCode.BadNodeIdInvalid) || exception.StatusCode.Is(StatusCode.BadTypeMismatch) ? UsageError : DeviceError;
        }
    }
}
