namespace Proxus.Drivers.OpcUa.Binary;

internal sealed partial class UaBinaryWriter
{
    public void WriteXmlElement(string? value) => WriteString(value);

    /// <summary>Writes a NodeId in its most compact binary form (Part 6 section 5.2.2.9).</summary>
    public void WriteNodeId(NodeId? value) => WriteNodeId(value ?? NodeId.Null, 0);

    public void WriteExpandedNodeId(ExpandedNodeId? value)
    {
        value ??= ExpandedNodeId.Null;
        var flags = (byte)((value.NamespaceUri is null ? 0 : 0x80) | (value.ServerIndex == 0 ? 0 : 0x40));
        WriteNodeId(value.NodeId, flags);
        if (value.NamespaceUri is not null)
        {
            WriteString(value.NamespaceUri);
        }

        if (value.ServerIndex != 0)
        {
            WriteUInt32(value.ServerIndex);
        }
    }

    public void WriteQualifiedName(QualifiedName? value)
    {
        WriteUInt16(value?.NamespaceIndex ?? 0);
        WriteString(value?.Name);
    }

    public void WriteLocalizedText(LocalizedText? value)
    {
        var mask = (byte)((value?.Locale is null ? 0 : 0x01) | (value?.Text is null ? 0 : 0x02));
        WriteByte(mask);
        if (value?.Locale is not null)
        {
            WriteString(value.Locale);
        }

        if (value?.Text is not null)
        {
            WriteString(value.Text);
        }
    }

    public void WriteExtensionObject(ExtensionObject? value)
    {
        if (value is null || value.Encoding == ExtensionObjectEncoding.None)
        {
            WriteNodeId(value?.TypeId);
            WriteByte(0);
            return;
        }

        WriteNodeId(value.TypeId);
        WriteByte((byte)value.Encoding);
        WriteByteString(value.Body.Span);
    }

    /// <summary>
    /// Writes an ExtensionObject with a binary body produced in place: the type id, encoding 0x01, and a
    /// length prefix patched once the body is written.
    /// </summary>
    public void WriteExtensionObject(NodeId typeId, Action<UaBinaryWriter> writeBody)
    {
        WriteNodeId(typeId);
        WriteByte(1);
        var lengthAt = Reserve(4);
        var start = Position;
        writeBody(this);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(GetSpan(lengthAt, 4), Position - start);
    }

    public void WriteDataValue(DataValue? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var mask = (byte)((value.Value.IsNull ? 0 : 0x01)
            | (value.Status == StatusCode.Good ? 0 : 0x02)
            | (value.SourceTimestamp is null ? 0 : 0x04)
            | (value.ServerTimestamp is null ? 0 : 0x08)
            | (value.SourcePicoseconds == 0 ? 0 : 0x10)
            | (value.ServerPicoseconds == 0 ? 0 : 0x20));
        WriteByte(mask);
        if (!value.Value.IsNull)
        {
            WriteVariant(value.Value);
        }

        if (value.Status != StatusCode.Good)
        {
            WriteStatusCode(value.Status);
        }

        if (value.SourceTimestamp is { } source)
        {
            WriteDateTime(source);
        }

        if (value.SourcePicoseconds != 0)
        {
            WriteUInt16(value.SourcePicoseconds);
        }

        if (value.ServerTimestamp is { } server)
        {
            WriteDateTime(server);
        }

        if (value.ServerPicoseconds != 0)
        {
            WriteUInt16(value.ServerPicoseconds);
        }
    }

    public void WriteDiagnosticInfo(DiagnosticInfo? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var mask = (byte)((value.SymbolicId is null ? 0 : 0x01)
            | (value.NamespaceUri is null ? 0 : 0x02)
            | (value.LocalizedText is null ? 0 : 0x04)
            | (value.Locale is null ? 0 : 0x08)
            | (value.AdditionalInfo is null ? 0 : 0x10)
            | (value.InnerStatusCode is null ? 0 : 0x20)
            | (value.InnerDiagnosticInfo is null ? 0 : 0x40));
        WriteByte(mask);
        WriteOptional(value.SymbolicId);
        WriteOptional(value.NamespaceUri);
        WriteOptional(value.Locale);
        WriteOptional(value.LocalizedText);
        if (value.AdditionalInfo is not null)
        {
            WriteString(value.AdditionalInfo);
        }

        if (value.InnerStatusCode is { } inner)
        {
            WriteStatusCode(inner);
        }

        if (value.InnerDiagnosticInfo is not null)
        {
            WriteDiagnosticInfo(value.InnerDiagnosticInfo);
        }
    }

    private void WriteOptional(int? value)
    {
        if (value is { } present)
        {
            WriteInt32(present);
        }
    }

    private void WriteNodeId(NodeId value, byte flags)
    {
        var ns = value.NamespaceIndex;
        switch (value.IdType)
        {
            case NodeIdType.Numeric when ns == 0 && value.NumericIdentifier <= byte.MaxValue:
                WriteByte(flags);
                WriteByte((byte)value.NumericIdentifier);
                break;
            case NodeIdType.Numeric when ns <= byte.MaxValue && value.NumericIdentifier <= ushort.MaxValue:
                WriteByte((byte)(flags | 0x01));
                WriteByte((byte)ns);
                WriteUInt16((ushort)value.NumericIdentifier);
                break;
            case NodeIdType.Numeric:
                WriteByte((byte)(flags | 0x02));
                WriteUInt16(ns);
                WriteUInt32(value.NumericIdentifier);
                break;
            case NodeIdType.String:
                WriteByte((byte)(flags | 0x03));
                WriteUInt16(ns);
                WriteString(value.StringIdentifier);
                break;
            case NodeIdType.Guid:
                WriteByte((byte)(flags | 0x04));
                WriteUInt16(ns);
                WriteGuid(value.GuidIdentifier);
                break;
            default:
                WriteByte((byte)(flags | 0x05));
                WriteUInt16(ns);
                WriteByteString(value.OpaqueIdentifier);
                break;
        }
    }
}
