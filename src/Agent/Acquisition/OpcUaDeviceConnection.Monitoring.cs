using System.Net.Sockets;
using Proxus.Core.Model;
using Proxus.Drivers.OpcUa;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// Acquisition by monitored items: one subscription per interval, whose publishing interval and
/// items' sampling interval are the tags' interval. The driver keeps the subscription across a
/// reconnection (resumed, transferred or recreated); the agent still creates it anew once the
/// session is back, so that the server reports every item's current value again whatever the
/// driver could keep, and tags made bad by the loss become good without waiting for a change.
/// </summary>
internal sealed partial class OpcUaDeviceConnection
{
    /// <summary>How often the session's state is checked while monitoring.</summary>
    private static readonly TimeSpan StateCheckInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    public async Task MonitorAsync(IReadOnlyList<Tag> tags, TimeSpan interval, IMonitoredItemSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(sink);
        var items = new List<(int Index, MonitoredItemOptions Options)>(tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            try
            {
                items.Add((i, new MonitoredItemOptions(NodeId.Parse(tags[i].Address)) { SamplingInterval = interval }));
            }
            catch (FormatException exception)
            {
                sink.Report(i, RawReading.Bad(exception.Message, _time.GetUtcNow()));
            }
        }

        var retry = FirstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                await MonitorSessionAsync(client, items, interval, sink, cancellationToken).ConfigureAwait(false);
                retry = FirstRetryDelay;
            }
            catch (Exception exception) when (exception is OpcUaException or IOException or SocketException or TimeoutException)
            {
                _connected = false;
                sink.Fail(exception.Message);
                await Task.Delay(retry, _time, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Creates the subscription and delivers its changes until the client has reconnected (then returns) or the monitoring stops.</summary>
    private async Task MonitorSessionAsync(OpcUaClient client, List<(int Index, MonitoredItemOptions Options)> items, TimeSpan interval, IMonitoredItemSink sink, CancellationToken cancellationToken)
    {
        var reconnects = client.ReconnectCount;
        var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = interval }, cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await subscription.AddItemsAsync([.. items.Select(item => item.Options)], cancellationToken).ConfigureAwait(false);
            var indexOf = new Dictionary<uint, int>(created.Count);
            var now = _time.GetUtcNow();
            for (var i = 0; i < created.Count; i++)
            {
                indexOf[created[i].ClientHandle] = items[i].Index;
                if (!created[i].Status.IsGood)
                {
                    sink.Report(items[i].Index, RawReading.Bad(created[i].Status.Name, now));
                }
            }

            _connected = true;
            using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watch = WatchAsync(client, reconnects, sink, session);
            try
            {
                await foreach (var change in subscription.Changes.ReadAllAsync(session.Token).ConfigureAwait(false))
                {
                    if (indexOf.TryGetValue(change.Item.ClientHandle, out var index))
                    {
                        sink.Report(index, ToReading(change.Value, _time.GetUtcNow()));
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The client reconnected: the caller creates the subscription again.
            }
            finally
            {
                await session.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(false);
            }
        }
        finally
        {
            await DeleteAsync(subscription).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes every tag bad once when the session is lost, and cancels <paramref name="session"/>
    /// when the client is connected again after a reconnection.
    /// </summary>
    private async Task WatchAsync(OpcUaClient client, int reconnects, IMonitoredItemSink sink, CancellationTokenSource session)
    {
        using var timer = new PeriodicTimer(StateCheckInterval, _time);
        var lost = false;
        try
        {
            while (await timer.WaitForNextTickAsync(session.Token).ConfigureAwait(false))
            {
                if (client.State != OpcUaConnectionState.Connected)
                {
                    if (!lost)
                    {
                        lost = true;
                        _connected = false;
                        sink.Fail($"the OPC UA session is lost ({client.State})");
                    }
                }
                else if (client.ReconnectCount != reconnects)
                {
                    await session.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Monitoring ends.
        }
    }

    /// <summary>Deletes the subscription on the server, bounded; a session that is gone took it along.</summary>
    private async Task DeleteAsync(OpcUaSubscription subscription)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout);
        try
        {
            await subscription.DeleteAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OpcUaException or IOException or SocketException or OperationCanceledException)
        {
            // The session or the channel is gone, and the subscription with it (or the server drops it at its lifetime).
        }
    }
}
