using System.Globalization;
using System.Reflection;
using System.Text;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

public sealed partial class MqttBroker
{
    private static readonly string Version = "Proxus MQTT broker " + (typeof(MqttBroker).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private DateTimeOffset _nextSysAt;

    /// <summary>
    /// One timer for every connection and session: connect timeouts, keep-alive (1.5 times), due wills,
    /// expired sessions, saving offline sessions whose queue changed, and $SYS statistics.
    /// </summary>
    private async Task RunHousekeepingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.HousekeepingInterval, _timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                RunHousekeepingOnce();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                MqttBrokerLog.HousekeepingFailed(_logger, ex);
            }
        }
    }

    internal void RunHousekeepingOnce()
    {
        var tick = Environment.TickCount64;
        foreach (var connection in _connections.Keys)
        {
            connection.CheckTimeouts(tick);
        }

        var now = Now;
        var wills = new List<MqttRoutedMessage>();
        List<MqttSessionSubscription>? discarded = null;
        lock (_sessionsGate)
        {
            List<MqttSession>? expired = null;
            foreach (var session in _sessions.Values)
            {
                if (session.IsConnected)
                {
                    continue;
                }

                if (session.TakeDueWill(now, force: false) is { } will)
                {
                    wills.Add(will);
                }

                if (session.IsExpired(now))
                {
                    (expired ??= []).Add(session);
                }
                else if (session.IsDirty)
                {
                    _store?.SaveSession(session.ToState());
                }
            }

            foreach (var session in expired ?? [])
            {
                MqttBrokerLog.SessionExpired(_logger, session.ClientId);
                if (session.TakeDueWill(now, force: true) is { } will)
                {
                    wills.Add(will);
                }

                (discarded ??= []).AddRange(EndSessionLocked(session));
            }
        }

        RemoveSubscriptions(discarded);
        PublishWills(wills);
        if (Options.SysInterval > TimeSpan.Zero && now >= _nextSysAt)
        {
            _nextSysAt = now + Options.SysInterval;
            PublishSys(now);
        }
    }

    /// <summary>Publishes the $SYS statistics topics (retained, QoS 0) as mosquitto names them where it can.</summary>
    private void PublishSys(DateTimeOffset now)
    {
        int connected;
        int total;
        lock (_sessionsGate)
        {
            total = _sessions.Count;
            connected = _sessions.Values.Count(s => s.IsConnected);
        }

        PublishSys("$SYS/broker/version", Version);
        PublishSys("$SYS/broker/uptime", ((long)(now - StartedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture) + " seconds");
        PublishSys("$SYS/broker/clients/connected", connected);
        PublishSys("$SYS/broker/clients/total", total);
        PublishSys("$SYS/broker/connections/active", ConnectionCount);
        PublishSys("$SYS/broker/messages/received", Statistics.MessagesReceived);
        PublishSys("$SYS/broker/messages/sent", Statistics.MessagesSent);
        PublishSys("$SYS/broker/messages/dropped", Statistics.MessagesDropped);
        PublishSys("$SYS/broker/packets/received", Statistics.PacketsReceived);
        PublishSys("$SYS/broker/packets/sent", Statistics.PacketsSent);
        PublishSys("$SYS/broker/bytes/received", Statistics.BytesReceived);
        PublishSys("$SYS/broker/bytes/sent", Statistics.BytesSent);
        PublishSys("$SYS/broker/subscriptions/count", Subscriptions.Count);
        PublishSys("$SYS/broker/retained messages/count", _retained.Count);
    }

    private void PublishSys(string topic, long value) => PublishSys(topic, value.ToString(CultureInfo.InvariantCulture));

    private void PublishSys(string topic, string value)
    {
        var message = new MqttRoutedMessage
        {
            Topic = topic,
            Payload = Encoding.UTF8.GetBytes(value),
            QualityOfService = MqttQualityOfService.AtMostOnce,
            Retain = true,
            PayloadFormat = MqttPayloadFormat.Utf8,
        };

        // $SYS values are current figures, not state worth persisting.
        Retain(message, persist: false);
        Route(message);
    }
}
