using System.Text;
using System.Text.Json;

namespace Proxus.Mqtt.Broker.Persistence;

public sealed partial class MqttFileStore
{
    /// <summary>Reads the log into the in-memory state, stopping at the first line that is not a whole record.</summary>
    private async Task ReadLogAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(_logPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            MqttStoreRecord? record = null;
            try
            {
                record = JsonSerializer.Deserialize(line, MqttStoreJsonContext.Default.MqttStoreRecord);
            }
            catch (JsonException ex)
            {
                MqttFileStoreLog.CorruptRecord(_logger, _logPath, lineNumber, ex.Message);
                return;
            }

            if (record is null)
            {
                MqttFileStoreLog.CorruptRecord(_logger, _logPath, lineNumber, "not a record");
                return;
            }

            try
            {
                Apply(record);
            }
            catch (InvalidDataException ex)
            {
                MqttFileStoreLog.CorruptRecord(_logger, _logPath, lineNumber, ex.Message);
                return;
            }
        }
    }

    /// <summary>Rewrites the log from the live state: temporary file, flushed to disk, renamed over the log.</summary>
    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
            _log = null;
        }

        var temporary = _logPath + ".tmp";
        long records = 0;
        await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            foreach (var message in _retained.Values)
            {
                await WriteLineAsync(output, new MqttStoreRecord { Kind = MqttStoreRecord.SetRetainedKind, Key = message.Topic, Retained = message }, cancellationToken).ConfigureAwait(false);
                records++;
            }

            foreach (var session in _sessions.Values)
            {
                await WriteLineAsync(output, new MqttStoreRecord { Kind = MqttStoreRecord.SaveSessionKind, Key = session.ClientId, Session = session }, cancellationToken).ConfigureAwait(false);
                records++;
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
        }

        File.Move(temporary, _logPath, overwrite: true);
        _recordsInLog = records;
        _log = new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
        MqttFileStoreLog.Compacted(_logger, _logPath, records);
    }

    private static async Task WriteLineAsync(FileStream output, MqttStoreRecord record, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, MqttStoreJsonContext.Default.MqttStoreRecord);
        await output.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        output.WriteByte((byte)'\n');
    }
}
