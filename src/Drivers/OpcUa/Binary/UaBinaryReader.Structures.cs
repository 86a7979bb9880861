namespace Proxus.Drivers.OpcUa.Binary;

internal ref partial struct UaBinaryReader
{
    public string? ReadXmlElement() => ReadString();

    /// <summary>A NodeId in one of its six binary forms (Part 6 section 5.2.2.9, Table 6).</summary>
    public NodeId ReadNodeId()
    {
        var encoding = ReadByte();
        if ((encoding & 0xC0) != 0)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, $"NodeId encoding 0x{encoding:X2} has ExpandedNodeId flags.");
        }

        return ReadNodeIdBody(encoding);
    }

    /// <summary>An ExpandedNodeId: a NodeId whose encoding byte flags a namespace URI (0x80) and server index (0x40).</summary>
    public ExpandedNodeId ReadExpandedNodeId()
    {
        var encoding = ReadByte();
        var nodeId = ReadNodeIdBody((byte)(encoding & 0x3F));
        var uri = (encoding & 0x80) != 0 ? ReadString() : null;
        var server = (encoding & 0x40) != 0 ? ReadUInt32() : 0;
        return new ExpandedNodeId(nodeId, uri, server);
    }

    public QualifiedName ReadQualifiedName() => new(ReadUInt16(), ReadString());

    public LocalizedText ReadLocalizedText()
    {
        var mask = ReadByte();
        var locale = (mask & 0x01) != 0 ? ReadString() : null;
        var text = (mask & 0x02) != 0 ? ReadString() : null;
        return new LocalizedText(locale, text);
    }

    public ExtensionObject ReadExtensionObject()
    {
        var typeId = ReadNodeId();
        var encoding = ReadByte();
        switch (encoding)
        {
            case 0:
                return new ExtensionObject(typeId, ExtensionObjectEncoding.None, ReadOnlyMemory<byte>.Empty);
            case 1:
            case 2:
                var body = ReadByteString() ?? [];
                return new ExtensionObject(typeId, (ExtensionObjectEncoding)encoding, body);
            default:
                throw new OpcUaException(StatusCode.BadDecodingError, $"ExtensionObject encoding {encoding} is not 0, 1 or 2.");
        }
    }

    /// <summary>A DataValue: mask, then value, status, source time/picoseconds, server time/picoseconds.</summary>
    public DataValue ReadDataValue()
    {
        EnterNested();
        var mask = ReadByte();
        var value = (mask & 0x01) != 0 ? ReadVariant() : Variant.Null;
        var status = (mask & 0x02) != 0 ? ReadStatusCode() : StatusCode.Good;
        DateTime? source = (mask & 0x04) != 0 ? ReadDateTime() : null;
        var sourcePico = (mask & 0x10) != 0 ? ReadUInt16() : (ushort)0;
        DateTime? server = (mask & 0x08) != 0 ? ReadDateTime() : null;
        var serverPico = (mask & 0x20) != 0 ? ReadUInt16() : (ushort)0;
        LeaveNested();
        return new DataValue(value, status, source, server, sourcePico, serverPico);
    }

    /// <summary>A DiagnosticInfo (Part 6 section 5.2.2.12); the inner chain is bounded by the nesting limit.</summary>
    public DiagnosticInfo? ReadDiagnosticInfo()
    {
        var mask = ReadByte();
        if (mask == 0)
        {
            return null;
        }

        EnterNested();
        int? symbolicId = (mask & 0x01) != 0 ? ReadInt32() : null;
        int? namespaceUri = (mask & 0x02) != 0 ? ReadInt32() : null;
        int? locale = (mask & 0x08) != 0 ? ReadInt32() : null;
        int? localizedText = (mask & 0x04) != 0 ? ReadInt32() : null;
        var additional = (mask & 0x10) != 0 ? ReadString() : null;
        StatusCode? inner = (mask & 0x20) != 0 ? ReadStatusCode() : null;
        var innerInfo = (mask & 0x40) != 0 ? ReadDiagnosticInfo() : null;
        LeaveNested();
        return new DiagnosticInfo(symbolicId, namespaceUri, locale, localizedText, additional, inner, innerInfo);
    }

    private NodeId ReadNodeIdBody(byte encoding)
    {
        switch (encoding)
        {
            case 0x00:
                return new NodeId(ReadByte());
            case 0x01:
                var ns = ReadByte();
                return new NodeId(ReadUInt16(), ns);
            case 0x02:
                var ns2 = ReadUInt16();
                return new NodeId(ReadUInt32(), ns2);
            case 0x03:
                var ns3 = ReadUInt16();
                return new NodeId(ReadString() ?? string.Empty, ns3);
            case 0x04:
                var ns4 = ReadUInt16();
                return new NodeId(ReadGuid(), ns4);
            case 0x05:
                var ns5 = ReadUInt16();
                return new NodeId(ReadByteString() ?? [], ns5);
            default:
                throw new OpcUaException(StatusCode.BadDecodingError, $"NodeId encoding 0x{encoding:X2} is unknown.");
        }
    }
}
