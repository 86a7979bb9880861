using System.Collections.Concurrent;
using System.Threading.Channels;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa;

/// <summary>
/// A subscription and its monitored items. Data changes are delivered in order on <see cref="Changes"/>;
/// missed notification messages are fetched with Republish; after a reconnect the subscription is kept,
/// transferred to the new session, or recreated with the same items and client handles.
/// </summary>
public sealed class OpcUaSubscription : IAsyncDisposable
{
    private static int _nextClientHandle;

    private readonly OpcUaClient _client;
    private readonly Channel<DataChange> _changes;
    private readonly ConcurrentDictionary<uint, MonitoredItem> _items = new();
    private readonly SemaphoreSlim _processing = new(1, 1);
    private uint? _lastSequenceNumber;
    private long _republished;
    private long _lost;

    internal OpcUaSubscription(OpcUaClient client, SubscriptionOptions options)
    {
        _client = client;
        Options = options;
        _changes = Channel.CreateBounded<DataChange>(new BoundedChannelOptions(options.BufferCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The server's id of the subscription (changes when the subscription is recreated).</summary>
    public uint Id { get; private set; }

    public SubscriptionOptions Options { get; }

    public TimeSpan RevisedPublishingInterval { get; private set; }

    public uint RevisedMaxKeepAliveCount { get; private set; }

    public IReadOnlyCollection<MonitoredItem> Items => [.. _items.Values];

    /// <summary>Data changes, in the order the server published them.</summary>
    public ChannelReader<DataChange> Changes => _changes.Reader;

    /// <summary>Notification messages recovered with Republish after a sequence gap.</summary>
    public long RepublishedMessages => Interlocked.Read(ref _republished);

    /// <summary>Notification messages that were missed and could no longer be republished.</summary>
    public long LostMessages => Interlocked.Read(ref _lost);

    /// <summary>Adds monitored items (in batches of the server's MaxMonitoredItemsPerCall).</summary>
    public Task<IReadOnlyList<MonitoredItem>> AddItemsAsync(IReadOnlyList<MonitoredItemOptions> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var created = items.Select(options => new MonitoredItem(unchecked((uint)Interlocked.Increment(ref _nextClientHandle)), options)).ToArray();
        return _client.CreateMonitoredItemsAsync(this, created, cancellationToken);
    }

    /// <summary>Deletes the subscription on the server and completes <see cref="Changes"/>.</summary>
    public Task DeleteAsync(CancellationToken cancellationToken = default) => _client.DeleteSubscriptionAsync(this, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DeleteAsync().ConfigureAwait(false);
        }
        catch (OpcUaException)
        {
            // The session is gone; so is the subscription.
        }
    }

    internal double PublishTimeoutMs => RevisedPublishingInterval.TotalMilliseconds * Math.Max(RevisedMaxKeepAliveCount, 1);

    internal void Created(CreateSubscriptionResponse response)
    {
        Id = response.SubscriptionId;
        RevisedPublishingInterval = TimeSpan.FromMilliseconds(response.RevisedPublishingIntervalMs);
        RevisedMaxKeepAliveCount = response.RevisedMaxKeepAliveCount;
        _lastSequenceNumber = null;
    }

    /// <summary>Adds the item to those whose notifications are delivered; false when it already was.</summary>
    internal bool Register(MonitoredItem item) => _items.TryAdd(item.ClientHandle, item);

    internal void Unregister(MonitoredItem item) => _items.TryRemove(item.ClientHandle, out _);

    internal Task StopAsync()
    {
        _changes.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Delivers a notification message in sequence: duplicates are dropped, gaps are filled with
    /// Republish first. Returns the sequence numbers to acknowledge.
    /// </summary>
    internal async Task<IReadOnlyList<uint>> ProcessAsync(NotificationMessage message, Func<uint, Task<NotificationMessage?>> republish, CancellationToken cancellationToken)
    {
        await _processing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var acknowledge = new List<uint>();
            var next = message.SequenceNumber;
            if (_lastSequenceNumber is { } last && next > last + 1 && next - last < 1000)
            {
                for (var missing = last + 1; missing < next; missing++)
                {
                    var recovered = await republish(missing).ConfigureAwait(false);
                    if (recovered is null)
                    {
                        Interlocked.Increment(ref _lost);
                        continue;
                    }

                    Interlocked.Increment(ref _republished);
                    await DeliverAsync(recovered, cancellationToken).ConfigureAwait(false);
                    acknowledge.Add(missing);
                }
            }

            if (message.IsKeepAlive)
            {
                // A keep-alive carries the next sequence number, which is not used yet.
                if (_lastSequenceNumber is null || next - 1 > _lastSequenceNumber)
                {
                    _lastSequenceNumber = next - 1;
                }

                return acknowledge;
            }

            if (_lastSequenceNumber is { } previous && next <= previous)
            {
                return acknowledge;
            }

            await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
            _lastSequenceNumber = next;
            acknowledge.Add(next);
            return acknowledge;
        }
        finally
        {
            _processing.Release();
        }
    }

    private async Task DeliverAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var changes = message.DataChanges;
        var writer = _changes.Writer;
        for (var i = 0; i < changes.Count; i++)
        {
            var (handle, value) = changes[i];
            if (_items.TryGetValue(handle, out var item) && !item.IsRepeatOfLast(value))
            {
                item.Status = value.Status;
                var change = new DataChange(item, value);
                if (!writer.TryWrite(change))
                {
                    await writer.WriteAsync(change, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
