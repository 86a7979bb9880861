using System.Diagnostics;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// The properties of one property block as read from the wire (MQTT 5.0 section 2.2.2). Values that
/// the specification forbids whatever the packet (a Receive Maximum of 0, a boolean other than 0 or
/// 1, ...) are rejected while reading; packet-specific rules stay with the packet's decoder.
/// </summary>
internal struct MqttPropertyBag
{
    public byte? PayloadFormatIndicator;
    public uint? MessageExpiryInterval;
    public string? ContentType;
    public string? ResponseTopic;
    public byte[]? CorrelationData;
    public List<uint>? SubscriptionIdentifiers;
    public uint? SessionExpiryInterval;
    public string? AssignedClientIdentifier;
    public ushort? ServerKeepAlive;
    public string? AuthenticationMethod;
    public byte[]? AuthenticationData;
    public bool? RequestProblemInformation;
    public uint? WillDelayInterval;
    public bool? RequestResponseInformation;
    public string? ResponseInformation;
    public string? ServerReference;
    public string? ReasonString;
    public ushort? ReceiveMaximum;
    public ushort? TopicAliasMaximum;
    public ushort? TopicAlias;
    public byte? MaximumQoS;
    public bool? RetainAvailable;
    public List<MqttUserProperty>? UserProperties;
    public uint? MaximumPacketSize;
    public bool? WildcardSubscriptionAvailable;
    public bool? SubscriptionIdentifierAvailable;
    public bool? SharedSubscriptionAvailable;

    /// <summary>The user properties; one shared empty list when there are none (most packets).</summary>
    public readonly IReadOnlyList<MqttUserProperty> UserPropertyList =>
        UserProperties is null ? Array.Empty<MqttUserProperty>() : UserProperties;

    /// <summary>Reads a Property Length and the properties it covers.</summary>
    public static MqttPropertyBag Read(ref MqttBodyReader reader, MqttPropertyScope scope)
    {
        var length = reader.ReadVariableByteInteger();
        var properties = reader.ReadSubReader(length);
        var bag = default(MqttPropertyBag);
        ulong seen = 0;
        while (!properties.IsAtEnd)
        {
            var id = properties.ReadByte();
            var bit = id < 64 ? 1UL << id : 0;
            if ((scope.Allowed & bit) == 0)
            {
                MqttThrow.Malformed($"Property 0x{id:X2} is not valid in {scope.Name}.");
            }

            if ((seen & bit) != 0 && (scope.Repeatable & bit) == 0)
            {
                MqttThrow.ProtocolError($"Property {(MqttPropertyId)id} appears more than once in {scope.Name}.");
            }

            seen |= bit;
            bag.ReadValue((MqttPropertyId)id, ref properties);
        }

        return bag;
    }

