using Proxus.Core.Model;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// Acquisition by monitored items (<see cref="OpcUaAcquisition.Subscription"/>): per interval, the
/// device reports changes and each goes through the same tag pipeline as a polled value (scaling,
/// unit, deadband, report-by-exception, quality, source timestamp, sequence).
/// </summary>
internal sealed partial class ConnectionRunner
{
    /// <summary>The device, when the connection is configured to be monitored rather than polled.</summary>
    private ISubscribingDeviceConnection? Subscribing
        => Connection.Endpoint is OpcUaEndpoint { Acquisition: OpcUaAcquisition.Subscription } ? _device as ISubscribingDeviceConnection : null;

    private async Task MonitorAsync(ISubscribingDeviceConnection device, TimeSpan interval, TagPipeline[] pipelines, CancellationToken cancellationToken)
    {
        var group = new MonitoredGroup(this, pipelines);
        Tag[] tags = [.. pipelines.Select(pipeline => pipeline.Tag)];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await device.MonitorAsync(tags, interval, group, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                group.Fail(exception.Message);
                LogPollFailed(_logger, exception, Connection.Id);
                try
                {
                    await Task.Delay(DefaultInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One interval's monitored tags: the device's reports, serialized onto their pipelines.</summary>
    private sealed class MonitoredGroup(ConnectionRunner owner, TagPipeline[] pipelines) : IMonitoredItemSink
    {
        private readonly Lock _gate = new();
        private readonly PayloadWriter _payload = new();
        private readonly UnsBatch _batch = new();

        public void Report(int index, in RawReading reading)
        {
            lock (_gate)
            {
                pipelines[index].Process(reading, owner._sequence, _batch, _payload);
                owner.Publish(_batch);
            }

            owner.RecordPoll(null, reading.Error is null ? 1 : 0);
        }

        public void Fail(string reason)
        {
            var bad = RawReading.Bad(reason, owner._time.GetUtcNow());
            lock (_gate)
            {
                foreach (var pipeline in pipelines)
                {
                    pipeline.Process(bad, owner._sequence, _batch, _payload);
                }

                owner.Publish(_batch);
            }

            owner.RecordPoll(reason, 0);
        }
    }
}
