using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa;

public sealed partial class OpcUaClient
{
    private readonly ConcurrentQueue<(uint SubscriptionId, uint SequenceNumber)> _acknowledgements = new();

    /// <summary>
    /// Keeps Publish requests in flight while subscriptions exist (as many as <see cref="PublishDepth"/>
    /// says for the load) and handles the responses in the order the requests were sent (the server
    /// answers them first-in, first-out), so that notification messages are processed in sequence.
    /// </summary>
    private async Task PublishLoopAsync()
    {
        var token = _lifetime.Token;
        var inflight = new Queue<Task<PublishResponse>>();
        var depth = new PublishDepth();
        while (!token.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_subscriptions.Count == 0 && inflight.Count == 0)
                {
                    _publishLoop = null;
                    return;
                }

                depth.SetSubscriptionCount(_subscriptions.Count);
            }

            while (inflight.Count < depth.Target && HasSubscriptions())
            {
                inflight.Enqueue(PublishAsync(token));
            }

            if (inflight.Count == 0)
            {
                continue;
            }

            try
            {
                var response = await inflight.Dequeue().ConfigureAwait(false);
                depth.OnResponse(response.MoreNotifications, response.Message.IsKeepAlive);
                await DispatchAsync(response, token).ConfigureAwait(false);
            }
            catch (OpcUaException ex) when (ex.StatusCode.Is(StatusCode.BadTooManyPublishRequests))
            {
                depth.OnTooManyPublishRequests(inflight.Count);
                LogTooManyPublishRequests(_logger, depth.Ceiling);
            }
            catch (OpcUaException ex) when (ex.StatusCode.Is(StatusCode.BadNoSubscription))
            {
                await Task.Delay(_options.ReconnectDelay, token).ConfigureAwait(false);
            }
            catch (OpcUaException ex)
            {
                LogPublishFailed(_logger, ex.StatusCode.Name, ex.Message);
                if (!_session?.Channel.IsOpen ?? true)
                {
                    await WaitUntilConnectedAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private bool HasSubscriptions()
    {
        lock (_gate)
        {
            return _subscriptions.Count > 0;
        }
    }

    private async Task WaitUntilConnectedAsync(CancellationToken token)
    {
        try
        {
            await _ready.Task.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OpcUaException)
        {
            // Closed: the loop ends with the lifetime token.
        }
    }

    private Task<PublishResponse> PublishAsync(CancellationToken token)
    {
        var acknowledgements = new List<(uint, uint)>(Math.Min(_acknowledgements.Count, 1000));
        while (acknowledgements.Count < 1000 && _acknowledgements.TryDequeue(out var ack))
        {
            acknowledgements.Add(ack);
        }

        double longest = 0;
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                longest = Math.Max(longest, subscription.PublishTimeoutMs);
            }
        }

        var timeout = _options.RequestTimeout + TimeSpan.FromMilliseconds(longest * 2);
        return CallAsync<PublishResponse>(new PublishRequest(acknowledgements), token, timeout);
    }

    private async Task DispatchAsync(PublishResponse response, CancellationToken token)
    {
        OpcUaSubscription? subscription = null;
        lock (_gate)
        {
            foreach (var candidate in _subscriptions)
            {
                if (candidate.Id == response.SubscriptionId)
                {
                    subscription = candidate;
                    break;
                }
            }
        }

        if (subscription is null)
        {
            return;
        }

        if (response.Message.StatusChange is { } status && status.IsBad)
        {
            // The server ended the subscription (e.g. BadTimeout: its lifetime expired): create it again.
            LogSubscriptionStatus(_logger, subscription.Id, status.Name);
            var session = await GetSessionAsync(token).ConfigureAwait(false);
            await RecreateAsync(session, subscription, status, token).ConfigureAwait(false);
            return;
        }

        var acknowledge = await subscription.ProcessAsync(response.Message, sequence => RepublishAsync(subscription.Id, sequence, token), token).ConfigureAwait(false);
        foreach (var sequence in acknowledge)
        {
            _acknowledgements.Enqueue((subscription.Id, sequence));
        }
    }

    private async Task<NotificationMessage?> RepublishAsync(uint subscriptionId, uint sequence, CancellationToken token)
    {
        try
        {
            var response = await CallAsync<RepublishResponse>(new RepublishRequest(subscriptionId, sequence), token).ConfigureAwait(false);
            return response.Message;
        }
        catch (OpcUaException ex) when (ex.StatusCode.Is(StatusCode.BadMessageNotAvailable) || ex.StatusCode.Is(StatusCode.BadSequenceNumberUnknown))
        {
            LogMessageLost(_logger, subscriptionId, sequence);
            return null;
        }
    }

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information, Message = "Subscription {SubscriptionId} created, publishing every {Interval} ms")]
    private static partial void LogSubscriptionCreated(ILogger logger, uint subscriptionId, double interval);

    [LoggerMessage(EventId = 4131, Level = LogLevel.Information, Message = "Subscription {SubscriptionId} transferred to the new session")]
    private static partial void LogSubscriptionTransferred(ILogger logger, uint subscriptionId);

    [LoggerMessage(EventId = 4132, Level = LogLevel.Information, Message = "Subscription {OldId} recreated as {NewId} (transfer: {Status})")]
    private static partial void LogSubscriptionRecreated(ILogger logger, uint oldId, uint newId, string status);

    [LoggerMessage(EventId = 4133, Level = LogLevel.Debug, Message = "Publish failed: {Status} {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string status, string reason);

    [LoggerMessage(EventId = 4134, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} status changed: {Status}")]
    private static partial void LogSubscriptionStatus(ILogger logger, uint subscriptionId, string status);

    [LoggerMessage(EventId = 4136, Level = LogLevel.Debug, Message = "The server refused a Publish request as one too many: at most {Ceiling} are kept in flight from now on")]
    private static partial void LogTooManyPublishRequests(ILogger logger, int ceiling);

    [LoggerMessage(EventId = 4135, Level = LogLevel.Warning, Message = "Notification {Sequence} of subscription {SubscriptionId} is lost (no longer available for Republish)")]
    private static partial void LogMessageLost(ILogger logger, uint subscriptionId, uint sequence);
}
