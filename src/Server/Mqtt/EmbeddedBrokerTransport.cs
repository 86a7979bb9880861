using System.IO.Pipelines;
using Proxus.Mqtt.Broker;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Connects the server's own MQTT consumers to the embedded broker inside the process: a pair of
/// in-memory pipes instead of a loopback socket, so no system call, socket completion or kernel
/// copy per packet. Both ends still speak MQTT byte for byte: the client is an ordinary
/// <c>MqttClient</c> and the broker serves the connection through
/// <see cref="MqttBroker.RunConnectionAsync"/> like any other (authentication by
/// <see cref="ServerMqttCredentials"/>, authorization, limits, metrics and audit), with the
/// transport name <see cref="TransportName"/>, which no network listener uses. Each pipe pauses its
/// writer at <see cref="BufferLimit"/> unread bytes, as a full socket buffer would.
/// </summary>
public sealed partial class EmbeddedBrokerTransport(MqttBroker broker, ILogger<EmbeddedBrokerTransport> logger)
{
    /// <summary>The <see cref="MqttConnectionInfo.Transport"/> of these connections.</summary>
    public const string TransportName = "memory";

    private const int BufferLimit = 1024 * 1024;

    private static readonly PipeOptions Options = new(pauseWriterThreshold: BufferLimit, resumeWriterThreshold: BufferLimit / 2, useSynchronizationContext: false);

    private static readonly MqttConnectionInfo Info = new() { Transport = TransportName };

    /// <summary>
    /// Opens one connection: the broker starts serving its end at once; the returned stream is the
    /// client's end (<see cref="Proxus.Mqtt.Client.MqttClientOptions.Transport"/>). Disposing the
    /// stream closes the connection; the broker closing it (or stopping) ends the stream.
    /// </summary>
    public ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var toBroker = new Pipe(Options);
        var toClient = new Pipe(Options);
        _ = ServeAsync(new BrokerEnd(toBroker.Reader, toClient.Writer));
        return ValueTask.FromResult<Stream>(new PipeStream(toClient.Reader, toBroker.Writer));
    }

    private async Task ServeAsync(BrokerEnd end)
    {
        try
        {
            await broker.RunConnectionAsync(end, Info, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The broker handles whatever the client does; this is a defect, and the client reconnects.
            LogConnectionFailed(logger, e);
        }
        finally
        {
            // The broker completes its end when it is done; completing again is harmless.
            await end.Input.CompleteAsync().ConfigureAwait(false);
            await end.Output.CompleteAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 8114, Level = LogLevel.Error, Message = "An in-process connection to the embedded MQTT broker failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    private sealed record BrokerEnd(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