    private void ReadValue(MqttPropertyId id, ref MqttBodyReader reader)
    {
        switch (id)
        {
            case MqttPropertyId.PayloadFormatIndicator:
                PayloadFormatIndicator = ReadZeroOrOne(ref reader, id) ? (byte)1 : (byte)0;
                break;
            case MqttPropertyId.MessageExpiryInterval:
                MessageExpiryInterval = reader.ReadUInt32();
                break;
            case MqttPropertyId.ContentType:
                ContentType = reader.ReadString();
                break;
            case MqttPropertyId.ResponseTopic:
                ResponseTopic = reader.ReadString();
                if (!MqttTopic.IsValidTopicName(ResponseTopic))
                {
                    MqttThrow.ProtocolError("Response Topic must be a topic name without wildcards.");
                }

                break;
            case MqttPropertyId.CorrelationData:
                CorrelationData = reader.ReadBinary();
                break;
            case MqttPropertyId.SubscriptionIdentifier:
                var subscriptionIdentifier = reader.ReadVariableByteInteger();
                if (subscriptionIdentifier == 0)
                {
                    MqttThrow.ProtocolError("Subscription Identifier 0 is not allowed.");
                }

                (SubscriptionIdentifiers ??= []).Add(subscriptionIdentifier);
                break;
            case MqttPropertyId.SessionExpiryInterval:
                SessionExpiryInterval = reader.ReadUInt32();
                break;
            case MqttPropertyId.AssignedClientIdentifier:
                AssignedClientIdentifier = reader.ReadString();
                break;
            case MqttPropertyId.ServerKeepAlive:
                ServerKeepAlive = reader.ReadUInt16();
                break;
            case MqttPropertyId.AuthenticationMethod:
                AuthenticationMethod = reader.ReadString();
                break;
            case MqttPropertyId.AuthenticationData:
                AuthenticationData = reader.ReadBinary();
                break;
            case MqttPropertyId.RequestProblemInformation:
                RequestProblemInformation = ReadZeroOrOne(ref reader, id);
                break;
            case MqttPropertyId.WillDelayInterval:
                WillDelayInterval = reader.ReadUInt32();
                break;
            case MqttPropertyId.RequestResponseInformation:
                RequestResponseInformation = ReadZeroOrOne(ref reader, id);
                break;
            case MqttPropertyId.ResponseInformation:
                ResponseInformation = reader.ReadString();
                break;
            case MqttPropertyId.ServerReference:
                ServerReference = reader.ReadString();
                break;
            case MqttPropertyId.ReasonString:
                ReasonString = reader.ReadString();
                break;
            case MqttPropertyId.ReceiveMaximum:
                ReceiveMaximum = ReadNonZeroUInt16(ref reader, id, MqttReasonCode.ProtocolError);
                break;
            case MqttPropertyId.TopicAliasMaximum:
                TopicAliasMaximum = reader.ReadUInt16();
                break;
            case MqttPropertyId.TopicAlias:
                TopicAlias = ReadNonZeroUInt16(ref reader, id, MqttReasonCode.TopicAliasInvalid);
                break;
            case MqttPropertyId.MaximumQoS:
                MaximumQoS = ReadZeroOrOne(ref reader, id) ? (byte)1 : (byte)0;
                break;
            case MqttPropertyId.RetainAvailable:
                RetainAvailable = ReadZeroOrOne(ref reader, id);
                break;
            case MqttPropertyId.UserProperty:
                var name = reader.ReadString();
                var value = reader.ReadString();
                (UserProperties ??= []).Add(new MqttUserProperty(name, value));
                break;
            case MqttPropertyId.MaximumPacketSize:
                MaximumPacketSize = reader.ReadUInt32();
                if (MaximumPacketSize == 0)
                {
                    MqttThrow.ProtocolError("Maximum Packet Size 0 is not allowed.");
                }

                break;
            case MqttPropertyId.WildcardSubscriptionAvailable:
                WildcardSubscriptionAvailable = ReadZeroOrOne(ref reader, id);
                break;
            case MqttPropertyId.SubscriptionIdentifierAvailable:
                SubscriptionIdentifierAvailable = ReadZeroOrOne(ref reader, id);
                break;
            case MqttPropertyId.SharedSubscriptionAvailable:
                SharedSubscriptionAvailable = ReadZeroOrOne(ref reader, id);
                break;
            default:
                // Every identifier a scope admits has a case above.
                throw new UnreachableException($"Property 0x{(byte)id:X2} passed the scope check without a reader.");
        }
    }

    private static bool ReadZeroOrOne(ref MqttBodyReader reader, MqttPropertyId id)
    {
        var value = reader.ReadByte();
        if (value > 1)
        {
            MqttThrow.ProtocolError($"Property {id} must be 0 or 1, not {value}.");
        }

        return value == 1;
    }

    private static ushort ReadNonZeroUInt16(ref MqttBodyReader reader, MqttPropertyId id, MqttReasonCode reasonCode)
    {
        var value = reader.ReadUInt16();
        if (value == 0)
        {
            MqttThrow.Protocol(reasonCode, $"Property {id} must not be 0.");
        }

        return value;
    }
}
