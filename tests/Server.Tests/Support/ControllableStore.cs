using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// An <see cref="ITelemetryStore"/> around another (or in memory) whose writes a test can hold,
/// fail before they reach the inner store, or fail after the inner store committed.
/// </summary>
internal sealed class ControllableStore(ITelemetryStore? inner = null) : ITelemetryStore
{
    private readonly ConcurrentQueue<Func<Task>> _beforeWrite = new();
    private readonly ConcurrentQueue<Exception> _afterCommit = new();

    public ConcurrentQueue<IReadOnlyList<TelemetryPoint>> Batches { get; } = new();

    public int Calls;

    /// <summary>The next write waits for <paramref name="gate"/> before doing anything.</summary>
    public void HoldNextWrite(Task gate) => _beforeWrite.Enqueue(() => gate);

    /// <summary>The next write fails before reaching the database.</summary>
    public void FailNextWrite(Exception exception) => _beforeWrite.Enqueue(() => Task.FromException(exception));

    /// <summary>The next write commits and then reports <paramref name="exception"/>, as a connection lost before the reply would.</summary>
    public void FailAfterNextCommit(Exception exception) => _afterCommit.Enqueue(exception);

    public async Task<int> WriteAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (_beforeWrite.TryDequeue(out var before))
        {
            await before().WaitAsync(cancellationToken);
        }

        var inserted = inner is null ? points.Count : await inner.WriteAsync(points, cancellationToken);
        Batches.Enqueue(points.ToList());
        if (_afterCommit.TryDequeue(out var failure))
        {
            throw failure;
        }

        return inserted;
    }

    public IAsyncEnumerable<HistoryPoint> ReadRawAsync(string tag, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
        => inner?.ReadRawAsync(tag, from, to, limit, cancellationToken) ?? Empty<HistoryPoint>(cancellationToken);

    public IAsyncEnumerable<HistoryBucket> ReadAggregatesAsync(string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
        => inner?.ReadAggregatesAsync(tag, from, to, bucket, cancellationToken) ?? Empty<HistoryBucket>(cancellationToken);

    public Task<IReadOnlyList<LastValue>> ReadLastValuesAsync(CancellationToken cancellationToken)
        => inner?.ReadLastValuesAsync(cancellationToken) ?? Task.FromResult<IReadOnlyList<LastValue>>([]);

    public Task<MaintenanceResult> MaintainAsync(DateTimeOffset now, DateTimeOffset? retentionCutoff, CancellationToken cancellationToken)
        => inner?.MaintainAsync(now, retentionCutoff, cancellationToken) ?? Task.FromResult(new MaintenanceResult(0, 0, 0));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async IAsyncEnumerable<T> Empty<T>([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        yield break;
    }
}
