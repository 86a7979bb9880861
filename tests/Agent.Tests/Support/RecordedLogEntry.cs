using Microsoft.Extensions.Logging;

namespace Proxus.Agent.Tests.Support;

/// <summary>One entry kept by <see cref="RecordingLoggerFactory"/>.</summary>
public sealed record RecordedLogEntry(string Category, int EventId, LogLevel Level, string Message);
