using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa;

public sealed partial class OpcUaClient
{
    private Task? _publishLoop;

    /// <summary>Creates a subscription; add items with <see cref="OpcUaSubscription.AddItemsAsync"/>.</summary>
    public async Task<OpcUaSubscription> SubscribeAsync(SubscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var subscription = new OpcUaSubscription(this, options ?? new SubscriptionOptions());
        var response = await CallAsync<CreateSubscriptionResponse>(CreateRequest(subscription.Options), cancellationToken).ConfigureAwait(false);
        subscription.Created(response);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
            _publishLoop ??= Task.Run(PublishLoopAsync, CancellationToken.None);
        }

        LogSubscriptionCreated(_logger, subscription.Id, subscription.RevisedPublishingInterval.TotalMilliseconds);
        return subscription;
    }

    internal async Task<IReadOnlyList<MonitoredItem>> CreateMonitoredItemsAsync(OpcUaSubscription subscription, MonitoredItem[] items, CancellationToken cancellationToken)
    {
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        await CreateItemsOnAsync(session, subscription, items, cancellationToken).ConfigureAwait(false);
        return items;
    }

    internal async Task DeleteSubscriptionAsync(OpcUaSubscription subscription, CancellationToken cancellationToken)
    {
        bool removed;
        lock (_gate)
        {
            removed = _subscriptions.Remove(subscription);
        }

        await subscription.StopAsync().ConfigureAwait(false);
        if (removed && State == OpcUaConnectionState.Connected)
        {
            await CallAsync<DeleteSubscriptionsResponse>(new DeleteSubscriptionsRequest([subscription.Id]), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a reconnect: a resumed session still has its subscriptions; a new session gets them with
    /// TransferSubscriptions, and those the server no longer knows (e.g. after a restart) are recreated.
    /// </summary>
    private async Task RestoreSubscriptionsAsync(bool resumed, CancellationToken cancellationToken)
    {
        OpcUaSubscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
        }

        if (resumed || subscriptions.Length == 0)
        {
            return;
        }

        var session = _session!;
        StatusCode[] results;
        try
        {
            var transfer = await SendAsync<TransferSubscriptionsResponse>(session, new TransferSubscriptionsRequest(subscriptions.Select(s => s.Id).ToArray()), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            results = transfer.Results.Length == subscriptions.Length ? transfer.Results : [.. subscriptions.Select(_ => StatusCode.BadSubscriptionIdInvalid)];
        }
        catch (OpcUaException ex) when (!IsChannelLost(ex.StatusCode))
        {
            results = [.. subscriptions.Select(_ => ex.StatusCode)];
        }

        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (results[i].IsGood)
            {
                LogSubscriptionTransferred(_logger, subscriptions[i].Id);
                continue;
            }

            await RecreateAsync(session, subscriptions[i], results[i], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the subscription again on the server with the same items and client handles.</summary>
    private async Task RecreateAsync(SessionContext session, OpcUaSubscription subscription, StatusCode reason, CancellationToken cancellationToken)
    {
        var oldId = subscription.Id;
        var response = await SendAsync<CreateSubscriptionResponse>(session, CreateRequest(subscription.Options), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        subscription.Created(response);
        await CreateItemsOnAsync(session, subscription, [.. subscription.Items], cancellationToken).ConfigureAwait(false);
        LogSubscriptionRecreated(_logger, oldId, subscription.Id, reason.Name);
    }

    /// <summary>
    /// Creates the items on the server. They are registered before the request is sent: the server may
    /// publish an item's first value (reported once, if it never changes) before this side has read the
    /// response that names the item, and a notification for an unknown handle is dropped.
    /// </summary>
    private async Task CreateItemsOnAsync(SessionContext session, OpcUaSubscription subscription, MonitoredItem[] items, CancellationToken cancellationToken)
    {
        var batch = Limits.MaxMonitoredItemsPerCall == 0 ? Math.Max(items.Length, 1) : (int)Limits.MaxMonitoredItemsPerCall;
        foreach (var chunk in items.Chunk(batch))
        {
            var added = Array.ConvertAll(chunk, subscription.Register);
            CreateMonitoredItemsResponse response;
            try
            {
                response = await SendAsync<CreateMonitoredItemsResponse>(session, new CreateMonitoredItemsRequest(subscription.Id, chunk), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                if (response.Results.Length != chunk.Length)
                {
                    throw new OpcUaException(StatusCode.BadUnknownResponse, $"CreateMonitoredItems for {chunk.Length} items returned {response.Results.Length} results.");
                }
            }
            catch
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (added[i])
                    {
                        subscription.Unregister(chunk[i]);
                    }
                }

                throw;
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                var (status, id, sampling, queue) = response.Results[i];
                chunk[i].Status = status;
                chunk[i].ServerId = id;
                chunk[i].RevisedSamplingInterval = TimeSpan.FromMilliseconds(sampling);
                chunk[i].RevisedQueueSize = queue;
                if (!status.IsGood && added[i])
                {
                    subscription.Unregister(chunk[i]);
                }
            }
        }
    }

    private static CreateSubscriptionRequest CreateRequest(SubscriptionOptions options)
        => new(options.PublishingInterval.TotalMilliseconds, options.LifetimeCount, options.MaxKeepAliveCount, options.MaxNotificationsPerPublish, options.Priority);
}
