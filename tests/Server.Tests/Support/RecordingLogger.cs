using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Proxus.Server.Tests.Support;

/// <summary>A logger that keeps every entry, for assertions on what was logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<RecordedLog> _entries = new();

    public IReadOnlyCollection<RecordedLog> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _entries.Enqueue(new RecordedLog(logLevel, eventId.Id, formatter(state, exception)));
}
