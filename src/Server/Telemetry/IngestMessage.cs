namespace Proxus.Server.Telemetry;

/// <summary>
/// One UNS PUBLISH handed to the ingest pipeline by the MQTT consumer. The consumer acknowledges
/// the PUBLISH (PUBACK) only when the message is done (<see cref="ITelemetryIngest.WaitAsync"/>):
/// committed to the database, or malformed or expired and never storable. A message abandoned
/// because the server is stopping must not be acknowledged, so that the broker redelivers it to
/// this or another server node. The pipeline marks messages with a plain field write and wakes its
/// waiters once per batch; a <see cref="Task"/> exists only for a caller that asks for
/// <see cref="Completion"/>.
/// </summary>
public sealed class IngestMessage
{
    private const int Pending = -1;
    private const int Abandoned = -2;

    private int _state = Pending;
    private TaskCompletionSource<IngestOutcome>? _completion;

    public IngestMessage(string topic, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        Payload = payload;
    }

    /// <summary>The PUBLISH topic: the tag's UNS path.</summary>
    public string Topic { get; }

    /// <summary>
    /// The UNS JSON payload. The pipeline only reads it before the message is done: the consumer
    /// acknowledges the message after that, and its client then reuses the payload's memory.
    /// </summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// Completes after the message's batch committed, or when it is rejected for good; canceled when
    /// it is abandoned. Made on first use: the pipeline itself never needs it.
    /// </summary>
    public Task<IngestOutcome> Completion
    {
        get
        {
            if (Volatile.Read(ref _completion) is not { } completion)
            {
                var created = new TaskCompletionSource<IngestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
                completion = Interlocked.CompareExchange(ref _completion, created, null) ?? created;
            }

            Publish(completion, Volatile.Read(ref _state));
            return completion.Task;
        }
    }

    /// <summary>The parsed value, set when the pipeline accepted the message for a batch (on submission).</summary>
    internal TelemetryPoint? Point { get; set; }

    /// <summary>False while the message waits for its batch.</summary>
    internal bool IsDone => Volatile.Read(ref _state) != Pending;

    /// <summary>The outcome of a message that is done; throws <see cref="OperationCanceledException"/> for an abandoned one.</summary>
    internal IngestOutcome Outcome => Volatile.Read(ref _state) switch
    {
        Pending => throw new InvalidOperationException("The message is not done yet."),
        Abandoned => throw new OperationCanceledException("The message was abandoned unacknowledged: the pipeline is stopping."),
        var outcome => (IngestOutcome)outcome,
    };

    internal void Complete(IngestOutcome outcome) => Finish((int)outcome);

    internal void Abandon() => Finish(Abandoned);

    private static void Publish(TaskCompletionSource<IngestOutcome> completion, int state)
    {
        if (state == Abandoned)
        {
            completion.TrySetCanceled();
        }
        else if (state != Pending)
        {
            completion.TrySetResult((IngestOutcome)state);
        }
    }

    private void Finish(int state)
    {
        // A full fence between marking and looking for a completion, against the getter's opposite order.
        if (Interlocked.CompareExchange(ref _state, state, Pending) == Pending && Volatile.Read(ref _completion) is { } completion)
        {
            Publish(completion, state);
        }
    }
}
