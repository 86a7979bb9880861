namespace Proxus.Drivers.OpcUa.Binary;

internal ref partial struct UaBinaryReader
{
    /// <summary>
    /// A Variant (Part 6 section 5.2.2.16): the encoding byte holds the type id (bits 0-5), whether
    /// array dimensions follow (bit 6) and whether the value is an array (bit 7).
    /// </summary>
    public Variant ReadVariant()
    {
        var encoding = ReadByte();
        var typeId = encoding & 0x3F;
        if (typeId > (int)BuiltInType.DiagnosticInfo)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, $"Variant type id {typeId} is not a built-in type.");
        }

        var type = (BuiltInType)typeId;
        if ((encoding & 0x80) == 0)
        {
            if ((encoding & 0x40) != 0)
            {
                throw new OpcUaException(StatusCode.BadDecodingError, "A scalar Variant has array dimensions.");
            }

            return type == BuiltInType.Null ? Variant.Null : new Variant(type, ReadScalar(type));
        }

        EnterNested();
        var length = ReadArrayLength();
        var array = ReadArrayOf(type, Math.Max(length, 0));
        int[]? dimensions = null;
        if ((encoding & 0x40) != 0)
        {
            dimensions = ReadDimensions(array.Length);
        }

        LeaveNested();
        return type == BuiltInType.Null ? Variant.Null : new Variant(type, array, isArray: true, dimensions);
    }

    private object? ReadScalar(BuiltInType type)
    {
        switch (type)
        {
            case BuiltInType.Boolean: return ReadBoolean();
            case BuiltInType.SByte: return ReadSByte();
            case BuiltInType.Byte: return ReadByte();
            case BuiltInType.Int16: return ReadInt16();
            case BuiltInType.UInt16: return ReadUInt16();
            case BuiltInType.Int32: return ReadInt32();
            case BuiltInType.UInt32: return ReadUInt32();
            case BuiltInType.Int64: return ReadInt64();
            case BuiltInType.UInt64: return ReadUInt64();
            case BuiltInType.Float: return ReadFloat();
            case BuiltInType.Double: return ReadDouble();
            case BuiltInType.String: return ReadString();
            case BuiltInType.DateTime: return ReadDateTime();
            case BuiltInType.Guid: return ReadGuid();
            case BuiltInType.ByteString: return ReadByteString();
            case BuiltInType.XmlElement: return ReadXmlElement();
            case BuiltInType.NodeId: return ReadNodeId();
            case BuiltInType.ExpandedNodeId: return ReadExpandedNodeId();
            case BuiltInType.StatusCode: return ReadStatusCode();
            case BuiltInType.QualifiedName: return ReadQualifiedName();
            case BuiltInType.LocalizedText: return ReadLocalizedText();
            case BuiltInType.ExtensionObject: return ReadExtensionObject();
            case BuiltInType.DataValue: return ReadDataValue();
            case BuiltInType.DiagnosticInfo: return ReadDiagnosticInfo();
            case BuiltInType.Variant:
                EnterNested();
                var inner = ReadVariant();
                LeaveNested();
                return inner;
            default: return null;
        }
    }

    private Array ReadArrayOf(BuiltInType type, int length)
    {
        switch (type)
        {
            case BuiltInType.Boolean: return Fill(length, static (ref UaBinaryReader r) => r.ReadBoolean());
            case BuiltInType.SByte: return Fill(length, static (ref UaBinaryReader r) => r.ReadSByte());
            case BuiltInType.Byte: return ReadBytes(length).ToArray();
            case BuiltInType.Int16: return Fill(length, static (ref UaBinaryReader r) => r.ReadInt16());
            case BuiltInType.UInt16: return Fill(length, static (ref UaBinaryReader r) => r.ReadUInt16());
            case BuiltInType.Int32: return Fill(length, static (ref UaBinaryReader r) => r.ReadInt32());
            case BuiltInType.UInt32: return Fill(length, static (ref UaBinaryReader r) => r.ReadUInt32());
            case BuiltInType.Int64: return Fill(length, static (ref UaBinaryReader r) => r.ReadInt64());
            case BuiltInType.UInt64: return Fill(length, static (ref UaBinaryReader r) => r.ReadUInt64());
            case BuiltInType.Float: return Fill(length, static (ref UaBinaryReader r) => r.ReadFloat());
            case BuiltInType.Double: return Fill(length, static (ref UaBinaryReader r) => r.ReadDouble());
            case BuiltInType.String: return Fill(length, static (ref UaBinaryReader r) => r.ReadString());
            case BuiltInType.DateTime: return Fill(length, static (ref UaBinaryReader r) => r.ReadDateTime());
            case BuiltInType.Guid: return Fill(length, static (ref UaBinaryReader r) => r.ReadGuid());
            case BuiltInType.ByteString: return Fill(length, static (ref UaBinaryReader r) => r.ReadByteString());
            case BuiltInType.XmlElement: return Fill(length, static (ref UaBinaryReader r) => r.ReadXmlElement());
            case BuiltInType.NodeId: return Fill(length, static (ref UaBinaryReader r) => r.ReadNodeId());
            case BuiltInType.ExpandedNodeId: return Fill(length, static (ref UaBinaryReader r) => r.ReadExpandedNodeId());
            case BuiltInType.StatusCode: return Fill(length, static (ref UaBinaryReader r) => r.ReadStatusCode());
            case BuiltInType.QualifiedName: return Fill(length, static (ref UaBinaryReader r) => r.ReadQualifiedName());
            case BuiltInType.LocalizedText: return Fill(length, static (ref UaBinaryReader r) => r.ReadLocalizedText());
            case BuiltInType.ExtensionObject: return Fill(length, static (ref UaBinaryReader r) => r.ReadExtensionObject());
            case BuiltInType.DataValue: return Fill(length, static (ref UaBinaryReader r) => r.ReadDataValue());
            case BuiltInType.Variant: return Fill(length, static (ref UaBinaryReader r) => r.ReadVariant());
            case BuiltInType.DiagnosticInfo: return Fill(length, static (ref UaBinaryReader r) => r.ReadDiagnosticInfo());
            default:
                if (length != 0)
                {
                    throw new OpcUaException(StatusCode.BadDecodingError, "An array of Null has elements.");
                }

                return Array.Empty<object>();
        }
    }

    private T[] Fill<T>(int length, ElementReader<T> read)
    {
        var items = new T[length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(ref this);
        }

        return items;
    }

    private int[] ReadDimensions(int elementCount)
    {
        var count = ReadArrayLength();
        if (count <= 0)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, "A matrix Variant has no dimensions.");
        }

        var dimensions = new int[count];
        long product = 1;
        for (var i = 0; i < count; i++)
        {
            dimensions[i] = ReadInt32();
            if (dimensions[i] < 0)
            {
                throw new OpcUaException(StatusCode.BadDecodingError, "A matrix dimension is negative.");
            }

            product = Math.Min(product * dimensions[i], int.MaxValue);
        }

        if (product != elementCount)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, $"Matrix dimensions [{string.Join(',', dimensions)}] do not match its {elementCount} elements.");
        }

        return dimensions;
    }
}
