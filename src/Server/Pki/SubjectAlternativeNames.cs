using System.Formats.Asn1;

namespace Proxus.Server.Pki;

/// <summary>Reads what .NET's <c>X509SubjectAlternativeNameExtension</c> does not enumerate: URIs.</summary>
internal static class SubjectAlternativeNames
{
    private static readonly Asn1Tag UniformResourceIdentifier = new(TagClass.ContextSpecific, 6);

    /// <summary>
    /// The <c>uniformResourceIdentifier [6] IA5String</c> entries of a DER GeneralNames value
    /// (RFC 5280 4.2.1.6); empty when the extension is malformed.
    /// </summary>
    public static IReadOnlyList<Uri> ReadUris(ReadOnlyMemory<byte> generalNames)
    {
        var uris = new List<Uri>();
        try
        {
            var reader = new AsnReader(generalNames, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.HasSameClassAndValue(UniformResourceIdentifier))
                {
                    var text = sequence.ReadCharacterString(UniversalTagNumber.IA5String, UniformResourceIdentifier);
                    if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
                    {
                        return [];
                    }

                    uris.Add(uri);
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return uris;
    }
}
