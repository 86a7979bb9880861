using Microsoft.Extensions.Logging;

namespace Proxus.Server.Tests.Support;

/// <summary>One entry kept by <see cref="RecordingLogger{T}"/>.</summary>
public sealed record RecordedLog(LogLevel Level, int EventId, string Message);
