using System.Diagnostics;

namespace Proxus.Simulators.S7;

/// <summary>Moves the configured signals in the memory image on a fixed tick.</summary>
public sealed class S7SignalGenerator
{
    private readonly S7MemoryImage _memory;
    private readonly IReadOnlyList<S7Signal> _signals;
    private readonly Random _random;
    private readonly double[] _walkPositions;

    public S7SignalGenerator(S7MemoryImage memory, IReadOnlyList<S7Signal> signals, Random random)
    {
        _memory = memory;
        _signals = signals;
        _random = random;
        _walkPositions = signals.Select(signal => (signal.A + signal.B) / 2).ToArray();
    }

    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Writes every signal's value for the elapsed time.</summary>
    public void Update(TimeSpan elapsed)
    {
        for (var i = 0; i < _signals.Count; i++)
        {
            var signal = _signals[i];
            var value = signal.ValueAt(elapsed, _walkPositions[i], _random);
            _walkPositions[i] = value;
            _memory.WriteValue(signal.Address, signal.ToTypedValue(value));
        }
    }

    /// <summary>Updates on every tick until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_signals.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick);
        Update(clock.Elapsed);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Update(clock.Elapsed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
