namespace Proxus.Drivers.OpcUa.Binary;

internal sealed partial class UaBinaryWriter
{
    /// <summary>Writes a Variant: encoding byte, scalar or array, then matrix dimensions if any.</summary>
    public void WriteVariant(Variant value)
    {
        if (value.IsNull)
        {
            WriteByte(0);
            return;
        }

        var encoding = (byte)value.Type;
        if (!value.IsArray)
        {
            WriteByte(encoding);
            WriteScalar(value.Type, value.Value);
            return;
        }

        var array = (Array)value.Value!;
        encoding |= 0x80;
        if (value.ArrayDimensions is not null)
        {
            encoding |= 0x40;
        }

        WriteByte(encoding);
        WriteInt32(array.Length);
        if (value.Type == BuiltInType.Byte && array is byte[] bytes)
        {
            WriteBytes(bytes);
        }
        else
        {
            foreach (var item in array)
            {
                WriteScalar(value.Type, item);
            }
        }

        if (value.ArrayDimensions is { } dimensions)
        {
            WriteInt32(dimensions.Count);
            foreach (var dimension in dimensions)
            {
                WriteInt32(dimension);
            }
        }
    }

    private void WriteScalar(BuiltInType type, object? value)
    {
        switch (type)
        {
            case BuiltInType.Boolean: WriteBoolean((bool)value!); break;
            case BuiltInType.SByte: WriteSByte((sbyte)value!); break;
            case BuiltInType.Byte: WriteByte((byte)value!); break;
            case BuiltInType.Int16: WriteInt16((short)value!); break;
            case BuiltInType.UInt16: WriteUInt16((ushort)value!); break;
            case BuiltInType.Int32: WriteInt32((int)value!); break;
            case BuiltInType.UInt32: WriteUInt32((uint)value!); break;
            case BuiltInType.Int64: WriteInt64((long)value!); break;
            case BuiltInType.UInt64: WriteUInt64((ulong)value!); break;
            case BuiltInType.Float: WriteFloat((float)value!); break;
            case BuiltInType.Double: WriteDouble((double)value!); break;
            case BuiltInType.String: WriteString((string?)value); break;
            case BuiltInType.DateTime: WriteDateTime((DateTime)value!); break;
            case BuiltInType.Guid: WriteGuid((Guid)value!); break;
            case BuiltInType.ByteString: WriteByteString((byte[]?)value); break;
            case BuiltInType.XmlElement: WriteXmlElement((string?)value); break;
            case BuiltInType.NodeId: WriteNodeId((NodeId?)value); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeId((ExpandedNodeId?)value); break;
            case BuiltInType.StatusCode: WriteStatusCode((StatusCode)value!); break;
            case BuiltInType.QualifiedName: WriteQualifiedName((QualifiedName?)value); break;
            case BuiltInType.LocalizedText: WriteLocalizedText((LocalizedText?)value); break;
            case BuiltInType.ExtensionObject: WriteExtensionObject((ExtensionObject?)value); break;
            case BuiltInType.DataValue: WriteDataValue((DataValue?)value); break;
            case BuiltInType.Variant: WriteVariant(value is Variant inner ? inner : Variant.Null); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfo((DiagnosticInfo?)value); break;
            default: throw new OpcUaException(StatusCode.BadEncodingError, $"Cannot encode a value of type {type}.");
        }
    }
}
