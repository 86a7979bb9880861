using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Proxus.Simulators.S7;

/// <summary>The <c>s7</c> command: runs a simulated S7 PLC until interrupted.</summary>
public static class S7SimulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port; the bound port is printed)", DefaultValueFactory = _ => 102 };
        var bind = new Option<string>("--bind") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var dataBlocks = new Option<string[]>("--db") { Description = "A data block as NUMBER:SIZE (repeatable), e.g. --db 1:1024", AllowMultipleArgumentsPerToken = true };
        var flags = new Option<int>("--flags") { Description = "Size of the M area in bytes", DefaultValueFactory = _ => 1024 };
        var inputs = new Option<int>("--inputs") { Description = "Size of the I area in bytes", DefaultValueFactory = _ => 1024 };
        var outputs = new Option<int>("--outputs") { Description = "Size of the Q area in bytes", DefaultValueFactory = _ => 1024 };
        var timers = new Option<int>("--timers") { Description = "Number of timers (T)", DefaultValueFactory = _ => 256 };
        var counters = new Option<int>("--counters") { Description = "Number of counters (C)", DefaultValueFactory = _ => 256 };
        var pduSize = new Option<int>("--pdu-size") { Description = "Largest PDU size granted", DefaultValueFactory = _ => 960 };
        var signals = new Option<string[]>("--signal") { Description = "A moving value ADDRESS=KIND(args) (repeatable): sine(min,max,period), ramp(min,max,period), counter(step[,interval]), walk(min,max,step)", AllowMultipleArgumentsPerToken = true };
        var delay = new Option<int>("--fault-delay-ms") { Description = "Delay before every reply" };
        var itemErrors = new Option<double>("--fault-item-error-rate") { Description = "Probability (0..1) that an item fails with return code 0x01" };
        var drops = new Option<double>("--fault-drop-rate") { Description = "Probability (0..1) that a request drops the connection" };
        var garbage = new Option<double>("--fault-garbage-rate") { Description = "Probability (0..1) that a reply is replaced by random bytes" };
        var seed = new Option<int?>("--seed") { Description = "Seed for faults and random walks" };

        var command = new Command("s7", "Simulated Siemens S7 PLC (ISO-on-TCP, S7comm Read/Write Var)")
        {
            port, bind, dataBlocks, flags, inputs, outputs, timers, counters, pduSize, signals, delay, itemErrors, drops, garbage, seed,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            S7SimulatorOptions options;
            try
            {
                options = new S7SimulatorOptions
                {
                    BindAddress = IPAddress.Parse(result.GetValue(bind)!),
                    Port = result.GetValue(port),
                    DataBlocks = ParseDataBlocks(result.GetValue(dataBlocks) ?? []),
                    FlagBytes = result.GetValue(flags),
                    InputBytes = result.GetValue(inputs),
                    OutputBytes = result.GetValue(outputs),
                    Timers = result.GetValue(timers),
                    Counters = result.GetValue(counters),
                    MaxPduSize = result.GetValue(pduSize),
                    Signals = (result.GetValue(signals) ?? []).Select(S7Signal.Parse).ToList(),
                    Faults = new S7FaultOptions
                    {
                        Delay = TimeSpan.FromMilliseconds(result.GetValue(delay)),
                        ItemErrorRate = result.GetValue(itemErrors),
                        DropRate = result.GetValue(drops),
                        GarbageRate = result.GetValue(garbage),
                        Seed = result.GetValue(seed),
                    },
                };
                options.Validate();
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or Drivers.S7.S7Exception)
            {
                await Console.Error.WriteLineAsync("s7: " + exception.Message).ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(S7SimulatorOptions options, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true));
        var server = new S7SimulatorServer(options, loggerFactory.CreateLogger<S7SimulatorServer>());
        await using (server.ConfigureAwait(false))
        {
            server.Start();
            await Console.Out.WriteLineAsync($"S7 simulator listening on {options.BindAddress}:{server.Port}").ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM.
            }
        }

        return 0;
    }

    private static Dictionary<int, int> ParseDataBlocks(string[] values)
    {
        if (values.Length == 0)
        {
            return new Dictionary<int, int> { [1] = 1024 };
        }

        var blocks = new Dictionary<int, int>();
        foreach (var value in values)
        {
            var parts = value.Split(':');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > ushort.MaxValue
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 65536)
            {
                throw new FormatException($"--db '{value}' is not NUMBER:SIZE (DB 1..65535, size 1..65536).");
            }

            blocks[number] = size;
        }

        return blocks;
    }
}
