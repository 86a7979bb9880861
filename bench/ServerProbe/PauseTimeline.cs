using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Proxus.Bench.ServerProbe;

/// <summary>
/// One line per event, with the wall-clock time in ticks: every GC pause (suspension to restart, from
/// the runtime's own GC events; and, apart, the part of it spent suspending the threads, with the
/// number of thread-pool threads), every time a dedicated thread that sleeps 1 ms woke more than 5 ms
/// late (the process did not run: a pause, or no CPU), and every time a thread-pool work item queued
/// every 1 ms started more than 5 ms late (the pool was behind).
/// </summary>
internal static class PauseTimeline
{
    private static readonly TimeSpan Late = TimeSpan.FromMilliseconds(5);

    private static StreamWriter? _output;

    // Kept in a static field: the listener stops receiving events once it is collected.
    private static GcPauseListener? _listener;

    public static void Start(string path)
    {
        if (_listener is not null)
        {
            return;
        }

        _output = new StreamWriter(path, append: false) { AutoFlush = true };
        _listener = new GcPauseListener();
        new Thread(Watch) { IsBackground = true, Name = "bench probe", Priority = ThreadPriority.AboveNormal }.Start();
    }

    /// <summary>One line: kind, start (UTC ticks), duration (ticks), value.</summary>
    /// <param name="kind"><c>gc</c>, <c>suspend</c>, <c>stall</c> or <c>pool</c>.</param>
    /// <param name="at">When it began.</param>
    /// <param name="duration">How long it lasted.</param>
    /// <param name="value">The generation of a GC, the thread-pool threads of a suspension, -1 otherwise.</param>
    private static void Write(string kind, DateTime at, TimeSpan duration, int value)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{kind} {at.Ticks} {duration.Ticks} {value}");
        lock (_output!)
        {
            _output.WriteLine(line);
        }
    }

    private static void Watch()
    {
        while (true)
        {
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            var slept = Stopwatch.GetElapsedTime(before);
            if (slept > Late + TimeSpan.FromMilliseconds(1))
            {
                Write("stall", DateTime.UtcNow - slept, slept, -1);
            }

            var queued = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(
                static queuedAt =>
                {
                    var waited = Stopwatch.GetElapsedTime(queuedAt);
                    if (waited > Late)
                    {
                        Write("pool", DateTime.UtcNow - waited, waited, -1);
                    }
                },
                queued,
                preferLocal: false);
        }
    }

    /// <summary>
    /// GC pauses from the runtime's events: GCSuspendEEBegin (9) to GCRestartEEEnd (3), with the
    /// generation of GCStart (1); GCSuspendEEEnd (8) marks the end of the suspension.
    /// </summary>
    private sealed class GcPauseListener : EventListener
    {
        private DateTime _suspendedAt;
        private int _generation = -1;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            switch (eventData.EventId)
            {
                case 9:
                    _suspendedAt = eventData.TimeStamp;
                    _generation = -1;
                    break;
                case 8 when _suspendedAt != default:
                    // GCSuspendEEEnd: every thread reached a safe point; what the pause spent waiting for them.
                    Write("suspend", _suspendedAt, eventData.TimeStamp - _suspendedAt, ThreadPool.ThreadCount);
                    break;
                case 1 when eventData.Payload is { Count: > 1 } payload:
                    _generation = Convert.ToInt32(payload[1], CultureInfo.InvariantCulture);
                    break;
                case 3 when _suspendedAt != default:
                    Write("gc", _suspendedAt, eventData.TimeStamp - _suspendedAt, _generation);
                    _suspendedAt = default;
                    break;
            }
        }
    }
}
