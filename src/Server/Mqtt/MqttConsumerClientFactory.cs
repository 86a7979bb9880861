using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Builds the <see cref="MqttClientOptions"/> of the server's consumers from
/// <see cref="MqttConsumerOptions"/>: the embedded broker, reached in-process
/// (<see cref="EmbeddedBrokerTransport"/>) with the server's own credentials, or the configured
/// external broker. MQTT 5.0 always (shared subscriptions). The clients know when the server stops
/// (<see cref="MqttClientOptions.HostStopping"/>), so the broker's goodbye then is not a warning.
/// </summary>
public sealed class MqttConsumerClientFactory(
    IOptions<MqttConsumerOptions> consumerOptions,
    IOptions<MqttServerOptions> serverOptions,
    ServerMqttCredentials credentials,
    EmbeddedBrokerTransport? embeddedBroker = null,
    IHostApplicationLifetime? lifetime = null)
{
    /// <summary>How the in-process connections to the embedded broker are named in logs.</summary>
    public static readonly Uri EmbeddedBrokerName = new("mqtt://embedded-broker");

    /// <summary>
    /// Distinct topics (tags) each consumer connection keeps as shared strings found by their UTF-8
    /// bytes (<see cref="MqttClientOptions.ReceivedTopicCacheCapacity"/>): a value on a known tag costs
    /// no topic decoding and no topic string; at most about 8 MB. Tags beyond it are decoded per message.
    /// </summary>
    public const int ReceivedTopicCacheCapacity = 32_768;

    /// <summary>
    /// The client options for one consumer, or null when there is no broker to consume: the
    /// consumers are disabled, or the broker is the embedded one and either it is not hosted in this
    /// process or its loopback listener (<c>Mqtt:Port</c>) is off, which keeps the consumers off as it
    /// always has (they no longer connect through it).
    /// </summary>
    /// <param name="role">Appended to the configured client id (<c>ingest</c>, <c>status</c>).</param>
    /// <param name="persistentSession">Keep the session (and its unacknowledged messages) across connections.</param>
    /// <param name="manualAcknowledgement">Acknowledge each QoS 1/2 message explicitly (after it is processed).</param>
    public MqttClientOptions? Create(string role, bool persistentSession, bool manualAcknowledgement)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        var consumer = consumerOptions.Value;
        if (!consumer.Enabled)
        {
            return null;
        }

        var options = new MqttClientOptions
        {
            Server = new Uri("mqtt://127.0.0.1"),
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = $"{consumer.ClientId}-{role}",
            CleanStart = !persistentSession,
            SessionExpiryInterval = persistentSession ? (uint)consumer.SessionExpiry.TotalSeconds : 0,
            ReceiveMaximum = (ushort)consumer.ReceiveMaximum,
            ReceiveBufferCapacity = consumer.ReceiveMaximum,
            ManualAcknowledgement = manualAcknowledgement,
            ReceivedTopicCacheCapacity = ReceivedTopicCacheCapacity,

            // The broker saying Server shutting down while this server stops too is expected, not a fault.
            HostStopping = lifetime?.ApplicationStopping ?? CancellationToken.None,
        };

        if (consumer.UsesEmbeddedBroker)
        {
            return embeddedBroker is null || serverOptions.Value.Port == 0 ? null : options with
            {
                Server = EmbeddedBrokerName,
                Transport = embeddedBroker.ConnectAsync,
                Username = ServerMqttCredentials.UserName,
                Password = credentials.Password,
            };
        }

        var server = new Uri(consumer.Url!);
        return options with
        {
            Server = server,
            Username = string.IsNullOrEmpty(consumer.Username) ? null : consumer.Username,
            Password = consumer.Password is null ? null : Encoding.UTF8.GetBytes(consumer.Password),
            Tls = server.Scheme is "mqtts" or "wss" ? CreateTls(consumer) : null,
        };
    }

    private static MqttClientTlsOptions CreateTls(MqttConsumerOptions consumer)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(consumer.CaCertificatePath!);
        return new MqttClientTlsOptions
        {
            TrustedCertificateAuthorities = authorities,
            ClientCertificate = string.IsNullOrEmpty(consumer.CertificatePath)
                ? null
                : X509Certificate2.CreateFromPemFile(consumer.CertificatePath, string.IsNullOrEmpty(consumer.KeyPath) ? null : consumer.KeyPath),
        };
    }
}
