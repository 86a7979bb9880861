using System.Buffers;
using System.Text.Json;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// The buffer a poll loop (or a monitored group) writes its UNS payloads into, one message at a
/// time: the publisher copies each payload before it returns, so one buffer per loop serves all
/// its tags (10,000 tags would otherwise keep 10,000 buffers and JSON writers alive).
/// </summary>
internal sealed class PayloadWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;

    public PayloadWriter()
    {
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>The writer for the next payload, emptied.</summary>
    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset();
        return _json;
    }

    /// <summary>The payload written since <see cref="Begin"/> (the writer flushed).</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            _json.Flush();
            return _buffer.WrittenSpan;
        }
    }
}
