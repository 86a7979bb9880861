using Microsoft.Extensions.Logging;
using Proxus.Core.Configuration;

namespace Proxus.Agent.Configuration;

public sealed partial class ConfigurationManager
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Configuration version {Version} applied (connections: {Connections}, tags: {Tags})")]
    private static partial void LogApplied(ILogger logger, long version, int connections, int tags);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Configuration version {Version} rejected ({Failure}): {Reason}; the running configuration is kept")]
    private static partial void LogRejected(ILogger logger, long? version, ConfigVerificationFailure failure, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Cannot fetch the configuration: {Error}")]
    private static partial void LogFetchFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Cannot report configuration version {Version} to the server: {Error}")]
    private static partial void LogReportFailed(ILogger logger, long version, string error);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "No stored configuration; waiting for the server to issue one")]
    private static partial void LogNoStoredConfiguration(ILogger logger);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "The stored configuration is not valid ({Failure}): {Reason}")]
    private static partial void LogStoredRejected(ILogger logger, ConfigVerificationFailure failure, string reason);
}
