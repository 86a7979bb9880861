using System.Collections.Concurrent;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// An <see cref="ITelemetryIngest"/> that keeps what it is given and completes it only when told
/// (or at once with <see cref="AutoComplete"/>), to watch the consumer's acknowledgements.
/// </summary>
internal sealed class RecordingIngest : ITelemetryIngest
{
    private readonly ConcurrentQueue<IngestMessage> _submitted = new();
    private readonly ConcurrentQueue<IngestMessage> _open = new();

    public bool AutoComplete { get; set; }

    public IReadOnlyCollection<IngestMessage> Submitted => _submitted;

    public int Count => _submitted.Count;

    public ValueTask SubmitAsync(IngestMessage message, CancellationToken cancellationToken)
    {
        _submitted.Enqueue(message);
        if (AutoComplete)
        {
            message.Complete(IngestOutcome.Stored);
        }
        else
        {
            _open.Enqueue(message);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<IngestOutcome> WaitAsync(IngestMessage message, CancellationToken cancellationToken)
        => await message.Completion.WaitAsync(cancellationToken);

    /// <summary>Completes every message submitted and not completed yet.</summary>
    public void CompleteAll()
    {
        while (_open.TryDequeue(out var message))
        {
            message.Complete(IngestOutcome.Stored);
        }
    }
}
