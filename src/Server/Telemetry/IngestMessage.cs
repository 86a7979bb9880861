namespace Proxus.Server.Telemetry;

/// <summary>
/// One UNS PUBLISH handed to the ingest pipeline by the MQTT consumer. The consumer acknowledges
/// the PUBLISH (PUBACK) only when <see cref="Completion"/> has completed successfully: then the
/// message is committed to the database, or was malformed or expired and will never be. When
/// <see cref="Completion"/> is canceled or faulted (the server is stopping), the consumer must not
/// acknowledge, so that the broker redelivers the message to this or another server node.
/// </summary>
public sealed class IngestMessage
{
    private readonly TaskCompletionSource<IngestOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IngestMessage(string topic, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        Payload = payload;
    }

    /// <summary>The PUBLISH topic: the tag's UNS path.</summary>
    public string Topic { get; }

    /// <summary>The UNS JSON payload. The pipeline only reads it, before <see cref="Completion"/> completes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Completes after the message's batch committed, or when it is rejected for good.</summary>
    public Task<IngestOutcome> Completion => _completion.Task;

    internal void Complete(IngestOutcome outcome) => _completion.TrySetResult(outcome);

    internal void Abandon(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
