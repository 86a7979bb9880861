using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>
/// A NotificationMessage (Part 4 section 7.25): sequence number, publish time and the data changes of
/// its DataChangeNotifications (decoded in place), plus the status of a StatusChangeNotification.
/// No notification data means a keep-alive.
/// </summary>
internal sealed record NotificationMessage(uint SequenceNumber, DateTime PublishTime, List<(uint ClientHandle, DataValue Value)> DataChanges, StatusCode? StatusChange, bool IsKeepAlive)
{
    public static NotificationMessage Decode(ref UaBinaryReader reader)
    {
        var sequence = reader.ReadUInt32();
        var publishTime = reader.ReadDateTime();
        var count = reader.ReadArrayLength();
        var changes = new List<(uint, DataValue)>();
        StatusCode? statusChange = null;
        for (var i = 0; i < count; i++)
        {
            var typeId = reader.ReadNodeId();
            var encoding = reader.ReadByte();
            if (encoding != 1)
            {
                throw new OpcUaException(StatusCode.BadDecodingError, $"Notification data with encoding {encoding} is not binary.");
            }

            var body = reader.ReadByteStringSpan();
            var bodyReader = new UaBinaryReader(body);
            switch (typeId.NamespaceIndex == 0 ? typeId.NumericIdentifier : 0)
            {
                case ServiceIds.DataChangeNotification:
                    var items = bodyReader.ReadArrayLength();
                    changes.EnsureCapacity(changes.Count + Math.Max(items, 0));
                    for (var j = 0; j < items; j++)
                    {
                        changes.Add((bodyReader.ReadUInt32(), bodyReader.ReadDataValue()));
                    }

                    break;
                case ServiceIds.StatusChangeNotification:
                    statusChange = bodyReader.ReadStatusCode();
                    break;
                default:
                    // Event notifications and unknown types carry nothing a data-change client uses.
                    break;
            }
        }

        return new NotificationMessage(sequence, publishTime, changes, statusChange, count <= 0);
    }
}
