using System.Collections.Concurrent;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

public sealed partial class MqttBroker
{
    [ThreadStatic]
    private static List<MqttSessionSubscription>? _threadMatches;

    [ThreadStatic]
    private static Dictionary<MqttSession, int>? _threadSessionIndex;

    private readonly ConcurrentDictionary<string, MqttRoutedMessage> _retained = new(StringComparer.Ordinal);

    /// <summary>
    /// Publishes a message from the host itself (not from a client): retained if flagged, then routed
    /// to every matching subscription. Hooks are not asked; the host is trusted.
    /// </summary>
    /// <returns>Success, No matching subscribers, or Quota exceeded.</returns>
    public MqttReasonCode Publish(MqttRoutedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsAcceptableTopicName(message.Topic))
        {
            throw new ArgumentException($"'{message.Topic}' is not a valid topic name within the broker's limits.", nameof(message));
        }

        if (message.Retain)
        {
            Retain(message);
        }

        return Route(message);
    }

    /// <summary>
    /// Sets or clears (empty payload) the retained message of a topic (5.0 section 3.3.1.3); a new
    /// topic beyond <see cref="MqttBrokerOptions.MaximumRetainedMessages"/> is not retained.
    /// </summary>
    internal void Retain(MqttRoutedMessage message, bool persist = true)
    {
        if (message.Payload.IsEmpty)
        {
            if (_retained.TryRemove(message.Topic, out _) && persist)
            {
                _store?.RemoveRetained(message.Topic);
            }

            return;
        }

        if (!_retained.ContainsKey(message.Topic) && _retained.Count >= Options.MaximumRetainedMessages)
        {
            MqttBrokerLog.RetainedLimitReached(_logger, message.Topic, Options.MaximumRetainedMessages);
            return;
        }

        _retained[message.Topic] = message;
        if (persist)
        {
            _store?.SetRetained(message);
        }
    }

    /// <summary>
    /// Delivers a message to every matching subscription (5.0 section 4.7): once per session with the
    /// highest granted QoS and all its subscription identifiers when several of its filters match
    /// (section 3.3.4), No Local and Retain As Published applied, one member per shared group.
    /// </summary>
    /// <returns>Success, No matching subscribers, or Quota exceeded when every matching queue was full.</returns>
    internal MqttReasonCode Route(MqttRoutedMessage message) => Route(message, sender: null).ReasonCode;

    /// <summary>
    /// Routes a message from a client's session. A QoS 1/2 message is held back, nothing delivered,
    /// while a matching session other than the sender's has <see cref="QueueHighWater"/> messages queued
    /// behind its receive window: the most backlogged one is returned for the publisher to wait on and
    /// try again, so that a slow but acknowledging subscriber slows its publishers (TCP back-pressure)
    /// instead of overflowing its bounded queue while another subscriber's acceptance answers Success.
    /// </summary>
    internal MqttRouteOutcome Route(MqttRoutedMessage message, MqttSession? sender)
    {
        var matches = _threadMatches ??= [];
        matches.Clear();
        Subscriptions.Match(message.Topic, matches);
        try
        {
            if (sender is not null && message.QualityOfService != MqttQualityOfService.AtMostOnce && MostBacklogged(matches, sender) is { } backlogged)
            {
                return MqttRouteOutcome.HeldBackBy(backlogged);
            }

            var delivered = 0;
            var dropped = 0;
            if (matches.Count == 1)
            {
                Count(DeliverOne(message, matches[0]), ref delivered, ref dropped);
            }
            else if (matches.Count > 1)
            {
                RouteToMany(message, matches, ref delivered, ref dropped);
            }

            var reasonCode = delivered > 0 ? MqttReasonCode.Success
                : dropped > 0 ? MqttReasonCode.QuotaExceeded
                : MqttReasonCode.NoMatchingSubscribers;
            return new MqttRouteOutcome(reasonCode, Backlogged: null, IsAnyWriterBehind(matches, sender));
        }
        finally
        {
            matches.Clear();
        }
    }

    /// <summary>Sends the retained messages matching a new subscription (section 3.3.1.3: Retain set).</summary>
    internal void DeliverRetained(MqttSessionSubscription subscription)
    {
        var now = Now;
        IReadOnlyList<uint> identifiers = subscription.Options.SubscriptionIdentifier is { } id ? [id] : [];
        foreach (var (topic, message) in _retained)
        {
            if (!MqttTopic.Matches(subscription.MatchingFilter, topic))
            {
                continue;
            }

            if (message.ExpiresAt is { } expiresAt && expiresAt <= now)
            {
                _retained.TryRemove(new KeyValuePair<string, MqttRoutedMessage>(topic, message));
                _store?.RemoveRetained(topic);
                continue;
            }

            var qos = Min(message.QualityOfService, subscription.MaximumQualityOfService);
            if (subscription.Session.Deliver(new MqttOutboundMessage(message, qos, retain: true, identifiers)) == MqttDeliveryResult.Dropped)
            {
                Statistics.AddMessageDropped();
            }
        }
    }

    private void RouteToMany(MqttRoutedMessage message, List<MqttSessionSubscription> matches, ref int delivered, ref int dropped)
    {
        // Merge the non-shared matches of one session: highest QoS, every identifier, any Retain As Published.
        var index = _threadSessionIndex ??= [];
        index.Clear();
        var merged = new List<(MqttSession Session, MqttQualityOfService QoS, bool Retain, List<uint> Identifiers)>();
        foreach (var match in matches)
        {
            if (match.ShareGroup is not null)
            {
                Count(DeliverOne(message, match), ref delivered, ref dropped);
                continue;
            }

            if (match.Options.NoLocal && match.Session.ClientId == message.SenderClientId)
            {
                continue;
            }

            var qos = Min(message.QualityOfService, match.MaximumQualityOfService);
            var retain = match.Options.RetainAsPublished && message.Retain;
            if (index.TryGetValue(match.Session, out var at))
            {
                var entry = merged[at];
                if (match.Options.SubscriptionIdentifier is { } extra)
                {
                    entry.Identifiers.Add(extra);
                }

                merged[at] = (entry.Session, qos > entry.QoS ? qos : entry.QoS, entry.Retain || retain, entry.Identifiers);
            }
            else
            {
                index[match.Session] = merged.Count;
                var identifiers = new List<uint>(1);
                if (match.Options.SubscriptionIdentifier is { } id)
                {
                    identifiers.Add(id);
                }

                merged.Add((match.Session, qos, retain, identifiers));
            }
        }

        index.Clear();
        foreach (var (session, qos, retain, identifiers) in merged)
        {
            Count(session.Deliver(new MqttOutboundMessage(message, qos, retain, identifiers)), ref delivered, ref dropped);
        }
    }

    private MqttSession? MostBacklogged(List<MqttSessionSubscription> matches, MqttSession sender)
    {
        MqttSession? most = null;
        foreach (var match in matches)
        {
            var session = match.Session;
            if (session != sender
                && match.MaximumQualityOfService != MqttQualityOfService.AtMostOnce
                && session.IsBacklogged(QueueHighWater)
                && (most is null || session.PendingHint > most.PendingHint))
            {
                most = session;
            }
        }

        return most;
    }

    private static bool IsAnyWriterBehind(List<MqttSessionSubscription> matches, MqttSession? sender)
    {
        foreach (var match in matches)
        {
            if (match.Session != sender && match.Session.Connection is { IsWriteBacklogged: true })
            {
                return true;
            }
        }

        return false;
    }

    private static MqttDeliveryResult? DeliverOne(MqttRoutedMessage message, MqttSessionSubscription match)
    {
        if (match.Options.NoLocal && match.Session.ClientId == message.SenderClientId)
        {
            return null;
        }

        var qos = Min(message.QualityOfService, match.MaximumQualityOfService);
        IReadOnlyList<uint> identifiers = match.Options.SubscriptionIdentifier is { } id ? [id] : [];
        return match.Session.Deliver(new MqttOutboundMessage(message, qos, match.Options.RetainAsPublished && message.Retain, identifiers));
    }

    private void Count(MqttDeliveryResult? result, ref int delivered, ref int dropped)
    {
        switch (result)
        {
            case MqttDeliveryResult.Dropped:
                dropped++;
                Statistics.AddMessageDropped();
                break;
            case null:
                break;
            default:
                delivered++;
                break;
        }
    }

    private static MqttQualityOfService Min(MqttQualityOfService a, MqttQualityOfService b) => a < b ? a : b;
}
