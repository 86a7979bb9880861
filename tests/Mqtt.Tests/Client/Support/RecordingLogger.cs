using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Proxus.Mqtt.Tests.Client.Support;

/// <summary>A logger that keeps every entry (level, event id, message, exception) for assertions on what was logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyCollection<(LogLevel Level, int EventId, string Message, Exception? Exception)> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _entries.Enqueue((logLevel, eventId.Id, formatter(state, exception), exception));
}
