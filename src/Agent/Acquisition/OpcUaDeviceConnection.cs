using Proxus.Core.Model;
using Proxus.Drivers.OpcUa;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// An OPC UA server: one session (reconnected by the driver), each group read with one Read
/// service call (split by the driver at the server's operation limits), or monitored in a
/// subscription of its own (<c>OpcUaDeviceConnection.Monitoring.cs</c>). The session's user
/// password is the agent-held secret the configuration names (<see cref="AgentSecrets"/>).
/// </summary>
internal sealed partial class OpcUaDeviceConnection : ISubscribingDeviceConnection
{
    private readonly OpcUaClientOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private OpcUaClient? _client;
    private volatile bool _connected;

    public OpcUaDeviceConnection(Connection connection, TimeSpan requestTimeout, string pkiDirectory, AgentSecrets secrets, TimeProvider time)
    {
        _time = time;
        var endpoint = connection.Endpoint as Core.Model.OpcUaEndpoint
            ?? throw new ArgumentException($"Connection {connection.Id} is OPC UA but its endpoint is {connection.Endpoint.GetType().Name}.", nameof(connection));
        var security = endpoint.Security;
        UserIdentity identity = security.UserName is null
            ? UserIdentity.Anonymous
            : new UserNameIdentity(security.UserName, secrets.Get(security.PasswordSecret ?? throw new ArgumentException($"Connection {connection.Id} names user {security.UserName} but no password secret.", nameof(connection))));
        _options = new OpcUaClientOptions
        {
            EndpointUrl = endpoint.Url,
            SecurityPolicy = security.Policy switch
            {
                OpcUaSecurityPolicy.Basic256Sha256 => SecurityPolicy.Basic256Sha256,
                OpcUaSecurityPolicy.Aes128Sha256RsaOaep => SecurityPolicy.Aes128Sha256RsaOaep,
                OpcUaSecurityPolicy.Aes256Sha256RsaPss => SecurityPolicy.Aes256Sha256RsaPss,
                _ => SecurityPolicy.None,
            },
            SecurityMode = security.Mode switch
            {
                OpcUaSecurityMode.Sign => MessageSecurityMode.Sign,
                OpcUaSecurityMode.SignAndEncrypt => MessageSecurityMode.SignAndEncrypt,
                _ => MessageSecurityMode.None,
            },
            Identity = identity,
            PkiDirectory = pkiDirectory,
            RequestTimeout = requestTimeout,
            AutoReconnect = true,
        };
    }

    public bool IsConnected => _connected;

    public IPollGroupReader CreateGroup(IReadOnlyList<Tag> tags) => new Group(this, tags);

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _connectGate.Dispose();
    }

    private async Task<OpcUaClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { } existing)
        {
            return existing;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _client ??= await OpcUaClient.ConnectAsync(_options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>A value as the server reported it: quality from its status code, its source timestamp (else <paramref name="now"/>).</summary>
    private static RawReading ToReading(DataValue value, DateTimeOffset now)
    {
        var timestamp = value.SourceTimestamp is { } source ? new DateTimeOffset(DateTime.SpecifyKind(source, DateTimeKind.Utc)) : now;
        return value.Status.IsBad
            ? RawReading.Bad(value.Status.Name, timestamp)
            : new RawReading(DriverValues.ToTagValue(value.Value.Value), null, timestamp, value.Status.IsUncertain ? value.Status.Name : null);
    }

    private sealed class Group(OpcUaDeviceConnection owner, IReadOnlyList<Tag> tags) : IPollGroupReader
    {
        private readonly PollGroupAddresses<NodeId> _nodes = new(tags, tag => NodeId.Parse(tag.Address), exception => exception is FormatException);

        public async Task<IReadOnlyList<RawReading>> ReadAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<DataValue> values;
            try
            {
                var client = await owner.ConnectAsync(cancellationToken).ConfigureAwait(false);
                values = _nodes.Readable.Count == 0 ? [] : await client.ReadAsync(_nodes.Readable, cancellationToken: cancellationToken).ConfigureAwait(false);
                owner._connected = true;
            }
            catch (Exception exception) when (exception is OpcUaException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                owner._connected = false;
                return _nodes.AllBad(exception.Message, owner._time.GetUtcNow());
            }

            var now = owner._time.GetUtcNow();
            return _nodes.Merge(values, now, (value, _) => ToReading(value, now));
        }
    }
}
