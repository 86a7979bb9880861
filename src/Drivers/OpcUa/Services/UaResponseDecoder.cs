using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>
/// Decodes a reassembled response: the type id, a ServiceFault or the expected response, the header
/// (a bad ServiceResult throws; so does a RequestHandle other than the request's), then the body.
/// </summary>
internal static class UaResponseDecoder
{
    /// <param name="message">The reassembled message body.</param>
    /// <param name="limits">Caps on the lengths read from the message.</param>
    /// <param name="requestHandle">
    /// The handle the request was sent with (Part 4 section 7.33), which the response header must echo
    /// (a ServiceFault may also carry 0, from a server that could not decode the request); null skips the check.
    /// </param>
    public static T Decode<T>(ReadOnlySpan<byte> message, UaEncodingLimits limits, uint? requestHandle = null)
        where T : IUaResponse<T>
    {
        var reader = new UaBinaryReader(message, limits);
        var typeId = reader.ReadNodeId();
        if (typeId.NamespaceIndex != 0 || typeId.IdType != NodeIdType.Numeric)
        {
            throw new OpcUaException(StatusCode.BadUnknownResponse, $"Unexpected response type {typeId}.");
        }

        var header = ResponseHeader.Decode(ref reader);
        var isFault = typeId.NumericIdentifier == ServiceIds.ServiceFault;
        if (requestHandle is { } expected && header.RequestHandle != expected && !(isFault && header.RequestHandle == 0))
        {
            throw new OpcUaException(StatusCode.BadUnknownResponse, $"The response carries request handle {header.RequestHandle}, expected {expected}.");
        }

        if (isFault)
        {
            throw new OpcUaException(header.ServiceResult.IsBad ? header.ServiceResult : StatusCode.BadUnexpectedError, "The server answered with a ServiceFault.");
        }

        if (typeId.NumericIdentifier != T.BinaryEncodingId)
        {
            throw new OpcUaException(StatusCode.BadUnknownResponse, $"Expected response type i={T.BinaryEncodingId}, got {typeId}.");
        }

        if (header.ServiceResult.IsBad)
        {
            throw new OpcUaException(header.ServiceResult, "The service failed.");
        }

        return T.Decode(ref reader);
    }

    /// <summary>Writes the type id, the request header and the body of a request.</summary>
    public static void EncodeRequest(UaBinaryWriter writer, IUaRequest request, NodeId? authenticationToken, uint requestHandle, uint timeoutHintMs)
    {
        writer.WriteNodeId(new NodeId(request.BinaryEncodingId));
        RequestHeader.Encode(writer, authenticationToken, requestHandle, timeoutHintMs);
        request.Encode(writer);
    }
}
