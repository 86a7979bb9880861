using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Proxus.Mqtt.Broker.Persistence;

/// <summary>
/// A durable <see cref="IMqttBrokerStore"/> in one directory: an append-only log of JSON lines
/// (retained message set/cleared, session saved/removed) written by a background task in batches,
/// each batch flushed to disk once. The store keeps the live state in memory and rewrites the log
/// from it (temporary file, fsync, atomic rename) when the log holds more than twice the live records,
/// and at every load, which also drops a line torn by a crash.
/// </summary>
public sealed partial class MqttFileStore : IMqttBrokerStore, IAsyncDisposable
{
    private const string LogFileName = "mqtt-store.jsonl";
    private const int MinimumRecordsBeforeCompaction = 1_000;

    private readonly string _directory;
    private readonly string _logPath;
    private readonly ILogger _logger;
    private readonly Channel<Operation> _operations = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, MqttRoutedMessage> _retained = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MqttSessionState> _sessions = new(StringComparer.Ordinal);
    private FileStream? _log;
    private Task _writer = Task.CompletedTask;
    private long _recordsInLog;

    public MqttFileStore(string directory, ILogger<MqttFileStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _logPath = Path.Combine(_directory, LogFileName);
        _logger = logger ?? NullLogger<MqttFileStore>.Instance;
    }

    /// <summary>Where the log lives.</summary>
    public string LogPath => _logPath;

    public async ValueTask<MqttBrokerSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        if (_log is not null)
        {
            throw new InvalidOperationException("The store was already loaded.");
        }

        Directory.CreateDirectory(_directory);
        if (File.Exists(_logPath))
        {
            await ReadLogAsync(cancellationToken).ConfigureAwait(false);
        }

        await CompactAsync(cancellationToken).ConfigureAwait(false);
        _writer = Task.Run(() => WriteLoopAsync(CancellationToken.None), CancellationToken.None);
        return new MqttBrokerSnapshot
        {
            RetainedMessages = [.. _retained.Values],
            Sessions = [.. _sessions.Values],
        };
    }

    public void SetRetained(MqttRoutedMessage message)
        => Enqueue(new MqttStoreRecord { Kind = MqttStoreRecord.SetRetainedKind, Key = message.Topic, Retained = message });

    public void RemoveRetained(string topic)
        => Enqueue(new MqttStoreRecord { Kind = MqttStoreRecord.RemoveRetainedKind, Key = topic });

    public void SaveSession(MqttSessionState session)
        => Enqueue(new MqttStoreRecord { Kind = MqttStoreRecord.SaveSessionKind, Key = session.ClientId, Session = session });

    public void RemoveSession(string clientId)
        => Enqueue(new MqttStoreRecord { Kind = MqttStoreRecord.RemoveSessionKind, Key = clientId });

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_operations.Writer.TryWrite(new Operation(null, flushed)))
        {
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _operations.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
            _log = null;
        }
    }

    private void Enqueue(MqttStoreRecord record)
    {
        if (!_operations.Writer.TryWrite(new Operation(record, null)))
        {
            MqttFileStoreLog.WriteAfterDispose(_logger, record.Kind, record.Key);
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _operations.Reader;
        var flushes = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var operation))
                {
                    if (operation.Record is { } record)
                    {
                        Apply(record);
                        await AppendAsync(record, cancellationToken).ConfigureAwait(false);
                    }

                    if (operation.Flushed is { } flushed)
                    {
                        flushes.Add(flushed);
                    }
                }

                await _log!.FlushAsync(cancellationToken).ConfigureAwait(false);
                _log.Flush(flushToDisk: true);
                if (_recordsInLog > MinimumRecordsBeforeCompaction && _recordsInLog > 2 * (_retained.Count + _sessions.Count))
                {
                    await CompactAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (IOException ex)
            {
                // The broker keeps running on its in-memory state; the next batch retries on a fresh log.
                MqttFileStoreLog.WriteFailed(_logger, _logPath, ex);
                await TryCompactAfterFailureAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }

            flushes.Clear();
        }
    }

    private async Task TryCompactAfterFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CompactAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            MqttFileStoreLog.WriteFailed(_logger, _logPath, ex);
        }
    }

    private void Apply(MqttStoreRecord record)
    {
        switch (record.Kind)
        {
            case MqttStoreRecord.SetRetainedKind when record.Retained is not null:
                _retained[record.Key] = record.Retained;
                break;
            case MqttStoreRecord.RemoveRetainedKind:
                _retained.Remove(record.Key);
                break;
            case MqttStoreRecord.SaveSessionKind when record.Session is not null:
                _sessions[record.Key] = record.Session;
                break;
            case MqttStoreRecord.RemoveSessionKind:
                _sessions.Remove(record.Key);
                break;
            default:
                throw new InvalidDataException($"Unknown store record '{record.Kind}'.");
        }
    }

    private async Task AppendAsync(MqttStoreRecord record, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, MqttStoreJsonContext.Default.MqttStoreRecord);
        await _log!.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        _log.WriteByte((byte)'\n');
        _recordsInLog++;
    }

    private readonly record struct Operation(MqttStoreRecord? Record, TaskCompletionSource? Flushed);
}
