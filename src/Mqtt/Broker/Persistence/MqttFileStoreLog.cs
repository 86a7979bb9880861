using Microsoft.Extensions.Logging;

namespace Proxus.Mqtt.Broker.Persistence;

/// <summary>Source-generated log messages of the file store (event ids 2100-2199).</summary>
internal static partial class MqttFileStoreLog
{
    [LoggerMessage(2100, LogLevel.Warning, "MQTT store {Path}: line {Line} is not a whole record ({Detail}); it and anything after it are dropped")]
    public static partial void CorruptRecord(ILogger logger, string path, int line, string detail);

    [LoggerMessage(2101, LogLevel.Error, "MQTT store {Path} could not be written")]
    public static partial void WriteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(2102, LogLevel.Debug, "MQTT store {Path} compacted to {Records} records")]
    public static partial void Compacted(ILogger logger, string path, long records);

    [LoggerMessage(2103, LogLevel.Warning, "MQTT store closed: {Kind} of {Key} not written")]
    public static partial void WriteAfterDispose(ILogger logger, string kind, string key);
}
