namespace Proxus.Server.Telemetry;

/// <summary>
/// The entry of the ingest pipeline that the UNS consumer (an MQTT client on the shared
/// subscription <c>$share/proxus-ingest/&lt;uns&gt;/#</c>) feeds.
/// </summary>
public interface ITelemetryIngest
{
    /// <summary>
    /// Queues <paramref name="message"/> for the next batch. Waits while the bounded queue is full:
    /// the consumer then stops reading from the broker, which queues for it (back-pressure). After
    /// this returns, await <see cref="WaitAsync"/> before acknowledging.
    /// </summary>
    ValueTask SubmitAsync(IngestMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when <paramref name="message"/> is done: its batch committed (<see cref="IngestOutcome.Stored"/>)
    /// or it is rejected for good. Throws <see cref="OperationCanceledException"/> when it was
    /// abandoned (the pipeline is stopping): it must then stay unacknowledged. Synchronous, without
    /// allocating, for a message that is already done.
    /// </summary>
    ValueTask<IngestOutcome> WaitAsync(IngestMessage message, CancellationToken cancellationToken);
}
