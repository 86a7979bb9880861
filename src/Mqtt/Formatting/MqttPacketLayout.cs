namespace Proxus.Mqtt.Formatting;

/// <summary>
/// The measured shape of a packet about to be encoded: its Remaining Length and the lengths of its
/// property blocks (the Will properties are the second block of CONNECT).
/// </summary>
internal readonly record struct MqttPacketLayout(int RemainingLength, int PropertiesLength = 0, int WillPropertiesLength = 0)
{
    public int PacketSize => 1 + MqttSize.VariableByteInteger(RemainingLength) + RemainingLength;

    /// <summary>Checks that a measured body fits the four-byte Remaining Length.</summary>
    public static MqttPacketLayout Create(long remainingLength, long propertiesLength = 0, long willPropertiesLength = 0)
    {
        if (remainingLength > MqttSize.MaximumVariableByteInteger)
        {
            MqttThrow.CannotEncode(
                $"The packet body needs {remainingLength} bytes; the largest Remaining Length is {MqttSize.MaximumVariableByteInteger}.");
        }

        return new MqttPacketLayout((int)remainingLength, (int)propertiesLength, (int)willPropertiesLength);
    }
}
