using Proxus.Drivers.Modbus.Data;

namespace Proxus.Simulators.Modbus;

/// <summary>Writes the configured moving values into the data store on every update.</summary>
public sealed class ModbusSignalGenerator
{
    private readonly ModbusDataStore _store;
    private readonly (ModbusSignal Signal, ModbusTag Tag)[] _signals;
    private readonly double[] _state;
    private readonly Random _random;
    private readonly TimeProvider _time;

    public ModbusSignalGenerator(ModbusDataStore store, IReadOnlyList<ModbusSignal> signals, Random? random = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        _store = store;
        _signals = signals.Select(s => (s, s.ToTag())).ToArray();
        _state = signals.Select(s => s.Min).ToArray();
        _random = random ?? Random.Shared;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Recomputes every signal for the time elapsed since the simulator started.</summary>
    public void Update(TimeSpan elapsed)
    {
        for (var i = 0; i < _signals.Length; i++)
        {
            var (signal, tag) = _signals[i];
            var span = signal.Max - signal.Min;
            var phase = elapsed.TotalSeconds / signal.PeriodSeconds;
            _state[i] = signal.Kind switch
            {
                ModbusSignalKind.Sine => signal.Min + (span * (1 + Math.Sin(2 * Math.PI * phase)) / 2),
                ModbusSignalKind.Ramp => signal.Min + (span * (phase - Math.Floor(phase))),
                ModbusSignalKind.Counter => _state[i] + signal.Step > signal.Max ? signal.Min : _state[i] + signal.Step,
                ModbusSignalKind.Clock => _time.GetUtcNow().ToUnixTimeMilliseconds(),
                _ => Math.Clamp(_state[i] + ((_random.NextDouble() * 2) - 1) * signal.Step, signal.Min, signal.Max),
            };
            _store.Write(tag, Convert(tag.DataType, _state[i]));
        }
    }

    private static object Convert(ModbusDataType type, double value) => type switch
    {
        ModbusDataType.Float32 or ModbusDataType.Float64 => value,
        ModbusDataType.Bool => value >= 0.5 ? 1 : 0,
        _ => Math.Round(value),
    };
}
