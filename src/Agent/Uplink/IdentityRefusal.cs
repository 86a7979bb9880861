using System.Net.Sockets;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Uplink;

/// <summary>
/// Recognizes a connection attempt that failed because the server refused the agent's identity, as
/// opposed to a server that is down or a man in the middle (which the agent refuses itself).
/// <list type="bullet">
/// <item><see cref="IdentityRefusalKind.Certain"/>: CONNACK with Bad User Name or Password (0x86) or
/// Not Authorized (0x87), MQTT 5.0 section 3.2.2.2; or a TLS alert from the server about the
/// certificate (revoked, bad, unknown, required, access denied).</item>
/// <item><see cref="IdentityRefusalKind.Suspected"/>: over TLS, the server closed the connection after
/// the handshake and before any CONNACK (end of stream, or a reset or broken pipe when our CONNECT
/// crossed the server's close). That is how a TLS 1.3 server that checks client certificates
/// in the handshake refuses one (ours refuses a revoked certificate so: the client's handshake is
/// complete before the server has judged its certificate), but an overloaded or stopping server can do
/// it once too, so it counts only when it repeats (<see cref="ConnectFailureLog"/>).</item>
/// </list>
/// </summary>
internal static class IdentityRefusal
{
    public static IdentityRefusalKind Recognize(Exception exception, Uri broker, out string reason)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(broker);
        if (exception is MqttClientException { Error: MqttClientError.ConnectRefused, ReasonCode: MqttReasonCode.NotAuthorized or MqttReasonCode.BadUserNameOrPassword } refused)
        {
            reason = $"CONNACK {refused.ReasonCode}";
            return IdentityRefusalKind.Certain;
        }

        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (IsCertificateAlert(current.Message))
            {
                reason = "TLS alert: " + current.Message.Trim();
                return IdentityRefusalKind.Certain;
            }
        }

        // The client's own end-of-stream while waiting for CONNACK: an IOException with no cause of its own.
        if (exception is MqttClientException { Error: MqttClientError.TransportFailed, InnerException: IOException { InnerException: null } closed }
            && closed.GetType() == typeof(IOException)
            && closed.Message.Contains("CONNACK", StringComparison.Ordinal)
            && broker.Scheme is "mqtts" or "wss")
        {
            reason = "the server closed the TLS connection before CONNACK";
            return IdentityRefusalKind.Suspected;
        }

        // The same refusal seen from a write: the server dropped the connection before the CONNECT was
        // written or answered, and the socket says reset or broken pipe instead of end of stream.
        if (exception is MqttClientException { Error: MqttClientError.TransportFailed, InnerException: IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted } } }
            && broker.Scheme is "mqtts" or "wss")
        {
            reason = "the server reset the TLS connection before CONNACK";
            return IdentityRefusalKind.Suspected;
        }

        reason = string.Empty;
        return IdentityRefusalKind.None;
    }

    /// <summary>
    /// A TLS alert the server sent about our certificate, as the platform words it: .NET's
    /// "the remote party sent a TLS alert: 'CertificateRevoked'" or OpenSSL's "sslv3 alert bad
    /// certificate", "tlsv13 alert certificate required", "tlsv1 alert unknown ca", "tlsv1 alert
    /// access denied". A certificate the agent itself rejects (a man in the middle) is no alert received.
    /// </summary>
    private static bool IsCertificateAlert(string message)
        => message.Contains("alert", StringComparison.OrdinalIgnoreCase)
            && (message.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                || message.Contains("unknown ca", StringComparison.OrdinalIgnoreCase)
                || message.Contains("UnknownCA", StringComparison.Ordinal)
                || message.Contains("access denied", StringComparison.OrdinalIgnoreCase)
                || message.Contains("AccessDenied", StringComparison.Ordinal));
}
