using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;

namespace Proxus.Simulators.Modbus;

/// <summary><c>modbus</c>: runs a Modbus TCP or RTU-over-TCP simulator until interrupted.</summary>
public static class ModbusSimulatorCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON file with values, signals and faults (see docs/protocols/modbus.md); command-line options override it." };
        var host = new Option<string?>("--host") { Description = "Address to listen on (default 127.0.0.1)." };
        var port = new Option<int?>("--port") { Description = "TCP port (default 5020); 0 picks a free one. The bound port is printed." };
        var rtu = new Option<bool>("--rtu") { Description = "RTU frames (address, PDU, CRC-16) over TCP instead of MBAP." };
        var unit = new Option<byte?>("--unit") { Description = "Unit id served (default 1); 0 serves every unit id." };
        var delay = new Option<int?>("--delay-ms") { Description = "Delay before every reply." };
        var dropEvery = new Option<int?>("--drop-every") { Description = "Close the connection instead of answering every Nth request." };
        var garbageEvery = new Option<int?>("--garbage-every") { Description = "Answer every Nth request with random bytes." };
        var exceptions = new Option<string[]>("--exception") { Description = "Answer requests touching a range with an exception, e.g. HR100-HR110:2 (repeatable).", AllowMultipleArgumentsPerToken = true };
        var signals = new Option<string[]>("--signal") { Description = "A moving value ADDRESS:TYPE:KIND[:MIN:MAX[:PERIOD_S[:ORDER]]], e.g. HR0:Float32:Sine:0:100:10:CDAB (repeatable).", AllowMultipleArgumentsPerToken = true };
        var verbose = new Option<bool>("--verbose") { Description = "Log every connection." };

        var command = new Command("modbus", "Modbus TCP / RTU-over-TCP simulator with moving values and fault injection.")
        {
            config, host, port, rtu, unit, delay, dropEvery, garbageEvery, exceptions, signals, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            ModbusSimulatorOptions options;
            try
            {
                options = result.GetValue(config) is { } file
                    ? JsonSerializer.Deserialize<ModbusSimulatorOptions>(File.ReadAllText(file.FullName), JsonOptions) ?? new ModbusSimulatorOptions()
                    : new ModbusSimulatorOptions();
                options = options with
                {
                    Host = result.GetValue(host) ?? options.Host,
                    Port = result.GetValue(port) ?? options.Port,
                    Rtu = result.GetValue(rtu) || options.Rtu,
                    UnitId = result.GetValue(unit) ?? options.UnitId,
                    Signals = [.. options.Signals, .. (result.GetValue(signals) ?? []).Select(ParseSignal)],
                    Faults = options.Faults with
                    {
                        DelayMs = result.GetValue(delay) ?? options.Faults.DelayMs,
                        DropEvery = result.GetValue(dropEvery) ?? options.Faults.DropEvery,
                        GarbageEvery = result.GetValue(garbageEvery) ?? options.Faults.GarbageEvery,
                        Exceptions = [.. options.Faults.Exceptions, .. (result.GetValue(exceptions) ?? []).Select(ModbusExceptionRange.Parse)],
                    },
                };
                options.Validate();
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException or IOException or FormatException or OverflowException or ModbusException)
            {
                await Console.Error.WriteLineAsync($"modbus: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information));
            await using var server = new ModbusSimulatorServer(options, loggerFactory.CreateLogger("Proxus.Simulators.Modbus"));
            try
            {
                server.Start();
            }
            catch (SocketException ex)
            {
                await Console.Error.WriteLineAsync($"modbus: cannot listen on {options.Host}:{options.Port}: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            var framing = options.Rtu ? "RTU-over-TCP" : "TCP";
            Console.WriteLine($"Modbus {framing} simulator listening on {server.LocalEndpoint.Address}:{server.LocalEndpoint.Port} (unit {(options.UnitId == 0 ? "any" : options.UnitId)})");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM.
            }

            return 0;
        });
        return command;
    }

    /// <summary>Parses ADDRESS:TYPE:KIND[:MIN:MAX[:PERIOD_S[:ORDER]]].</summary>
    internal static ModbusSignal ParseSignal(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 3 or 4 or > 7)
        {
            throw new ArgumentException($"Signal '{text}' is not ADDRESS:TYPE:KIND[:MIN:MAX[:PERIOD_S[:ORDER]]].");
        }

        var signal = new ModbusSignal(parts[0], Enum.Parse<ModbusDataType>(parts[1], ignoreCase: true), Enum.Parse<ModbusSignalKind>(parts[2], ignoreCase: true));
        if (parts.Length >= 5)
        {
            signal = signal with { Min = double.Parse(parts[3], CultureInfo.InvariantCulture), Max = double.Parse(parts[4], CultureInfo.InvariantCulture) };
        }

        if (parts.Length >= 6)
        {
            signal = signal with { PeriodSeconds = double.Parse(parts[5], CultureInfo.InvariantCulture) };
        }

        if (parts.Length == 7)
        {
            signal = signal with { ByteOrder = Enum.Parse<ModbusByteOrder>(parts[6], ignoreCase: true) };
        }

        signal.Validate();
        return signal;
    }
}
