using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttBrokerConnection
{
    private MqttWillMessage? _will;
    private uint _requestedSessionExpiry;

    /// <summary>
    /// CONNECT (5.0 section 3.1.4): validates, authenticates through the hook, authorizes the will,
    /// opens or resumes the session (taking it over from another connection) and answers CONNACK.
    /// </summary>
    private async ValueTask<bool> HandleConnectAsync(ConnectPacket connect)
    {
        var options = _broker.Options;
        ProtocolVersion = connect.ProtocolVersion;
        var v5 = ProtocolVersion == MqttProtocolVersion.V500;

        string? assignedClientId = null;
        ClientId = connect.ClientId;
        if (ClientId.Length == 0)
        {
            if (!v5 && !connect.CleanStart)
            {
                // 3.1.1 section 3.1.3.1: a zero-byte client id needs CleanSession = 1.
                return Refuse(MqttReasonCode.ClientIdentifierNotValid);
            }

            ClientId = assignedClientId = "proxus-" + Guid.NewGuid().ToString("N");
        }

        ushort? serverKeepAlive = null;
        KeepAlive = connect.KeepAliveSeconds;
        if (KeepAlive > options.MaximumKeepAlive || (v5 && KeepAlive == 0))
        {
            if (!v5)
            {
                // 3.1.1 has no Server Keep Alive: a longer keep-alive than allowed is refused (as mosquitto does).
                return Refuse(MqttReasonCode.ClientIdentifierNotValid);
            }

            KeepAlive = options.MaximumKeepAlive;
            serverKeepAlive = KeepAlive;
        }

        _requestedSessionExpiry = v5 ? connect.SessionExpiryInterval : connect.CleanStart ? 0 : uint.MaxValue;
        var sessionExpiry = Math.Min(_requestedSessionExpiry, options.MaximumSessionExpiryInterval);
        SendQuota = Math.Max(1, Math.Min((int)connect.ReceiveMaximum, options.MaximumInFlightMessages));
        ClientMaximumPacketSize = connect.MaximumPacketSize is > 0 and var size ? size : MqttBrokerOptions.ProtocolMaximumPacketSize;

        if (connect.Will is { } will && !_broker.IsAcceptableTopicName(will.Topic))
        {
            return Refuse(MqttReasonCode.TopicNameInvalid);
        }

        var authentication = await AuthenticateAsync(connect).ConfigureAwait(false);
        if (!authentication.IsAccepted)
        {
            _broker.ReportDenial(new MqttDenial
            {
                Kind = MqttDenialKind.Connect,
                ClientId = ClientId,
                ReasonCode = authentication.ReasonCode,
                RemoteEndPoint = Info.RemoteEndPoint,
            });
            return Refuse(authentication.ReasonCode);
        }

        Identity = authentication.Identity!;
        if (authentication.MaximumInFlightMessages is { } window)
        {
            SendQuota = Math.Min((int)connect.ReceiveMaximum, window);
        }

        if (connect.Will is { } requestedWill && !await AuthorizeAsync(requestedWill.Topic, requestedWill.QualityOfService, requestedWill.Retain, isWill: true).ConfigureAwait(false))
        {
            return Refuse(MqttReasonCode.NotAuthorized);
        }

        _will = connect.Will;
        Session = _broker.OpenSession(this, connect.CleanStart, sessionExpiry, sessionPresent => new ConnAckPacket
        {
            SessionPresent = sessionPresent,
            ReasonCode = MqttReasonCode.Success,
            SessionExpiryInterval = v5 && sessionExpiry != _requestedSessionExpiry ? sessionExpiry : null,
            ReceiveMaximum = v5 ? options.MaximumInFlightMessages : null,
            MaximumPacketSize = v5 ? options.MaximumPacketSize : null,
            AssignedClientIdentifier = v5 ? assignedClientId : null,
            TopicAliasMaximum = v5 && options.TopicAliasMaximum > 0 ? options.TopicAliasMaximum : null,
            ServerKeepAlive = serverKeepAlive,
            RetainAvailable = v5 ? true : null,
            WildcardSubscriptionAvailable = v5 ? true : null,
            SubscriptionIdentifiersAvailable = v5 ? true : null,
            SharedSubscriptionAvailable = v5 ? true : null,
        });
        MqttBrokerLog.ClientConnected(_logger, ClientId, Info.RemoteEndPoint, ProtocolVersion, Info.Transport);
        return true;
    }

    /// <summary>Called by the broker, under its session lock, right after CONNACK was queued.</summary>
    public void MarkConnected() => IsConnected = true;

    /// <summary>The will to publish when this connection ends abnormally, with its delay in seconds.</summary>
    public (MqttRoutedMessage? Will, uint Delay) TakeWill()
    {
        // Called by this connection's end and by a takeover, possibly at once: only one gets the will.
        var will = Interlocked.Exchange(ref _will, null);
        if (will is null)
        {
            return (null, 0);
        }

        var message = new MqttRoutedMessage
        {
            Topic = will.Topic,
            Payload = will.Payload,
            QualityOfService = will.QualityOfService,
            Retain = will.Retain,
            PayloadFormat = will.PayloadFormat,
            ExpiresAt = will.MessageExpiryInterval is { } expiry ? _broker.Now.AddSeconds(expiry) : null,
            ContentType = will.ContentType,
            ResponseTopic = will.ResponseTopic,
            CorrelationData = will.CorrelationData,
            UserProperties = will.UserProperties,
            SenderClientId = ClientId,
        };
        return (message, will.DelayInterval);
    }

    /// <summary>DISCONNECT from the client (5.0 section 3.14.4): the will is dropped unless 0x04 asks for it.</summary>
    private void HandleDisconnect(DisconnectPacket disconnect)
    {
        if (disconnect.SessionExpiryInterval is { } expiry)
        {
            if (_requestedSessionExpiry == 0 && expiry != 0)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Session Expiry Interval set on DISCONNECT after 0 on CONNECT.");
            }

            Session!.SessionExpiryInterval = Math.Min(expiry, _broker.Options.MaximumSessionExpiryInterval);
        }

        if (disconnect.ReasonCode != MqttReasonCode.DisconnectWithWillMessage)
        {
            _will = null;
        }
    }

    private bool Refuse(MqttReasonCode reasonCode)
    {
        MqttBrokerLog.ConnectRefused(_logger, ClientId, Info.RemoteEndPoint, reasonCode);
        Send(new ConnAckPacket { ReasonCode = reasonCode });
        return false;
    }

    private async ValueTask<MqttAuthenticationResult> AuthenticateAsync(ConnectPacket connect)
    {
        var context = new MqttAuthenticationContext
        {
            ClientId = ClientId,
            ProtocolVersion = ProtocolVersion,
            Username = connect.Username,
            Password = connect.Password,
            ClientCertificate = Info.ClientCertificate,
            RemoteEndPoint = Info.RemoteEndPoint,
            Transport = Info.Transport,
            AuthenticationMethod = connect.AuthenticationMethod,
            AuthenticationData = connect.AuthenticationData,
        };
        try
        {
            return await _broker.Hooks.AuthenticateAsync(context, _readCancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MqttBrokerLog.HookFailed(_logger, ClientId, ex);
            return MqttAuthenticationResult.Reject(MqttReasonCode.UnspecifiedError);
        }
    }
}
